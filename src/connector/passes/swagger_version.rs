//! Writes a `swagger` version given as a number (`swagger: 2.0` in YAML) as the string `"2.0"`.

use crate::value::Lookup;
use serde_json::Value;

use crate::connector::PassOut;

crate::declare_pass! {
    /// Pass: a `swagger` version written as the number 2.0 (an unquoted `swagger: 2.0` in YAML)
    /// becomes the string `"2.0"`.
    ///
    /// ## What
    /// A connector pass. When the root `swagger` member is a number equal to 2 (`2.0`, `2`), it
    /// is written as the string `"2.0"`, with a warning. Any other value is left for
    /// `swagger-version` to report.
    ///
    /// ## Why
    /// The importer reads only the string `"2.0"` and rejects the whole definition otherwise
    /// (SpecificationVersionIncorrect). In YAML an unquoted `2.0` is a number, an easy slip.
    ///
    /// ## Example
    /// `swagger: 2.0` is written `swagger: "2.0"`.
    ///
    /// ## Fix
    /// Nothing to do; quote the version in the source (`swagger: "2.0"`) to keep it a string.
    pub static SWAGGER_VERSION = Pass(run) {
        code: "CCF632",
        name: "fix-swagger-version",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    let Some(v) = doc.field_mut("swagger") else {
        return;
    };
    if v.as_f64() == Some(2.0) {
        let was = v.to_string();
        *v = Value::String("2.0".into());
        out.warn(
            "/swagger",
            format!("`swagger` was the number {was}; written as the string \"2.0\""),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connector::passes::{bad_good, run_pass};
    use serde_json::json;

    #[test]
    fn a_number_two_becomes_the_string() {
        for n in [json!(2.0), json!(2)] {
            let found = bad_good(
                &SWAGGER_VERSION,
                json!({"swagger": n, "info": {}}),
                json!({"swagger": "2.0", "info": {}}),
            );
            assert_eq!(
                found,
                [(
                    "/swagger".to_string(),
                    format!("`swagger` was the number {n}; written as the string \"2.0\"")
                )]
            );
        }
    }

    #[test]
    fn a_string_or_another_version_is_left_alone() {
        for v in [json!("2.0"), json!(3.0), json!("3.0.1"), json!(null)] {
            let mut doc = json!({"swagger": v});
            let before = doc.clone();
            assert!(run_pass(&SWAGGER_VERSION, &mut doc).is_empty());
            assert_eq!(doc, before);
        }
    }
}

//! `ccforge rules [NAME|CODE|MICROSOFT-NAME]`.

use crate::diagnostic::Code;
use crate::registry;

/// How `rules` prints the list.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ListFormat {
    /// A table for people.
    Text,
    /// One JSON object per code, for scripts and docs generators.
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// A rule's name or code, or the name of a Microsoft validator rule; prints its
    /// documentation.
    rule: Option<String>,

    /// Format of the list (or of the one rule's entry).
    #[arg(long, value_enum, default_value = "text")]
    format: ListFormat,

    /// Print the JSON Schema of ccforge.toml.
    #[arg(long, conflicts_with = "rule")]
    config_schema: bool,
}

pub fn run(args: Args) -> u8 {
    if args.config_schema {
        return super::print_stdout(&crate::emit::to_json(&crate::config::json_schema()));
    }
    let found: Vec<&'static Code> = match &args.rule {
        None => registry::all().collect(),
        Some(key) => match registry::find(key) {
            // A Microsoft name may be checked by several rules: show each.
            Some(c) if !c.code.eq_ignore_ascii_case(key) && !c.name.eq_ignore_ascii_case(key) => {
                registry::for_microsoft(key).collect()
            }
            Some(c) => vec![c],
            None => {
                eprintln!(
                    "error: no rule is named or coded `{key}`, and none checks a Microsoft rule of \
                     that name; run `ccforge rules` for the list"
                );
                return super::EXIT_INPUT;
            }
        },
    };
    let text = match (args.format, &args.rule) {
        (ListFormat::Json, _) => {
            let list: Vec<serde_json::Value> = found.iter().map(|c| entry(c)).collect();
            crate::emit::to_json(&serde_json::Value::Array(list))
        }
        (ListFormat::Text, None) => table(&found),
        (ListFormat::Text, Some(_)) => found.iter().map(|c| page(c)).collect::<Vec<_>>().join("\n"),
    };
    super::print_stdout(&text)
}

/// One code as `rules --format json` lists it.
pub fn entry(c: &Code) -> serde_json::Value {
    serde_json::json!({
        "code": c.code,
        "name": c.name,
        "severity": c.severity.as_str(),
        "profile": c.profile.as_str(),
        "kind": c.kind.as_str(),
        "document": c.document.as_str(),
        "microsoft": c.microsoft,
        "summary": c.summary(),
    })
}

fn table(codes: &[&Code]) -> String {
    let mut out = format!("{:<7} {:<30} {:<8} SUMMARY\n", "CODE", "NAME", "SEVERITY");
    for m in codes {
        out.push_str(&format!(
            "{:<7} {:<30} {:<8} {}\n",
            m.code,
            m.name,
            m.severity.as_str(),
            m.summary()
        ));
    }
    out
}

/// One code's documentation page.
pub fn page(m: &Code) -> String {
    let mut out = format!("# {} {}\n\n", m.code, m.name);
    out.push_str(&format!("Default severity: {}\n\n", m.severity));
    if !m.microsoft.is_empty() {
        let names: Vec<String> = m.microsoft.iter().map(|n| format!("`{n}`")).collect();
        out.push_str(&format!(
            "Microsoft's validator calls it {}.\n\n",
            names.join(", ")
        ));
    }
    out.push_str(&m.docs());
    out.push('\n');
    out
}

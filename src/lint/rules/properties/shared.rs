//! Reading the OAuth settings of apiProperties.json.

use crate::value::Lookup;
use serde_json::{Map, Value};

/// Every `oauthSetting` connection parameter, with its pointer: in `connectionParameters` and in
/// each of `connectionParameterSets`.
pub(super) fn oauth_settings(props: &Value) -> Vec<(String, &Map<String, Value>)> {
    let mut lists: Vec<(String, &Value)> = Vec::new();
    if let Some(p) = props.pointer("/properties/connectionParameters") {
        lists.push(("/properties/connectionParameters".into(), p));
    }
    if let Some(sets) = props
        .pointer("/properties/connectionParameterSets/values")
        .and_then(Value::as_array)
    {
        for (i, set) in sets.iter().enumerate() {
            if let Some(p) = set.field("parameters") {
                lists.push((
                    format!("/properties/connectionParameterSets/values/{i}/parameters"),
                    p,
                ));
            }
        }
    }
    let mut out = Vec::new();
    for (base, params) in lists {
        for (k, v) in params.as_object().into_iter().flatten() {
            if v.field("type").and_then(Value::as_str) == Some("oauthSetting")
                && let Some(s) = v.field("oAuthSettings").and_then(Value::as_object)
            {
                out.push((
                    format!(
                        "{base}/{}/oAuthSettings",
                        crate::diagnostic::escape_token(k)
                    ),
                    s,
                ));
            }
        }
    }
    out
}

pub(super) fn provider(s: &Map<String, Value>) -> Option<&str> {
    s.field("identityProvider").and_then(Value::as_str)
}

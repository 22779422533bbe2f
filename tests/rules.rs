//! `ccforge rules`: the listing, the JSON entries, lookups by Microsoft name, and the generated
//! reference in docs/rules.md, through the binary.

use assert_cmd::Command;
use std::path::Path;

fn rules(args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("ccforge")
        .unwrap()
        .arg("rules")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn the_reference_page_is_generated_from_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    let (code, generated) = rules(&["--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(
        on_disk == generated,
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

#[test]
fn json_lists_every_code_with_its_declaration() {
    let (code, text) = rules(&["--format", "json"]);
    assert_eq!(code, 0);
    let list: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert!(list.len() > 60, "{}", list.len());
    for e in &list {
        for key in [
            "code", "name", "severity", "profile", "kind", "document", "summary",
        ] {
            assert!(e[key].is_string(), "{key} in {e}");
        }
        assert!(e["microsoft"].is_array(), "{e}");
    }
    let kinds: std::collections::BTreeSet<&str> =
        list.iter().filter_map(|e| e["kind"].as_str()).collect();
    for k in ["input", "lint", "pass", "conversion"] {
        assert!(kinds.contains(k), "no {k} code in {kinds:?}");
    }
    let redefined = list.iter().find(|e| e["name"] == "path-redefined").unwrap();
    assert_eq!(redefined["microsoft"], serde_json::json!(["PathRedefined"]));
    assert_eq!(redefined["code"], "CCF215");
    assert_eq!(redefined["document"], "definition");
}

#[test]
fn a_microsoft_rule_name_finds_the_rule_that_checks_it() {
    let (code, text) = rules(&["BodyOrFormDataParameterInFetchOperationNotAllowed"]);
    assert_eq!(code, 0);
    assert!(text.starts_with("# CCF305 body-in-get\n"), "{text}");
    let (code, text) = rules(&["pathredefined", "--format", "json"]);
    assert_eq!(code, 0);
    let list: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "path-redefined");
}

#[test]
fn an_unknown_name_exits_two() {
    let (code, text) = rules(&["NoSuchRuleAnywhere"]);
    assert_eq!(code, 2);
    assert!(text.is_empty());
}

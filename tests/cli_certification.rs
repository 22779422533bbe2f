//! The certification profile through the real binary: `--profile`, `profile =` in ccforge.toml,
//! its rules at their nodes, its passes' placeholders, and `rules` showing it.

mod common;
use common::ccforge;

use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/certification")
        .join(rel)
}

/// (code, pointer, line) of each finding of a JSON report.
fn found(json: &[u8]) -> Vec<(String, String, u64)> {
    let report: Value = serde_json::from_slice(json).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["pointer"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn lint(args: &[&str], path: &Path) -> (Vec<(String, String, u64)>, i32) {
    let out = ccforge()
        .arg("lint")
        .args(args)
        .args(["--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    (found(&out.stdout), out.status.code().unwrap())
}

fn owned(v: &[(&str, &str, u64)]) -> Vec<(String, String, u64)> {
    v.iter()
        .map(|(c, p, l)| (c.to_string(), p.to_string(), *l))
        .collect()
}

#[test]
fn certification_rules_report_at_their_nodes_only_under_the_profile() {
    let unready = fixture("unready");
    let (plain, code) = lint(&[], &unready);
    assert_eq!((plain, code), (vec![], 0));
    let (cert, code) = lint(&["--profile", "certification"], &unready);
    assert_eq!(code, 1);
    assert_eq!(
        cert,
        owned(&[
            ("CCF478", "", 1),
            ("CCF493", "", 2),
            ("CCF476", "/info", 3),
            ("CCF471", "/info/title", 4),
            ("CCF472", "/info/title", 4),
            ("CCF474", "/info/description", 5),
            ("CCF487", "/info/description", 5),
            ("CCF490", "/host", 8),
            ("CCF481", "/paths/~1parcels/get", 13),
            ("CCF482", "/paths/~1parcels/get", 13),
            ("CCF483", "/paths/~1parcels/get", 13),
            ("CCF488", "/paths/~1parcels/get/operationId", 14),
            ("CCF484", "/paths/~1parcels/get/parameters/0", 16),
            (
                "CCF487",
                "/paths/~1parcels/get/parameters/0/description",
                20
            ),
            ("CCF489", "/paths/~1parcels/get/responses/200/schema", 26),
        ])
    );
    // The clean twin passes.
    assert_eq!(
        lint(&["--profile", "certification"], &fixture("ready")),
        (vec![], 0)
    );
}

#[test]
fn the_config_chooses_the_profile_and_the_command_line_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Contoso");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        fixture("unready/apiDefinition.swagger.json"),
        folder.join("apiDefinition.swagger.json"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ccforge.toml"),
        "profile = \"certification\"\n",
    )
    .unwrap();
    let (cert, _) = lint(&[], &folder);
    assert_eq!(cert.len(), 15);
    assert_eq!(lint(&["--profile", "default"], &folder), (vec![], 0));
    // One certification rule switched on by name, without the profile.
    std::fs::write(
        dir.path().join("ccforge.toml"),
        "[rules]\nhost-not-production = \"error\"\n",
    )
    .unwrap();
    assert_eq!(lint(&[], &folder), (owned(&[("CCF490", "/host", 8)]), 1));
    // A profile that does not exist is refused, on the command line and in the file.
    ccforge()
        .args(["lint", "--profile", "strict"])
        .arg(&folder)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("`certification`"));
    std::fs::write(dir.path().join("ccforge.toml"), "profile = \"strict\"\n").unwrap();
    let (bad, code) = lint(&[], &folder);
    assert_eq!(code, 2);
    assert_eq!(bad[0].0, "CCF010");
}

#[test]
fn certification_fix_writes_placeholders_that_the_profile_then_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("apiDefinition.swagger.json");
    let input = fixture("unready/apiDefinition.swagger.json");
    // Plain fix writes no placeholder.
    let plain = ccforge().arg("fix").arg(&input).output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("todo.invalid"));

    let fixed = ccforge()
        .args([
            "fix",
            "--profile",
            "certification",
            "--format",
            "json",
            "-o",
        ])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    let notes = found(&fixed.stderr);
    for pass in ["CCF613", "CCF614", "CCF615", "CCF616"] {
        assert!(notes.iter().any(|n| n.0 == pass), "{pass} not reported");
    }
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(doc["info"]["contact"]["email"], "support@todo.invalid");
    assert_eq!(
        doc["info"]["description"],
        "Track parcels in Power Automate."
    );
    // The input's 2-space indentation is written as the repository's 4 spaces.
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("{\n    \"swagger\": \"2.0\",\n"), "{text}");
    // What is left needs a person: the placeholders and the texts and choices to write.
    let (left, _) = lint(&["--profile", "certification"], &out);
    let codes: Vec<&str> = left.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        codes,
        [
            "CCF471", "CCF472", "CCF474", "CCF492", "CCF492", "CCF492", "CCF490", "CCF482",
            "CCF483", "CCF488", "CCF489", "CCF492", "CCF492", "CCF492"
        ]
    );
    // A second run changes nothing.
    ccforge()
        .args(["fix", "--profile", "certification", "--check"])
        .arg(&out)
        .assert()
        .stdout(predicates::str::is_empty());
    let again = ccforge()
        .args(["fix", "--profile", "certification", "--format", "json"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        std::fs::read_to_string(&out).unwrap()
    );
}

#[test]
fn rules_show_the_profile() {
    let out = ccforge().arg("rules").output().unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    let line = table
        .lines()
        .find(|l| l.starts_with("CCF476"))
        .unwrap()
        .to_string();
    assert!(line.contains("[certification]"), "{line}");
    ccforge()
        .args(["rules", "ContactEmailNotValid"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Profile: certification"));
}

#[test]
fn an_independent_publisher_folder_needs_a_readme() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("independent-publisher-connectors/Contoso");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(
        fixture("ready/apiDefinition.swagger.json"),
        folder.join("apiDefinition.swagger.json"),
    )
    .unwrap();
    assert_eq!(
        lint(&["--profile", "certification"], &folder),
        (owned(&[("CCF491", "", 1)]), 1)
    );
    std::fs::write(folder.join("readme.md"), "# Contoso\n").unwrap();
    assert_eq!(lint(&["--profile", "certification"], &folder), (vec![], 0));
}

#[test]
fn whitespace_style_is_one_warning_per_file_at_the_first_offending_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("apiDefinition.swagger.json");
    // The ready definition, 4-space indented, with trailing spaces on two lines and one line
    // indented by 6 spaces.
    let text = std::fs::read_to_string(fixture("ready/apiDefinition.swagger.json")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[2].push_str("  ");
    lines[4].push('\t');
    lines[5].insert_str(0, "  ");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = ccforge()
        .args(["lint", "--profile", "certification", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &report["diagnostics"].as_array().unwrap()[..];
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["code"], "CCF493");
    assert_eq!(d[0]["severity"], "warning");
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(3), Some(lines[2].len() as u64 - 1))
    );
    assert_eq!(
        d[0]["message"],
        "this line ends in whitespace (the first of 2 such lines; 1 line is not indented by a \
         multiple of 4 spaces)"
    );
    // The default profile does not check it.
    assert_eq!(lint(&[], &file), (vec![], 0));
}

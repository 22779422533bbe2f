//! The GitHub Action's steps (action.yml runs `.github/action/ccforge-action.sh`), run here as
//! the runner would: inputs in `INPUT_*` variables, outputs read back from `GITHUB_OUTPUT`, the
//! real ccforge binary, a git repository with a pull request's base and head, and a stand-in
//! `gh` that records the comment it is asked to post. Skipped without bash, git or jq.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn tools() -> bool {
    let ok = ["bash", "git", "jq"].iter().all(|p| installed(p));
    if !ok {
        eprintln!("skipped: bash, git and jq are needed");
    }
    ok
}

/// A runner's workspace: a git repository, a temporary folder, the output and summary files.
struct Runner {
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl Runner {
    fn new() -> Runner {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("ws");
        std::fs::create_dir_all(ws.join("connectors")).unwrap();
        std::fs::create_dir_all(dir.path().join("bin")).unwrap();
        // The stand-in gh: lists the comments in `comments.txt` (one id per line, as the real
        // `--jq` filter would print), records every call and the body it is sent.
        let gh = dir.path().join("bin/gh");
        std::fs::write(
            &gh,
            "#!/usr/bin/env bash\n\
             echo \"gh $*\" >>\"$GH_LOG\"\n\
             if [ \"$2\" = --paginate ]; then cat \"$GH_COMMENTS\" 2>/dev/null; exit 0; fi\n\
             cat >>\"$GH_LOG\"\n\
             echo https://github.com/o/r/pull/7#issuecomment-99\n",
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let bin_dir = assert_cmd::cargo::cargo_bin("ccforge")
            .parent()
            .unwrap()
            .to_path_buf();
        let path = format!(
            "{}:{}:{}",
            dir.path().join("bin").display(),
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let p = |name: &str| dir.path().join(name).display().to_string();
        let env = vec![
            ("PATH".into(), path),
            ("GITHUB_OUTPUT".into(), p("output")),
            ("GITHUB_STEP_SUMMARY".into(), p("summary")),
            ("RUNNER_TEMP".into(), p("")),
            ("GITHUB_REPOSITORY".into(), "o/r".into()),
            ("PR_NUMBER".into(), "7".into()),
            ("GH_LOG".into(), p("gh.log")),
            ("GH_COMMENTS".into(), p("comments.txt")),
        ];
        let r = Runner { dir, env };
        r.git(&["init", "-q"]);
        r
    }

    fn ws(&self) -> PathBuf {
        self.dir.path().join("ws")
    }

    fn git(&self, args: &[&str]) -> String {
        let o = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(self.ws())
            .output()
            .unwrap();
        assert!(o.status.success(), "git {args:?}: {}", text(&o.stderr));
        text(&o.stdout).trim().to_string()
    }

    fn commit(&self) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-qm", "change", "--allow-empty"]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// Copies a fixture connector into the workspace as `connectors/NAME`.
    fn connector(&self, fixture: &str, name: &str) {
        let to = self.ws().join("connectors").join(name);
        std::fs::create_dir_all(&to).unwrap();
        for f in ["apiDefinition.swagger.json", "apiProperties.json"] {
            std::fs::copy(
                root()
                    .join("fixtures/lint/connectors")
                    .join(fixture)
                    .join(f),
                to.join(f),
            )
            .unwrap();
        }
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let p = self.ws().join(rel);
        let t = std::fs::read_to_string(&p).unwrap();
        assert!(t.contains(from));
        std::fs::write(&p, t.replacen(from, to, 1)).unwrap();
    }

    /// Runs one step with the inputs; its output and the outputs it set (fresh for each run).
    fn step(&self, step: &str, inputs: &[(&str, &str)]) -> (Output, BTreeMap<String, String>) {
        let _ = std::fs::remove_file(self.dir.path().join("output"));
        let mut c = Command::new("bash");
        c.arg(root().join(".github/action/ccforge-action.sh"))
            .arg(step)
            .current_dir(self.ws())
            .env_remove("GITHUB_ACTIONS")
            .env("NO_COLOR", "1");
        for (k, v) in &self.env {
            c.env(k, v);
        }
        for (k, v) in inputs {
            c.env(k, v);
        }
        let o = c.output().unwrap();
        let outputs = std::fs::read_to_string(self.dir.path().join("output"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        (o, outputs)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn bad_inputs_are_refused_with_an_error_annotation_saying_what_to_use() {
    if !tools() {
        return;
    }
    let r = Runner::new();
    r.connector("clean", "Contoso");
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("INPUT_PATHS", "connectors"), ("INPUT_FAIL_ON", "warnings")],
            "::error title=ccforge action::input 'fail-on' is 'warnings'; use one of: error warning info never",
        ),
        (
            &[("INPUT_PATHS", "connectors"), ("INPUT_FORMAT", "text")],
            "input 'format' is 'text'",
        ),
        (
            &[("INPUT_PATHS", "connectors"), ("INPUT_UPLOAD_SARIF", "yes")],
            "input 'upload-sarif' is 'yes'; use one of: true false",
        ),
        (
            &[
                ("INPUT_PATHS", "connectors"),
                ("INPUT_DIFF_FAIL_ON", "error"),
            ],
            "input 'diff-fail-on' is 'error'; use one of: breaking warning never",
        ),
        (&[("INPUT_PATHS", " \n \n")], "input 'paths' is empty"),
        (
            &[("INPUT_PATHS", "connectors\nconnector")],
            "input 'paths' names 'connector', which does not exist",
        ),
        (
            &[
                ("INPUT_PATHS", "connectors"),
                ("INPUT_BASELINE", "base.json"),
            ],
            "input 'baseline' names 'base.json', which is not a file; record one with 'ccforge lint PATHS --write-baseline base.json'",
        ),
        (
            &[
                ("INPUT_PATHS", "connectors"),
                ("INPUT_PROFILE", "x; rm -rf /"),
            ],
            "input 'profile' is 'x; rm -rf /'",
        ),
    ];
    for (inputs, message) in cases {
        let (o, _) = r.step("validate", inputs);
        assert_eq!(o.status.code(), Some(1), "{inputs:?}");
        assert!(
            text(&o.stdout).contains(message),
            "{inputs:?}: {}",
            text(&o.stdout)
        );
    }
    // Paths one per line, trimmed, with blank lines and comments.
    let (o, _) = r.step(
        "validate",
        &[
            (
                "INPUT_PATHS",
                "  connectors/Contoso  \n\n# the rest\nconnectors\n",
            ),
            ("INPUT_FAIL_ON", "warning"),
            ("INPUT_DIFF", "false"),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    assert!(o.stdout.is_empty());
}

#[test]
fn lint_sets_the_exit_code_and_findings_and_writes_sarif() {
    if !tools() {
        return;
    }
    let r = Runner::new();
    r.connector("clean", "Contoso");
    let (o, out) = r.step(
        "lint",
        &[("INPUT_PATHS", "connectors"), ("INPUT_FAIL_ON", "info")],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(out["exit-code"], "0");
    assert_eq!(out["findings"], "0");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out["sarif-file"]).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(
        r.read("summary"),
        "",
        "a clean run adds nothing to the job summary"
    );

    r.connector("aad-resource-slash", "Fabrikam");
    let (o, out) = r.step(
        "lint",
        &[("INPUT_PATHS", "connectors\n"), ("INPUT_FORMAT", "github")],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "the verdict step fails the job, not this one"
    );
    assert_eq!(out["exit-code"], "1");
    assert_eq!(out["findings"], "1");
    assert!(
        text(&o.stdout).starts_with(
            "::error file=connectors/Fabrikam/apiProperties.json,line=24,col=15,title=CCF502"
        ),
        "{}",
        text(&o.stdout)
    );
    let sarif = std::fs::read_to_string(&out["sarif-file"]).unwrap();
    assert!(sarif.contains("\"ruleId\": \"CCF502\""), "{sarif}");
    assert!(
        r.read("summary").contains("CCF502"),
        "{}",
        r.read("summary")
    );

    // With a baseline that records the finding: nothing new.
    let baseline = r.ws().join("base.json");
    let s = Command::new(assert_cmd::cargo::cargo_bin("ccforge"))
        .args(["lint", "connectors", "--write-baseline"])
        .arg(&baseline)
        .current_dir(r.ws())
        .output()
        .unwrap();
    assert!(s.status.success(), "{}", text(&s.stderr));
    let (_, out) = r.step(
        "lint",
        &[
            ("INPUT_PATHS", "connectors"),
            ("INPUT_BASELINE", "base.json"),
        ],
    );
    assert_eq!(
        (out["exit-code"].as_str(), out["findings"].as_str()),
        ("0", "0")
    );

    // Input that cannot be read: exit 2, no report.
    std::fs::write(
        r.ws().join("connectors/Contoso/apiDefinition.swagger.json"),
        "{",
    )
    .unwrap();
    let (_, out) = r.step("lint", &[("INPUT_PATHS", "connectors")]);
    assert_eq!(out["exit-code"], "2");
    assert_eq!(out["findings"], "");
    assert!(!out.contains_key("sarif-file"));
}

#[test]
fn diff_posts_one_comment_then_updates_it_and_fails_on_breaking_changes() {
    if !tools() {
        return;
    }
    let r = Runner::new();
    r.connector("clean", "Contoso");
    r.connector("clean", "Untouched");
    let base = r.commit();
    r.edit(
        "connectors/Contoso/apiDefinition.swagger.json",
        "\"ListTasks\"",
        "\"GetTasks\"",
    );
    r.connector("clean", "Brand-new");
    r.commit();
    let pr = [
        ("INPUT_PATHS", "connectors"),
        ("BASE_SHA", base.as_str()),
        ("BASE_REF", "main"),
    ];

    let (o, out) = r.step("diff", &pr);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    assert_eq!(out["diff-exit-code"], "1");
    assert_eq!(out["breaking-changes"], "1");
    assert_eq!(
        out["comment-url"],
        "https://github.com/o/r/pull/7#issuecomment-99"
    );
    // An annotation on the changed line.
    assert!(
        text(&o.stdout).contains(
            "::error file=connectors/Contoso/apiDefinition.swagger.json,line=34,title=ccforge diff operation-id-changed"
        ),
        "{}",
        text(&o.stdout)
    );
    let log = r.read("gh.log");
    assert!(
        log.starts_with("gh api --paginate repos/o/r/issues/7/comments --jq"),
        "{log}"
    );
    assert!(
        log.contains("gh api -X POST repos/o/r/issues/7/comments --input -"),
        "{log}"
    );
    let sent = log.split("--jq .html_url\n").nth(1).unwrap();
    let body: serde_json::Value = serde_json::from_str(sent).unwrap();
    let body = body["body"].as_str().unwrap();
    assert!(
        body.starts_with("<!-- ccforge-diff:ccforge -->\n## ccforge diff\n\nCompared with `main`"),
        "{body}"
    );
    // Only the connectors the pull request changed, each under its own heading.
    assert!(
        body.contains("### `connectors/Brand-new`\n\nNew in this pull request."),
        "{body}"
    );
    assert!(
        body.contains("### `connectors/Contoso`\n\n1 breaking change"),
        "{body}"
    );
    assert!(
        body.contains("operationId changed from `ListTasks` to `GetTasks`"),
        "{body}"
    );
    assert!(!body.contains("Untouched"), "{body}");
    assert_eq!(
        r.read("summary"),
        body,
        "the job summary has the report too"
    );

    // The next push: the earlier comment (found by its marker) is updated, not a second one.
    std::fs::write(r.dir.path().join("comments.txt"), "4242\n").unwrap();
    std::fs::remove_file(r.dir.path().join("gh.log")).unwrap();
    let (_, out) = r.step("diff", &pr);
    assert_eq!(out["diff-exit-code"], "1");
    let log = r.read("gh.log");
    assert!(
        log.contains("gh api -X PATCH repos/o/r/issues/comments/4242 --input -"),
        "{log}"
    );
    assert!(!log.contains("POST"), "{log}");

    // Breaking changes allowed: exit 0. No comment asked for: gh is not called.
    std::fs::remove_file(r.dir.path().join("gh.log")).unwrap();
    let mut quiet = pr.to_vec();
    quiet.extend([("INPUT_DIFF_FAIL_ON", "never"), ("INPUT_COMMENT", "false")]);
    let (_, out) = r.step("diff", &quiet);
    assert_eq!(out["diff-exit-code"], "0");
    assert_eq!(r.read("gh.log"), "");
}

#[test]
fn diff_without_changes_posts_no_new_comment_and_diff_paths_choose_what_is_compared() {
    if !tools() {
        return;
    }
    let r = Runner::new();
    r.connector("clean", "Contoso");
    let base = r.commit();
    std::fs::write(r.ws().join("README.md"), "docs only").unwrap();
    r.commit();
    let (o, out) = r.step(
        "diff",
        &[
            ("INPUT_PATHS", "."),
            ("BASE_SHA", &base),
            ("BASE_REF", "main"),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    assert_eq!(out["diff-exit-code"], "0");
    assert_eq!(out["changes"], "0");
    assert!(r.read("summary").contains("No connector changed."));
    assert!(!r.read("gh.log").contains("POST"), "{}", r.read("gh.log"));

    // Named explicitly, an unchanged connector is compared and reported as unchanged.
    let (_, out) = r.step(
        "diff",
        &[
            ("INPUT_PATHS", "."),
            ("INPUT_DIFF_PATHS", "./connectors/Contoso\n"),
            ("BASE_SHA", &base),
        ],
    );
    assert_eq!(out["diff-exit-code"], "0");
    let summary = r.read("summary");
    assert!(
        summary.contains("### `connectors/Contoso`\n\nNo changes."),
        "{summary}"
    );
}

#[test]
fn the_verdict_fails_the_job_on_lint_or_diff_exit_codes() {
    if !tools() {
        return;
    }
    let r = Runner::new();
    let (o, _) = r.step("verdict", &[("LINT_EXIT", "0"), ("DIFF_EXIT", "")]);
    assert_eq!(o.status.code(), Some(0));
    let (o, _) = r.step(
        "verdict",
        &[("LINT_EXIT", "1"), ("INPUT_FAIL_ON", "warning")],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout).contains("ccforge lint exited 1: findings at the fail-on level (warning)")
    );
    let (o, _) = r.step("verdict", &[("LINT_EXIT", "0"), ("DIFF_EXIT", "1")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains("ccforge diff exited 1"));
}

#[test]
fn the_cache_key_names_the_ref_and_runner_and_changes_with_the_sources() {
    if !tools() {
        return;
    }
    let r = Runner::new();
    let env = [
        ("ACTION_PATH", root().to_str().unwrap()),
        ("ACTION_REF", "v0.1.0"),
        ("RUNNER_OS", "Linux"),
        ("RUNNER_ARCH", "X64"),
        ("RUNNER_TOOL_CACHE", "/opt/hostedtoolcache"),
    ];
    let (o, out) = r.step("install", &env);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let key = &out["key"];
    assert!(key.starts_with("ccforge-Linux-X64-v0.1.0-"), "{key}");
    let hash = key.rsplit('-').next().unwrap();
    assert_eq!(hash.len(), 16);
    assert_eq!(out["dir"], format!("/opt/hostedtoolcache/ccforge/{hash}"));

    // Another copy of the sources with one file changed gets another key.
    let copy = tempfile::tempdir().unwrap();
    for f in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(root().join(f), copy.path().join(f)).unwrap();
    }
    std::fs::create_dir_all(copy.path().join("src")).unwrap();
    std::fs::write(copy.path().join("src/main.rs"), "fn main() {}").unwrap();
    let mut other = env;
    other[0].1 = copy.path().to_str().unwrap();
    let (_, out2) = r.step("install", &other);
    assert_ne!(out2["key"], *key);
}

#[test]
fn every_input_of_action_yml_reaches_the_script_and_every_variable_it_reads_is_set() {
    let yml = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let script = std::fs::read_to_string(root().join(".github/action/ccforge-action.sh")).unwrap();
    let action = ccforge::source::load_path(&root().join("action.yml"), "action.yml")
        .unwrap()
        .value;
    let inputs = action["inputs"].as_object().unwrap();
    for name in inputs.keys() {
        assert!(
            yml.contains(&format!("inputs.{name} }}}}"))
                || yml.contains(&format!("inputs.{name} ==")),
            "input {name} is declared but never used"
        );
    }
    // Every INPUT_ variable the script reads is one action.yml sets from an input of that name.
    let mut read: Vec<&str> = script
        .split("INPUT_")
        .skip(1)
        .map(|s| {
            s.split(|c: char| !c.is_ascii_uppercase() && c != '_')
                .next()
                .unwrap()
        })
        .filter(|v| !v.is_empty())
        .collect();
    read.sort();
    read.dedup();
    for var in read {
        let input = var.to_lowercase().replace('_', "-");
        assert!(
            inputs.contains_key(&input),
            "the script reads INPUT_{var}, not an input"
        );
        assert!(
            yml.contains(&format!("INPUT_{var}: ${{{{ inputs.{input} }}}}")),
            "action.yml never sets INPUT_{var}"
        );
    }
}

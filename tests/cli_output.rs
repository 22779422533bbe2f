//! What ccforge writes, through the real binary, when writing goes wrong or the output names
//! something it must not replace: closed pipes and full disks on standard output and error,
//! outputs that are inputs, symbolic links, FIFOs, file modes, connector folders written as a
//! whole, two runs into one folder, and git revisions that look like options.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("ccforge"));
    c.env_remove("GITHUB_ACTIONS").env("NO_COLOR", "1");
    c
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_git_revision_that_looks_like_an_option_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(d)
            .output()
    };
    if git(&["init", "-q"]).is_err() {
        return;
    }
    std::fs::copy(fixture("diff/old.json"), d.join("a.json")).unwrap();
    assert!(git(&["add", "a.json"]).unwrap().status.success());
    assert!(git(&["commit", "-qm", "a"]).unwrap().status.success());
    // A real revision still reads.
    let out = bin()
        .current_dir(d)
        .args(["diff", "HEAD:a.json", "a.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let planted = d.join("planted");
    for arg in [
        format!("--output={}:a.json", planted.display()),
        "-p:a.json".to_string(),
    ] {
        let out = bin()
            .current_dir(d)
            .args(["diff", "--", &arg, "a.json"])
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("is not a git revision (a revision never starts with `-`)"),
            "{stderr}"
        );
        assert!(!stderr.contains("usage: git"), "{stderr}");
    }
    assert!(!planted.exists());
}

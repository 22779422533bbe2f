//! What ccforge ships besides the binary, through the real binary and cargo: shell completion
//! scripts and manual pages generated from the command line's definitions (every subcommand
//! `ccforge --help` lists appears in them, and the shells and `man` accept them when they are
//! installed), and the crate `cargo package` builds (sources and schemas, no fixtures or tests).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("ccforge"));
    c.env_remove("GITHUB_ACTIONS").env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The subcommands `ccforge --help` lists, `help` included.
fn subcommands() -> Vec<String> {
    let help = stdout(&run(&["--help"]));
    let list: Vec<String> = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands section")
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    for expected in [
        "lint",
        "convert",
        "diff",
        "drift",
        "fix",
        "rules",
        "completions",
        "man",
    ] {
        assert!(list.iter().any(|s| s == expected), "{expected} in {list:?}");
    }
    list
}

/// Whether a program can be started (`PROGRAM --version` runs).
fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn completions(shell: &str) -> String {
    let o = run(&["completions", shell]);
    assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
    assert!(o.stderr.is_empty(), "{shell}: {}", stderr(&o));
    stdout(&o)
}

#[test]
fn every_shell_gets_a_script_naming_every_subcommand_and_option() {
    let subs = subcommands();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = completions(shell);
        for sub in &subs {
            assert!(script.contains(sub.as_str()), "{shell} script lacks {sub}");
        }
        // Options of subcommands.
        for word in ["fail-on", "out-dir", "write-baseline"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
        // The values of an option (PowerShell and Elvish scripts complete no values).
        if ["bash", "zsh", "fish"].contains(&shell) {
            for word in ["sarif", "never"] {
                assert!(script.contains(word), "{shell} script lacks {word}");
            }
        }
    }
}

#[test]
fn hidden_subcommands_are_not_completed() {
    // `parse` is a benchmark baseline, hidden from --help: no shell offers it.
    assert!(!completions("bash").contains("ccforge__subcmd__parse"));
    assert!(!completions("fish").contains("-a \"parse\""));
    assert!(!completions("zsh").contains("'parse:"));
    assert!(!completions("powershell").contains("'parse'"));
    assert!(!completions("elvish").contains("parse"));
}

#[test]
fn an_unknown_shell_is_a_usage_error_listing_the_shells() {
    let o = run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("invalid value 'tcsh'"), "{err}");
    assert!(err.contains("bash, elvish, fish, powershell, zsh"), "{err}");
    assert!(o.stdout.is_empty());
}

/// Runs `script` in bash with the completion script loaded; its standard output.
fn bash_with_completions(script: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ccforge.bash");
    std::fs::write(&file, completions("bash")).unwrap();
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!("source '{}'\n{script}", file.display()))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn bash_parses_the_script_and_completes_subcommands_options_and_values() {
    if !installed("bash") {
        eprintln!("skipped: bash is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ccforge.bash");
    std::fs::write(&file, completions("bash")).unwrap();
    let o = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(o.status.success(), "bash -n: {}", stderr(&o));

    // The completion function as bash calls it: COMP_WORDS, COMP_CWORD, then
    // (command, word being completed, previous word).
    let complete = |words: &[&str]| {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let cword = words.len() - 1;
        let prev = words[cword - 1];
        let cur = words[cword];
        bash_with_completions(&format!(
            "COMP_WORDS=({}); COMP_CWORD={cword}; _ccforge ccforge '{cur}' '{prev}'; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            quoted.join(" ")
        ))
    };
    assert_eq!(complete(&["ccforge", "li"]), "lint\n");
    assert_eq!(complete(&["ccforge", "lint", "--fail-o"]), "--fail-on\n");
    assert_eq!(
        complete(&["ccforge", "lint", "--fail-on", ""]),
        "error\nwarning\ninfo\nnever\n"
    );
    assert_eq!(complete(&["ccforge", "completions", "z"]), "zsh\n");
}

#[test]
fn zsh_parses_the_script() {
    if !installed("zsh") {
        eprintln!("skipped: zsh is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("_ccforge");
    std::fs::write(&file, completions("zsh")).unwrap();
    let o = Command::new("zsh").arg("-n").arg(&file).output().unwrap();
    assert!(o.status.success(), "zsh -n: {}", stderr(&o));
}

#[test]
fn fish_parses_the_script_and_completes_subcommands_and_values() {
    if !installed("fish") {
        eprintln!("skipped: fish is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ccforge.fish");
    std::fs::write(&file, completions("fish")).unwrap();
    let o = Command::new("fish").arg("-n").arg(&file).output().unwrap();
    assert!(o.status.success(), "fish -n: {}", stderr(&o));

    let o = Command::new("fish")
        .arg("--no-config")
        .arg("-c")
        .arg(format!(
            "source '{}'; complete -C 'ccforge li'; complete -C 'ccforge lint --fail-on '",
            file.display()
        ))
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o)
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(lines, ["lint", "error", "info", "never", "warning"]);
}

fn man_page() -> String {
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn the_man_page_has_name_synopsis_and_every_subcommand() {
    let page = man_page();
    assert!(page.contains(".TH ccforge 1"), "{page}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(section), "{section} in {page}");
    }
    assert!(
        page.contains("ccforge \\- Convert, lint and diff"),
        "{page}"
    );
    for sub in subcommands() {
        assert!(
            page.contains(&format!("ccforge\\-{sub}(1)")),
            "{sub} in {page}"
        );
    }
    assert!(
        !page.contains("parse"),
        "the hidden subcommand is listed: {page}"
    );
}

#[test]
fn man_renders_the_page() {
    if !installed("man") {
        eprintln!("skipped: man is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ccforge.1");
    std::fs::write(&file, man_page()).unwrap();
    let o = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .unwrap();
    assert!(o.status.success(), "man -l: {}", stderr(&o));
    let text = stdout(&o);
    for word in [
        "NAME",
        "SYNOPSIS",
        "SUBCOMMANDS",
        "ccforge-lint(1)",
        "ccforge-man(1)",
    ] {
        assert!(text.contains(word), "{word} in {text}");
    }
    // No roff request was left unread.
    assert!(!text.contains(".TP") && !text.contains(".SH"), "{text}");
}

/// The files in `dir`, by name.
fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn man_dir_writes_one_page_per_subcommand_and_replaces_them_on_a_second_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man1");
    let o = bin().arg("man").arg("--dir").arg(&dir).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let subs = subcommands();
    let mut expected: BTreeSet<String> = subs.iter().map(|s| format!("ccforge-{s}.1")).collect();
    expected.insert("ccforge.1".into());
    assert_eq!(names(&dir), expected);
    assert_eq!(
        stderr(&o),
        format!(
            "Wrote {} manual pages to {}.\n",
            expected.len(),
            dir.display()
        )
    );
    // The top page is the one `ccforge man` prints.
    assert_eq!(
        std::fs::read_to_string(dir.join("ccforge.1")).unwrap(),
        man_page()
    );
    // A subcommand's page has its own synopsis and options.
    let lint = std::fs::read_to_string(dir.join("ccforge-lint.1")).unwrap();
    assert!(
        lint.contains(&format!(
            ".TH ccforge-lint 1  \"ccforge {}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "{lint}"
    );
    assert!(lint.contains("\\fBccforge lint\\fR"), "{lint}");
    assert!(lint.contains("\\-\\-fail\\-on"), "{lint}");

    // Into an existing folder of other pages: ours are replaced, the others kept.
    std::fs::write(dir.join("ccforge-lint.1"), "stale").unwrap();
    std::fs::write(dir.join("other.1"), "other").unwrap();
    let o = bin().arg("man").arg("--dir").arg(&dir).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("ccforge-lint.1")).unwrap(),
        lint
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("other.1")).unwrap(),
        "other"
    );
    expected.insert("other.1".into());
    assert_eq!(names(&dir), expected, "no temporary file is left");
}

#[test]
fn man_dir_naming_a_file_is_refused_and_leaves_it_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("pages");
    std::fs::write(&file, "mine").unwrap();
    let o = bin().arg("man").arg("--dir").arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("CCF011 unwritable-output"), "{err}");
    assert!(err.contains("it exists and is not a folder"), "{err}");
    assert!(o.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    assert_eq!(names(tmp.path()), BTreeSet::from(["pages".to_string()]));
}

/// The files `cargo package` would put in the crate.
fn packaged_files() -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let o = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--manifest-path"])
        .arg(Path::new(root).join("Cargo.toml"))
        .output()
        .unwrap();
    assert!(o.status.success(), "cargo package --list: {}", stderr(&o));
    stdout(&o).lines().map(str::to_string).collect()
}

#[test]
fn the_crate_holds_sources_schemas_and_licenses_but_no_fixtures_or_tests() {
    let files = packaged_files();
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "src/main.rs",
        "src/lib.rs",
        "src/cli/completions.rs",
        "src/cli/man.rs",
        "schemas/connector-swagger.schema.json",
        "build.rs",
        "build/hot-functions.txt",
    ] {
        assert!(files.iter().any(|f| f == needed), "{needed} in {files:?}");
    }
    for f in &files {
        let top = f.split('/').next().unwrap();
        assert!(
            ![
                "fixtures", "tests", "bench", "fuzz", "target", "editors", ".github", ".ci"
            ]
            .contains(&top),
            "{f} is packaged"
        );
        assert!(f != "action.yml", "{f} is packaged");
    }
}

#[test]
fn every_file_the_sources_include_at_build_time_is_packaged() {
    let files: BTreeSet<String> = packaged_files().into_iter().collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for f in files
        .iter()
        .filter(|f| f.starts_with("src/") && f.ends_with(".rs"))
    {
        let text = std::fs::read_to_string(root.join(f)).unwrap();
        for macro_name in ["include_str!(\"", "include_bytes!(\""] {
            for part in text.split(macro_name).skip(1) {
                let rel = part.split('"').next().unwrap();
                // Resolved from the including file's folder, as the compiler does.
                let mut path: Vec<&str> = f.split('/').collect();
                path.pop();
                for piece in rel.split('/') {
                    match piece {
                        ".." => {
                            path.pop();
                        }
                        "." => {}
                        p => path.push(p),
                    }
                }
                let target = path.join("/");
                assert!(
                    files.contains(&target),
                    "{f} includes {rel} ({target}), which the crate does not hold: add it to \
                     `include` in Cargo.toml"
                );
                seen += 1;
            }
        }
    }
    assert!(seen >= 1, "the connector schema is included at build time");
}

//! What ccforge writes, through the real binary, when writing goes wrong or the output names
//! something it must not replace: closed pipes and full disks on standard output and error,
//! outputs that are inputs, symbolic links, FIFOs, file modes, connector folders written as a
//! whole, two runs into one folder, and git revisions that look like options.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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

/// One run of every command that writes to standard output, with its arguments.
fn every_command() -> Vec<(&'static str, Vec<PathBuf>, Vec<&'static str>)> {
    let definition = fixture("fix/every-problem.json");
    vec![
        ("lint", vec![definition.clone()], vec![]),
        ("lint", vec![definition.clone()], vec!["--format", "sarif"]),
        ("fix", vec![definition.clone()], vec![]),
        ("fix", vec![definition.clone()], vec!["--diff"]),
        (
            "diff",
            vec![fixture("diff/old.json"), fixture("diff/new.json")],
            vec![],
        ),
        (
            "diff",
            vec![fixture("diff/old.json"), fixture("diff/new.json")],
            vec!["--text"],
        ),
        (
            "drift",
            vec![fixture("drift/api.yaml"), fixture("drift/connector")],
            vec![],
        ),
        ("rules", vec![], vec![]),
        ("rules", vec![], vec!["--config-schema"]),
        (
            "convert",
            vec![fixture("convert/openapi31-features/input.yaml")],
            vec![],
        ),
        ("help", vec![], vec!["lint"]),
    ]
}

fn run(command: &str, paths: &[PathBuf], extra: &[&str], stdout: Stdio, stderr: Stdio) -> Output {
    let mut c = bin();
    c.arg(command).args(paths).args(extra);
    c.stdout(stdout).stderr(stderr);
    c.output().unwrap()
}

/// A pipe whose reading end is closed: every write to it fails with a broken pipe.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer.into()
}

fn dev_full() -> Option<Stdio> {
    File::options()
        .write(true)
        .open("/dev/full")
        .ok()
        .map(Into::into)
}

#[test]
fn a_closed_standard_output_ends_every_command_quietly_with_its_usual_status() {
    for (command, paths, extra) in every_command() {
        let normal = run(command, &paths, &extra, Stdio::piped(), Stdio::piped());
        assert!(
            !normal.stdout.is_empty(),
            "{command} {extra:?} prints nothing"
        );
        let closed = run(command, &paths, &extra, closed_pipe(), Stdio::piped());
        let stderr = text(&closed.stderr);
        assert_eq!(
            closed.status.code(),
            normal.status.code(),
            "{command} {extra:?}: {stderr}"
        );
        assert!(
            !stderr.contains("panicked"),
            "{command} {extra:?}: {stderr}"
        );
        assert!(
            !stderr.contains("cannot write") && !stderr.contains("Broken pipe"),
            "{command} {extra:?}: {stderr}"
        );
        // Standard error still gets what it would have.
        assert_eq!(stderr, text(&normal.stderr), "{command} {extra:?}");
    }
}

#[test]
fn a_full_disk_on_standard_output_exits_two_with_the_reason() {
    if dev_full().is_none() {
        return;
    }
    for (command, paths, extra) in every_command() {
        let out = run(command, &paths, &extra, dev_full().unwrap(), Stdio::piped());
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command} {extra:?}: {stderr}");
        assert!(
            stderr.contains("error: cannot write to standard output: No space left on device"),
            "{command} {extra:?}: {stderr}"
        );
        assert!(
            !stderr.contains("panicked"),
            "{command} {extra:?}: {stderr}"
        );
    }
    // --help and usage errors too.
    let out = bin()
        .arg("--help")
        .stdout(dev_full().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("No space left on device"));
}

#[test]
fn an_unwritable_standard_error_never_panics() {
    for (command, paths, extra) in every_command() {
        let normal = run(command, &paths, &extra, Stdio::null(), Stdio::piped());
        // The reader went away: quiet, and the status the run decided.
        let closed = run(command, &paths, &extra, Stdio::null(), closed_pipe());
        assert_eq!(
            closed.status.code(),
            normal.status.code(),
            "{command} {extra:?}"
        );
        // A full disk: exit 2 when there was something to say (with nowhere left to say why).
        if let Some(full) = dev_full() {
            let out = run(command, &paths, &extra, Stdio::null(), full);
            let expected = if normal.stderr.is_empty() {
                normal.status.code()
            } else {
                Some(2)
            };
            assert_eq!(out.status.code(), expected, "{command} {extra:?}");
        }
    }
    let usage = bin()
        .args(["lint", "--no-such-option"])
        .stderr(closed_pipe())
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

/// A one-line OpenAPI 3 document whose last operation, past column 65,535, has a cookie
/// parameter and callbacks: what the conversion loses is reported there.
fn minified_openapi(dir: &Path, operations: usize) -> PathBuf {
    let mut paths = serde_json::Map::new();
    for i in 0..operations {
        paths.insert(
            format!("/p{i}"),
            serde_json::json!({"get": {"operationId": format!("op{i}"),
                "responses": {"200": {"description": "ok"}}}}),
        );
    }
    paths.insert(
        "/last".into(),
        serde_json::json!({"get": {"operationId": "last", "callbacks": {"x": {}},
            "responses": {"200": {"description": "ok"}}}}),
    );
    let doc = serde_json::json!({"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://example.com"}], "paths": paths});
    let path = dir.join("minified.json");
    std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
    path
}

#[test]
fn convert_frames_a_loss_past_column_65535_and_writes_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let input = minified_openapi(dir.path(), 3000);
    let out_dir = dir.path().join("connector");
    let out = bin()
        .arg("convert")
        .arg(&input)
        .arg("--out-dir")
        .arg(&out_dir)
        .arg("--all")
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let column: usize = stderr
        .split("minified.json:1:")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(column > 65_535, "{column}");
    assert!(stderr.contains("\"callbacks\""), "{stderr}");
    for file in ["apiDefinition.swagger.json", "apiProperties.json"] {
        let written = std::fs::read(out_dir.join(file)).unwrap();
        serde_json::from_slice::<serde_json::Value>(&written).unwrap();
    }
}

fn assert_refused_as_input(out: &Output, what: &str) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
    assert!(
        stderr.contains("CCF011 unwritable-output")
            && stderr.contains("it is an input of this run"),
        "{what}: {stderr}"
    );
}

#[test]
fn an_output_that_is_an_input_is_refused_even_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = d.join("api.json");
    std::fs::copy(fixture("fix/every-problem.json"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    std::os::unix::fs::symlink("api.json", d.join("symlink.json")).unwrap();
    std::fs::hard_link(&input, d.join("hardlink.json")).unwrap();
    let baseline = d.join("baseline.json");
    std::fs::write(&baseline, "{\"version\": 1, \"findings\": []}\n").unwrap();
    let baseline_before = std::fs::read(&baseline).unwrap();
    for output in ["api.json", "./api.json", "symlink.json", "hardlink.json"] {
        for flag in ["-o", "--write-baseline"] {
            let out = bin()
                .current_dir(d)
                .args(["lint", "api.json", flag, output])
                .output()
                .unwrap();
            assert_refused_as_input(&out, &format!("lint {flag} {output}"));
        }
        // A folder walked: its files are inputs too.
        let out = bin()
            .current_dir(d)
            .args(["lint", ".", "-o", output])
            .output()
            .unwrap();
        assert_refused_as_input(&out, &format!("lint . -o {output}"));
        let out = bin()
            .current_dir(d)
            .args(["fix", "api.json", "-o", output])
            .output()
            .unwrap();
        assert_refused_as_input(&out, &format!("fix -o {output}"));
        let out = bin()
            .current_dir(d)
            .args(["convert", "api.json", "--force", "-o", output])
            .output()
            .unwrap();
        assert_refused_as_input(&out, &format!("convert -o {output}"));
    }
    // The baseline read is an input of the run.
    let out = bin()
        .current_dir(d)
        .args(["lint", "api.json", "--baseline", "baseline.json", "-o"])
        .arg(&baseline)
        .output()
        .unwrap();
    assert_refused_as_input(&out, "lint --baseline B -o B");
    // A connector folder whose definition is the input.
    let folder = d.join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::hard_link(&input, folder.join("apiDefinition.swagger.json")).unwrap();
    let out = bin()
        .current_dir(d)
        .args(["convert", "api.json", "--force", "--out-dir", "folder"])
        .output()
        .unwrap();
    assert_refused_as_input(&out, "convert --out-dir");
    // A Postman environment is an input too.
    let env = d.join("env.json");
    std::fs::write(&env, "{\"name\": \"e\", \"values\": []}\n").unwrap();
    let env_before = std::fs::read(&env).unwrap();
    let out = bin()
        .current_dir(d)
        .arg("convert")
        .arg(fixture("convert/postman-v1-folders/input.json"))
        .args(["--env", "env.json", "--force", "-o", "env.json"])
        .output()
        .unwrap();
    assert_refused_as_input(&out, "convert --env E -o E");
    // The ccforge.toml found above the input is read: no command writes over it.
    let sub = d.join("configured");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(&input, sub.join("api.json")).unwrap();
    let config = d.join("ccforge.toml");
    std::fs::write(&config, "[rules]\npath-trailing-slash = \"off\"\n").unwrap();
    let config_before = std::fs::read(&config).unwrap();
    for args in [
        &["lint", "configured/api.json", "-o", "ccforge.toml"][..],
        &["lint", "configured", "--write-baseline", "ccforge.toml"],
        &["fix", "configured/api.json", "-o", "ccforge.toml"],
        &[
            "convert",
            "configured/api.json",
            "--force",
            "-o",
            "ccforge.toml",
        ],
    ] {
        let out = bin().current_dir(d).args(args).output().unwrap();
        assert_refused_as_input(&out, &args.join(" "));
    }
    assert_eq!(std::fs::read(&config).unwrap(), config_before);
    std::fs::remove_file(&config).unwrap();

    assert_eq!(std::fs::read(&input).unwrap(), before);
    assert_eq!(std::fs::read(&baseline).unwrap(), baseline_before);
    assert_eq!(std::fs::read(&env).unwrap(), env_before);
    assert!(
        std::fs::symlink_metadata(d.join("symlink.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A report beside the inputs, which lint does not read, is written as before.
    let out = bin()
        .current_dir(d)
        .args(["lint", ".", "--format", "json", "-o", "report.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let out = bin()
        .current_dir(d)
        .args(["lint", ".", "--format", "json", "-o", "report.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
}

#[test]
fn lint_never_replaces_a_fifo_or_a_folder_with_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for flag in ["-o", "--write-baseline"] {
        for (target, what) in [
            (fifo.as_path(), "a FIFO, not a regular file"),
            (dir.path(), "a directory, not a regular file"),
        ] {
            let out = bin()
                .arg("lint")
                .arg(fixture("fix/every-problem.json"))
                .arg(flag)
                .arg(target)
                .output()
                .unwrap();
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{flag}: {stderr}");
            assert!(stderr.contains(what), "{flag}: {stderr}");
        }
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_link_in_a_connector_folder_never_carries_the_write_out_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = fixture("convert/openapi31-features/input.yaml");
    let convert_into = |folder: &str| {
        let out = bin()
            .current_dir(d)
            .args(["convert", "--force", "--out-dir", folder])
            .arg(&input)
            .output()
            .unwrap();
        (out.status.code(), text(&out.stderr))
    };
    // Planted: the definition's name links to a file outside the folder.
    std::fs::create_dir_all(d.join("Out")).unwrap();
    std::fs::write(d.join("precious.json"), "precious\n").unwrap();
    std::os::unix::fs::symlink("../precious.json", d.join("Out/apiDefinition.swagger.json"))
        .unwrap();
    let (code, stderr) = convert_into("Out");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("outside the folder; remove the link"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("precious.json")).unwrap(),
        "precious\n"
    );
    assert!(!d.join("Out/apiProperties.json").exists());
    // Two files of the folder linked to one: neither is written over the other.
    std::fs::create_dir_all(d.join("Twice")).unwrap();
    std::fs::write(d.join("Twice/apiDefinition.swagger.json"), "old\n").unwrap();
    std::os::unix::fs::symlink(
        "apiDefinition.swagger.json",
        d.join("Twice/apiProperties.json"),
    )
    .unwrap();
    let (code, stderr) = convert_into("Twice");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("as another file of the folder does"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("Twice/apiDefinition.swagger.json")).unwrap(),
        "old\n"
    );
    // A link to a file inside the folder is followed, and stays a link.
    std::fs::create_dir_all(d.join("Kept/defs")).unwrap();
    std::fs::write(d.join("Kept/defs/api.json"), "old\n").unwrap();
    std::os::unix::fs::symlink("defs/api.json", d.join("Kept/apiDefinition.swagger.json")).unwrap();
    let (code, stderr) = convert_into("Kept");
    assert_ne!(code, Some(2), "{stderr}");
    assert!(
        std::fs::read_to_string(d.join("Kept/defs/api.json"))
            .unwrap()
            .contains("swagger")
    );
    let link = std::fs::symlink_metadata(d.join("Kept/apiDefinition.swagger.json")).unwrap();
    assert!(link.file_type().is_symlink());
}

#[test]
fn writing_through_a_symlink_writes_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("real")).unwrap();
    std::fs::write(d.join("real/out.json"), "old\n").unwrap();
    std::os::unix::fs::symlink("real/out.json", d.join("link.json")).unwrap();
    // A link to a file not there yet: the file is made where the link points.
    std::os::unix::fs::symlink("real/new.json", d.join("dangling.json")).unwrap();
    for (args, link, target) in [
        (
            vec!["convert", "--force", "-o", "link.json"],
            "link.json",
            "real/out.json",
        ),
        (
            vec!["convert", "-o", "dangling.json"],
            "dangling.json",
            "real/new.json",
        ),
        (
            vec!["fix", "--force", "-o", "link.json"],
            "link.json",
            "real/out.json",
        ),
        (
            vec!["lint", "-o", "link.json"],
            "link.json",
            "real/out.json",
        ),
    ] {
        let input = if args[0] == "convert" {
            fixture("convert/openapi31-features/input.yaml")
        } else {
            fixture("fix/every-problem.json")
        };
        std::fs::write(d.join("real/out.json"), "old\n").unwrap();
        let out = bin()
            .current_dir(d)
            .args(&args)
            .arg(input)
            .output()
            .unwrap();
        assert_ne!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let meta = std::fs::symlink_metadata(d.join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{args:?} replaced the link");
        let written = std::fs::read_to_string(d.join(target)).unwrap();
        assert_ne!(written, "old\n", "{args:?}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(d.join("real"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("ccforge"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn fix_in_place_keeps_the_mode_the_owner_and_the_symlink() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("api.json");
    std::fs::copy(fixture("fix/every-problem.json"), &file).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    // Another owner when the tests may give one (as root); else the file stays the runner's.
    let other_owner = std::os::unix::fs::chown(&file, Some(4321), Some(8765)).is_ok();
    let before = std::fs::metadata(&file).unwrap();
    std::os::unix::fs::symlink("api.json", d.join("link.json")).unwrap();
    let out = bin()
        .current_dir(d)
        .args(["fix", "--in-place", "link.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let link = std::fs::symlink_metadata(d.join("link.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let after = std::fs::metadata(&file).unwrap();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(fixture("fix/every-problem.out.json")).unwrap()
    );
    assert_ne!(after.ino(), before.ino(), "not written through a rename");
    assert_eq!(after.mode() & 0o7777, 0o600);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if other_owner {
        assert_eq!((after.uid(), after.gid()), (4321, 8765));
    }
}

#[test]
fn a_read_only_file_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("api.json");
    std::fs::copy(fixture("fix/every-problem.json"), &file).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&file).unwrap();
    for args in [
        vec!["fix", "--in-place", "api.json"],
        vec!["convert", "in.yaml", "-o", "api.json", "--force"],
    ] {
        std::fs::write(
            dir.path().join("in.yaml"),
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://api.contoso.com'}]\n\
             paths:\n  /a:\n    get: {operationId: A, summary: A, responses: {'200': {description: OK}}}\n",
        )
        .unwrap();
        let out = bin().current_dir(dir.path()).args(&args).output().unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("it is read-only"), "{args:?}: {stderr}");
        // The help is about the file, not its folder, which may be written in.
        assert!(
            stderr.contains("help: make the file writable (`chmod u+w`)"),
            "{args:?}: {stderr}"
        );
        assert_eq!(std::fs::read(&file).unwrap(), before, "{args:?}");
    }
    assert!(leftovers(dir.path()).is_empty());
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".ccforge-"))
        .collect()
}

#[test]
fn a_folder_write_that_fails_half_way_replaces_nothing_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("connector");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("apiDefinition.swagger.json"),
        "old definition\n",
    )
    .unwrap();
    std::fs::write(folder.join("apiProperties.json"), "old properties\n").unwrap();
    std::fs::write(folder.join("icon.png"), "mine\n").unwrap();
    // settings.json, written last, cannot be: its link points into a folder that is not there.
    std::os::unix::fs::symlink("missing/settings.json", folder.join("settings.json")).unwrap();
    let out = bin()
        .arg("convert")
        .arg(fixture("convert/openapi31-features/input.yaml"))
        .arg("--out-dir")
        .arg(&folder)
        .args(["--force", "--settings"])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("CCF011 unwritable-output") && stderr.contains("settings.json"),
        "{stderr}"
    );
    for (file, old) in [
        ("apiDefinition.swagger.json", "old definition\n"),
        ("apiProperties.json", "old properties\n"),
        ("icon.png", "mine\n"),
    ] {
        assert_eq!(std::fs::read_to_string(folder.join(file)).unwrap(), old);
    }
    assert_eq!(leftovers(&folder), Vec::<String>::new());
}

#[test]
fn a_second_run_into_a_folder_being_written_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("connector");
    std::fs::create_dir(&folder).unwrap();
    // What a run writing the folder holds.
    let held = File::open(&folder).unwrap();
    held.try_lock().unwrap();
    let out = bin()
        .arg("convert")
        .arg(fixture("convert/openapi31-features/input.yaml"))
        .arg("--out-dir")
        .arg(&folder)
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("another ccforge run is writing into it"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    drop(held);
    let out = bin()
        .arg("convert")
        .arg(fixture("convert/openapi31-features/input.yaml"))
        .arg("--out-dir")
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// The names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn an_interrupted_convert_leaves_a_whole_folder_or_none_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = minified_openapi(dir.path(), 1000);
    let convert = |folder: &Path| {
        bin()
            .arg("convert")
            .arg(&input)
            .arg("--out-dir")
            .arg(folder)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    interrupt_at_points(dir.path(), convert, |step, folder| {
        if folder.exists() {
            assert_eq!(leftovers(folder), Vec::<String>::new(), "step {step}");
            for file in ["apiDefinition.swagger.json", "apiProperties.json"] {
                let text = std::fs::read(folder.join(file)).unwrap_or_else(|e| {
                    panic!(
                        "step {step}: {file}: {e}; the folder holds {:?}",
                        listing(folder)
                    )
                });
                serde_json::from_slice::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("step {step}: {file}: {e}"));
            }
        }
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "step {step}");
    });
}

#[test]
fn an_interrupted_split_leaves_every_folder_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture("split/three-tags.openapi.yaml");
    let split = |out: &Path| {
        bin()
            .args(["convert", "--split-by", "tag", "--out-dir"])
            .arg(out)
            .arg(&input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let folders = ["Admin", "Customers", "Payments"];
    interrupt_at_points(dir.path(), split, |step, out| {
        let written = listing(out);
        assert!(
            written.is_empty() || written == folders,
            "step {step}: {written:?}"
        );
        for f in &written {
            assert_eq!(
                listing(&out.join(f)),
                ["apiDefinition.swagger.json", "apiProperties.json"],
                "step {step}: {f}"
            );
        }
        if out.exists() {
            assert_eq!(leftovers(out), Vec::<String>::new(), "step {step}");
        }
    });
    assert_eq!(listing(&dir.path().join("whole")), folders);
}

/// Runs `start` into `DIR/whole` to learn how long a run takes, then 31 more times into
/// `DIR/runN`, each sent SIGTERM at the next of 31 points spread over that time, and hands
/// each one's output path to `check` once it has ended.
fn interrupt_at_points(
    dir: &Path,
    start: impl Fn(&Path) -> std::process::Child,
    mut check: impl FnMut(u32, &Path),
) {
    let started = std::time::Instant::now();
    assert!(start(&dir.join("whole")).wait().unwrap().success());
    let whole = started.elapsed();
    const POINTS: u32 = 30;
    for step in 0..=POINTS {
        let out = dir.join(format!("run{step}"));
        let mut child = start(&out);
        std::thread::sleep(whole * step / POINTS);
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        child.wait().unwrap();
        check(step, &out);
    }
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

/// The pretty report of a conversion ends with the files it wrote, and counts them among the
/// files its findings are about; the definition written to standard output is not named, and
/// a machine-readable report has no such line.
#[test]
fn convert_names_the_files_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture("convert/openapi3-status-ranges/input.yaml");
    let run_in = |args: &[&str]| {
        let out = bin()
            .current_dir(dir.path())
            .arg("convert")
            .arg(&input)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.code().unwrap() <= 1, "{}", text(&out.stderr));
        (text(&out.stdout), text(&out.stderr))
    };
    let last_lines = |stderr: &str| -> Vec<String> {
        let lines: Vec<&str> = stderr.lines().collect();
        lines[lines.len().saturating_sub(2)..]
            .iter()
            .map(|l| l.to_string())
            .collect()
    };

    let (_, stderr) = run_in(&["--out-dir", "conn"]);
    let lines = last_lines(&stderr);
    assert!(lines[0].ends_with(" in 3 files."), "{stderr}");
    assert_eq!(
        lines[1], "Wrote conn/apiDefinition.swagger.json and conn/apiProperties.json.",
        "{stderr}"
    );

    let (_, stderr) = run_in(&["--out-dir", "conn", "--force", "--settings"]);
    assert_eq!(
        last_lines(&stderr)[1],
        "Wrote conn/apiDefinition.swagger.json, conn/apiProperties.json and conn/settings.json.",
        "{stderr}"
    );

    let (_, stderr) = run_in(&["-o", "api.json"]);
    let lines = last_lines(&stderr);
    assert!(lines[0].ends_with(" in 2 files."), "{stderr}");
    assert_eq!(lines[1], "Wrote api.json.", "{stderr}");

    let (stdout, stderr) = run_in(&[]);
    assert!(stdout.starts_with('{'), "{stdout}");
    assert!(!stderr.contains("Wrote"), "{stderr}");
    assert!(last_lines(&stderr)[1].ends_with(" in 1 file."), "{stderr}");

    let (_, stderr) = run_in(&["-o", "api.json", "--force", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stderr).unwrap();
    assert_eq!(report["summary"]["files"], 2, "{report}");

    // A split is counted under the folder that holds its connector folders.
    let out = bin()
        .current_dir(dir.path())
        .arg("convert")
        .arg(fixture("convert/postman-v1-folders/input.json"))
        .args(["--split-by", "folder", "--out-dir", "parts"])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    let lines = last_lines(&stderr);
    assert!(lines[0].ends_with(" in 5 files."), "{stderr}");
    assert_eq!(
        lines[1], "Wrote 4 files in 2 folders under parts.",
        "{stderr}"
    );
}

//! The language server driven in memory, as an editor would: diagnostics of a connector folder,
//! code actions, navigation, malformed requests, and thousands of random edits.

use std::path::{Path, PathBuf};
use std::thread;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

trait Answer {
    fn ok(self) -> Value;
    fn err(&self) -> Option<i32>;
}

impl Answer for Response {
    fn ok(self) -> Value {
        self.response_result.expect("a result")
    }
    fn err(&self) -> Option<i32> {
        self.response_result.as_ref().err().map(|e| e.code)
    }
}

struct Client {
    conn: Connection,
    server: Option<thread::JoinHandle<Result<bool, String>>>,
    next: i32,
    /// Notifications seen, in order.
    seen: Vec<Notification>,
}

fn uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

impl Client {
    fn start() -> Client {
        Client::start_with(json!({"rulesDocs": "https://example.test/rules.md"}))
    }

    fn start_with(options: Value) -> Client {
        let (server, client) = Connection::memory();
        let handle = thread::spawn(move || ccforge::lsp::serve(&server));
        let mut c = Client {
            conn: client,
            server: Some(handle),
            next: 0,
            seen: Vec::new(),
        };
        let r = c.request(
            "initialize",
            json!({"capabilities": {}, "initializationOptions": options}),
        );
        assert!(r.err().is_none());
        c.notify("initialized", json!({}));
        c
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                method.into(),
                params,
            )))
            .unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.conn
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.into(),
                params,
            )))
            .unwrap();
        loop {
            match self.conn.receiver.recv().expect("the server answered") {
                Message::Response(r) if r.id == id => return r,
                Message::Notification(n) => self.seen.push(n),
                _ => {}
            }
        }
    }

    /// The diagnostics last published for a file, once everything sent so far is handled.
    fn diagnostics(&mut self, file: &Path) -> Vec<Value> {
        // A request is answered after the notifications before it are handled and checked.
        self.request("ccforge/unknown", json!(null));
        let u = uri(file);
        self.seen
            .iter()
            .rev()
            .find(|n| n.method == "textDocument/publishDiagnostics" && n.params["uri"] == u)
            .map(|n| n.params["diagnostics"].as_array().unwrap().clone())
            .unwrap_or_default()
    }

    fn open(&mut self, file: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(file), "languageId": "json", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, file: &Path, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(file), "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn shutdown(mut self) {
        let r = self.request("shutdown", json!(null));
        assert!(r.err().is_none());
        self.notify("exit", json!(null));
        let ok = self.server.take().unwrap().join().unwrap().unwrap();
        assert!(ok, "exit after shutdown");
    }
}

fn connector() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lsp/connector");
    for f in ["apiDefinition.swagger.json", "apiProperties.json"] {
        std::fs::copy(root.join(f), dir.path().join(f)).unwrap();
    }
    let def = dir.path().join("apiDefinition.swagger.json");
    let props = dir.path().join("apiProperties.json");
    (dir, def, props)
}

fn codes(diags: &[Value]) -> Vec<(String, u64)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn apply(text: &str, edits: &[Value]) -> String {
    // Edits of one action do not overlap: apply from the last.
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| {
        let s = &e["range"]["start"];
        std::cmp::Reverse((
            s["line"].as_u64().unwrap(),
            s["character"].as_u64().unwrap(),
        ))
    });
    let mut out = text.to_string();
    for e in edits {
        let at = |p: &Value| {
            let line = p["line"].as_u64().unwrap() as usize;
            let ch = p["character"].as_u64().unwrap() as usize;
            let start: usize = out.split_inclusive('\n').take(line).map(str::len).sum();
            start + ch
        };
        let (s, t) = (at(&e["range"]["start"]), at(&e["range"]["end"]));
        out.replace_range(s..t, e["newText"].as_str().unwrap());
    }
    out
}

#[test]
fn a_connector_folder_is_checked_as_lint_checks_it() {
    let (_dir, def, props) = connector();
    let text = std::fs::read_to_string(&def).unwrap();
    let mut c = Client::start();
    c.open(&def, &text);
    let diags = c.diagnostics(&def);
    // The places `ccforge lint` prints (1-based there, 0-based here).
    assert_eq!(
        codes(&diags),
        vec![
            ("CCF203".to_string(), 25),
            ("CCF304".to_string(), 47),
            ("CCF501".to_string(), 72)
        ]
    );
    let first = &diags[0];
    assert_eq!(first["severity"], 1);
    assert_eq!(
        first["codeDescription"]["href"],
        "https://example.test/rules.md#ccf203-operation-id-missing"
    );
    assert_eq!(first["range"]["start"]["character"], 6);
    assert_eq!(diags[1]["severity"], 2);
    // Unless told where the rules are documented, a finding links nowhere (the rule's
    // documentation is on hover): a guessed address would lead to a page that does not exist.
    let mut bare = Client::start_with(json!({}));
    bare.open(&def, &text);
    let bare_diags = bare.diagnostics(&def);
    assert_eq!(codes(&bare_diags), codes(&diags));
    assert!(
        bare_diags
            .iter()
            .all(|d| d.get("codeDescription").is_none()),
        "{bare_diags:?}"
    );

    // Editing apiProperties.json, unsaved, re-checks the definition's auth.
    let oauth = std::fs::read_to_string(&props).unwrap().replace(
        "\"connectionParameters\": {}",
        "\"connectionParameters\": {\"token\": {\"type\": \"oauthSetting\", \"oAuthSettings\": {\"identityProvider\": \"oauth2\", \"clientId\": \"x\", \"scopes\": [], \"redirectUrl\": \"https://global.consent.azure-apim.net/redirect\", \"properties\": {\"IsFirstParty\": \"False\"}, \"customParameters\": {\"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"}, \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"}, \"refreshUrl\": {\"value\": \"https://login.contoso.com/token\"}}}}}",
    );
    c.open(&props, &oauth);
    let after: Vec<String> = codes(&c.diagnostics(&def))
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert!(!after.contains(&"CCF501".to_string()), "{after:?}");

    // apiProperties.json half-typed: its parse error, and the definition keeps its findings.
    let before = c.diagnostics(&def);
    c.change(&props, 2, "{\"properties\": {");
    let broken = c.diagnostics(&props);
    assert_eq!(broken[0]["code"], "CCF002", "{broken:?}");
    assert_eq!(codes(&c.diagnostics(&def)), codes(&before));
    c.shutdown();
}

#[test]
fn quick_fixes_are_small_edits_and_suppressions_silence_the_rule() {
    let (_dir, def, _props) = connector();
    let text = std::fs::read_to_string(&def).unwrap();
    let mut c = Client::start();
    c.open(&def, &text);
    let diags = c.diagnostics(&def);
    let missing = diags
        .iter()
        .find(|d| d["code"] == "CCF203")
        .unwrap()
        .clone();
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&def)}, "range": missing["range"], "context": {"diagnostics": [missing]}}),
    );
    let actions = r.ok();
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a quick fix from the passes");
    let edits = fix["edit"]["changes"][uri(&def)].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    let new_text = edits[0]["newText"].as_str().unwrap();
    assert!(
        new_text.contains("\"operationId\": \"PostTasks\""),
        "{new_text}"
    );
    assert!(
        new_text.len() < 80,
        "the edit is the change, not the file: {new_text}"
    );
    let fixed = apply(&text, edits);
    c.change(&def, 2, &fixed);
    let after: Vec<String> = codes(&c.diagnostics(&def))
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert!(!after.contains(&"CCF203".to_string()), "{after:?}");

    // Suppress the url-encoding warning with a reason.
    let diags = c.diagnostics(&def);
    let warn = diags
        .iter()
        .find(|d| d["code"] == "CCF304")
        .unwrap()
        .clone();
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&def)}, "range": warn["range"], "context": {"diagnostics": [warn]}}),
    );
    let actions = r.ok();
    let suppress = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Suppress"))
        .unwrap();
    let edits = suppress["edit"]["changes"][uri(&def)].as_array().unwrap();
    let suppressed = apply(&fixed, edits);
    assert!(
        suppressed.contains("\"x-ccforge-ignore\": [{\"rule\": \"path-parameter-url-encoding\"")
    );
    c.change(&def, 3, &suppressed);
    let after: Vec<String> = codes(&c.diagnostics(&def))
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert_eq!(after, vec!["CCF501"]);
    c.shutdown();
}

/// A quick fix from the passes is offered only for a finding the passes remove, and is titled
/// by the change at the finding (not by another change near it).
#[test]
fn quick_fixes_are_offered_only_for_what_they_fix() {
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("apiDefinition.swagger.json");
    let text = r#"{
  "swagger": "2.0",
  "info": {"title": "Items", "description": "Lists items.", "version": "1.0"},
  "host": "api.contoso.com",
  "basePath": "/",
  "schemes": ["https"],
  "paths": {
    "/items": {
      "get": {
        "operationId": "ListItems",
        "summary": "List items",
        "description": "Lists the items.",
        "parameters": [
          {"name": "q", "in": "query", "type": "string"},
          {"name": "q", "in": "query", "type": "string"},
          {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"}
        ],
        "responses": {"200": {"description": "OK"}}
      }
    }
  }
}
"#;
    std::fs::write(&def, text).unwrap();
    let mut c = Client::start();
    c.open(&def, text);
    let diags = c.diagnostics(&def);
    let fixes_for = |c: &mut Client, code: &str| -> Vec<String> {
        let d = diags
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {diags:?}"))
            .clone();
        let r = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(&def)}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        r.ok()
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["isPreferred"] == true)
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    // The passes keep both `q` parameters (they only add summaries there): no fix.
    assert_eq!(fixes_for(&mut c, "CCF308"), Vec::<String>::new());
    let titles = fixes_for(&mut c, "CCF317");
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert!(
        titles[0].starts_with("Fix: `collectionFormat: multi` on `tags`"),
        "{titles:?}"
    );
    c.shutdown();
}

fn line_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count();
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, col)
}

#[test]
fn hover_definition_references_and_symbols() {
    let (_dir, def, _props) = connector();
    let text = std::fs::read_to_string(&def).unwrap();
    let mut c = Client::start();
    c.open(&def, &text);
    let at = |needle: &str| {
        let (line, character) = line_of(&text, needle);
        json!({"textDocument": {"uri": uri(&def)}, "position": {"line": line, "character": character + 3}})
    };
    let hover = c.request("textDocument/hover", at("\"operationId\": \"GetTask\""));
    let md = hover.ok()["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        md.contains("**GET /tasks/{id}**") && md.contains("Gets one task."),
        "{md}"
    );

    let hover = c.request(
        "textDocument/hover",
        at("\"$ref\": \"#/definitions/Task\"}\n          }"),
    );
    let md = hover.ok()["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(md.contains("\"x-ms-summary\": \"Title\""), "{md}");

    // Hover on a finding shows its rule's docs.
    let hover = c.request("textDocument/hover", at("\"post\": {"));
    let md = hover.ok()["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(md.contains("CCF203 operation-id-missing"), "{md}");

    let target = line_of(&text, "\"Task\": {").0;
    let r = c.request(
        "textDocument/definition",
        at("\"$ref\": \"#/definitions/Task\"}\n          }"),
    );
    assert_eq!(r.ok()["range"]["start"]["line"], target);

    let list_tasks = line_of(&text, "\"operationId\": \"ListTasks\"").0;
    let r = c.request("textDocument/definition", at("\"x-ms-dynamic-values\""));
    assert_eq!(r.ok()["range"]["start"]["line"], list_tasks);

    let mut refs = at("\"Task\": {");
    refs["context"] = json!({"includeDeclaration": false});
    let r = c.request("textDocument/references", refs);
    assert_eq!(r.ok().as_array().unwrap().len(), 3);

    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&def)}}),
    );
    let syms = r.ok();
    let names: Vec<&str> = syms
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["/tasks", "/tasks/{id}", "Task"]);
    assert_eq!(syms[0]["children"][1]["name"], "POST");
    c.shutdown();
}

/// A minified definition is one long line: each position is found without counting that line
/// from its start (4,000 operations and their 16,000 findings took minutes that way), and
/// columns still count UTF-16 units past non-ASCII text.
#[test]
fn a_large_minified_definition_is_checked_and_outlined_without_rescanning_its_line() {
    let n = 4000;
    let paths: serde_json::Map<String, Value> = (0..n)
        .map(|i| {
            (
                format!("/items{i}/{{id}}/"),
                json!({"get": {"operationId": format!("get-item-{i}"),
                    "description": "Élément 中文 \u{1F600}",
                    "parameters": [{"name": "id", "in": "path", "type": "string"}],
                    "responses": {"200": {"description": "OK"}}}}),
            )
        })
        .collect();
    let doc = json!({"swagger": "2.0", "info": {"title": "Big", "version": "1"},
        "host": "api.contoso.com", "basePath": "/", "schemes": ["https"], "paths": paths});
    let text = serde_json::to_string(&doc).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("apiDefinition.swagger.json");
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let (def, text) = (def.clone(), text.clone());
        thread::spawn(move || {
            let mut c = Client::start();
            c.open(&def, &text);
            let diags = c.diagnostics(&def);
            let symbols = c
                .request(
                    "textDocument/documentSymbol",
                    json!({"textDocument": {"uri": uri(&def)}}),
                )
                .ok();
            c.shutdown();
            let _ = tx.send((diags, symbols));
        });
    }
    let (diags, symbols) = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("diagnostics and symbols within two minutes");
    let last = text.find(&format!("\"/items{}/{{id}}/\"", n - 1)).unwrap();
    let column = text[..last].encode_utf16().count() as u64;
    assert!(
        diags.iter().any(|d| d["code"] == "CCF201"
            && d["range"]["start"] == json!({"line": 0, "character": column})),
        "no path-trailing-slash at 0:{column}"
    );
    assert!(diags.len() >= 4 * n, "{}", diags.len());
    assert_eq!(symbols.as_array().map(Vec::len), Some(n));
}

#[test]
fn bad_requests_get_errors_and_the_server_goes_on() {
    let (_dir, def, _props) = connector();
    let mut c = Client::start();
    let r = c.request("textDocument/notAThing", json!({}));
    assert_eq!(r.err().unwrap(), -32601);
    let r = c.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(r.err().unwrap(), -32602);
    // A document never opened: no answer, no error.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&def)}, "position": {"line": 999, "character": 999}}),
    );
    assert!(r.err().is_none());
    c.notify("textDocument/didChange", json!({"nonsense": true}));
    c.shutdown();
}

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn thousands_of_random_edits_never_break_the_server() {
    let (_dir, def, props) = connector();
    let mut text = std::fs::read_to_string(&def).unwrap();
    let mut c = Client::start();
    c.open(&def, &text);
    c.open(&props, &std::fs::read_to_string(&props).unwrap());
    let pieces = [
        "{",
        "}",
        "[",
        "]",
        "\"",
        ":",
        ",",
        "\n",
        "\"$ref\": \"#/definitions/",
        "\u{e9}",
        "\u{1F600}",
        "\"operationId\": \"X\"",
        "null",
        "x-ccforge-ignore",
        "\\",
        " ",
    ];
    let mut rng = Rng(0x5eed_cc0f_0123_4567);
    for version in 2..3002 {
        // A ranged edit at a random place, in protocol positions (UTF-16 units).
        let lines: Vec<&str> = text.split('\n').collect();
        let line = rng.below(lines.len() + 1);
        let ch = rng.below(lines.get(line).map_or(3, |l| l.encode_utf16().count() + 3));
        let len = rng.below(12);
        let insert = if rng.below(3) == 0 {
            String::new()
        } else {
            pieces[rng.below(pieces.len())].to_string()
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(&def), "version": version},
                   "contentChanges": [{"range": {"start": {"line": line, "character": ch},
                                                 "end": {"line": line, "character": ch + len}},
                                       "text": insert}]}),
        );
        // Keep our copy in step the way the server applies the change.
        let index = ccforge::lsp::text::LineIndex::new(&text);
        let s = index.offset(&text, lsp_types::Position::new(line as u32, ch as u32));
        let e = index
            .offset(
                &text,
                lsp_types::Position::new(line as u32, (ch + len) as u32),
            )
            .max(s);
        text.replace_range(s..e, &insert);
        if version % 7 == 0 {
            let pos = json!({"line": rng.below(120), "character": rng.below(60)});
            let method = [
                "textDocument/hover",
                "textDocument/definition",
                "textDocument/codeAction",
                "textDocument/documentSymbol",
                "textDocument/references",
            ][rng.below(5)];
            let r = c.request(
                method,
                json!({"textDocument": {"uri": uri(&def)}, "position": pos,
                       "range": {"start": pos, "end": pos},
                       "context": {"diagnostics": [], "includeDeclaration": true}}),
            );
            assert!(r.err().is_none(), "{method}: {:?}", r.response_result);
        }
        if version % 500 == 0 {
            // Back to a document that parses, so the walk covers valid states too.
            text = std::fs::read_to_string(&def).unwrap();
            c.change(&def, version, &text);
        }
    }
    assert!(
        !c.seen.iter().any(|n| n.method == "window/logMessage"),
        "an internal error was logged"
    );
    c.shutdown();
}

/// Frames a body the way the protocol does.
fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

#[test]
fn the_binary_answers_broken_messages_with_errors_and_exits_cleanly() {
    let mut input = String::new();
    input +=
        &frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    input += &frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
    // Not JSON, no Content-Length, and JSON that is no JSON-RPC message.
    input += &frame("{not json");
    input += "X-Nothing: 1\r\n\r\n";
    input += &frame(r#"{"jsonrpc":"2.0","id":7,"method":3}"#);
    input += &frame(r#"{"jsonrpc":"2.0","id":2,"method":"workspace/nothing","params":{}}"#);
    input += &frame(r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#);
    input += &frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
    let out = assert_cmd::Command::cargo_bin("ccforge")
        .unwrap()
        .arg("lsp")
        .write_stdin(input)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let bodies: Vec<Value> = stdout
        .split("Content-Length: ")
        .filter_map(|part| part.split_once("\r\n\r\n"))
        .map(|(_, body)| serde_json::from_str(body).unwrap())
        .collect();
    let error_of = |id: Value| {
        bodies
            .iter()
            .filter(|b| b["id"] == id)
            .map(|b| b["error"]["code"].as_i64())
            .collect::<Vec<_>>()
    };
    assert_eq!(error_of(Value::Null), vec![Some(-32700), Some(-32700)]);
    assert_eq!(error_of(json!(7)), vec![Some(-32600)]);
    assert_eq!(error_of(json!(2)), vec![Some(-32601)]);
    assert_eq!(error_of(json!(3)), vec![None]);
    // Errors for broken messages are written as they are read: in any order with the rest.
    let init = bodies.iter().find(|b| b["id"] == 1).unwrap();
    assert!(init["result"]["capabilities"]["hoverProvider"] == true);
}

#[test]
fn json_that_is_no_connector_file_gets_no_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let tsconfig = dir.path().join("tsconfig.json");
    // Comments and a trailing comma: lenient JSON that lint would warn about in a definition.
    let text = "{\n  // options\n  \"compilerOptions\": {\"strict\": true,},\n}\n";
    std::fs::write(&tsconfig, text).unwrap();
    let mut c = Client::start();
    c.open(&tsconfig, text);
    assert!(c.diagnostics(&tsconfig).is_empty());
    c.change(&tsconfig, 2, "{\n  \"compilerOptions\": {");
    assert!(c.diagnostics(&tsconfig).is_empty());
    c.shutdown();
}

#[test]
fn the_folder_config_sets_levels_and_edits_to_it_apply() {
    let (dir, def, _props) = connector();
    std::fs::write(
        dir.path().join("ccforge.toml"),
        "[rules]\noperation-id-missing = \"off\"\npath-parameter-url-encoding = \"error\"\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(&def).unwrap();
    let mut c = Client::start();
    c.open(&def, &text);
    let diags = c.diagnostics(&def);
    assert_eq!(
        codes(&diags),
        vec![("CCF304".to_string(), 47), ("CCF501".to_string(), 72)]
    );
    assert_eq!(diags[0]["severity"], 1);
    // The config changed on disk: the open folders are checked again.
    std::fs::write(dir.path().join("ccforge.toml"), "").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": []}));
    let diags = c.diagnostics(&def);
    assert_eq!(diags.len(), 3, "{diags:?}");
    c.shutdown();
}

#[test]
fn hover_on_a_reference_shows_its_target_without_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("apiDefinition.swagger.json");
    let text = serde_json::to_string_pretty(&json!({
        "swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "api.contoso.com",
        "paths": {"/login": {"post": {"operationId": "Login", "summary": "Log in",
            "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Login"}}],
            "responses": {"200": {"description": "OK"}}}}},
        "definitions": {"Login": {"type": "object", "properties": {
            "user": {"type": "string", "example": "ann"},
            "password": {"type": "string", "example": "Hunter2Planted9x"}}}}
    }))
    .unwrap();
    std::fs::write(&def, &text).unwrap();
    let mut c = Client::start();
    c.open(&def, &text);
    let (line, character) = line_of(&text, "\"$ref\": \"#/definitions/Login\"");
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&def)}, "position": {"line": line, "character": character + 3}}),
    );
    let md = hover.ok()["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(md.contains("\"example\": \"ann\""), "{md}");
    assert!(!md.contains("Hunter2Planted9x"), "{md}");
    assert!(md.contains("\"example\": \"<secret>\""), "{md}");
    c.shutdown();
}

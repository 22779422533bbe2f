//! Property tests: random documents (Swagger-like trees and arbitrary bytes) through the reader,
//! format detection, the importers, lint and diff. None may panic; what they return must make
//! sense (places inside the text, valid JSON read back unchanged, a document equal to itself).
//! `fuzz/` runs the same entry points for longer under a coverage-guided fuzzer.

use ccforge::diagnostic::{Anchor, Declared};
use ccforge::import::{self, ImportOptions};
use ccforge::lint::engine;
use ccforge::source::{self, Source, json};
use ccforge::{Diagnostic, Span, detect, diff};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Keys a Swagger 2.0, OpenAPI 3 or Postman document uses, so that random trees reach the code
/// that reads them, and a few that no format uses.
const KEYS: &[&str] = &[
    "swagger",
    "openapi",
    "info",
    "title",
    "version",
    "host",
    "basePath",
    "schemes",
    "paths",
    "/pets",
    "/pets/{id}",
    "get",
    "post",
    "put",
    "delete",
    "operationId",
    "summary",
    "description",
    "parameters",
    "name",
    "in",
    "required",
    "type",
    "format",
    "items",
    "schema",
    "properties",
    "additionalProperties",
    "allOf",
    "enum",
    "default",
    "responses",
    "200",
    "default",
    "definitions",
    "Pet",
    "$ref",
    "securityDefinitions",
    "security",
    "x-ms-visibility",
    "x-ms-summary",
    "x-ms-dynamic-values",
    "components",
    "schemas",
    "servers",
    "url",
    "requestBody",
    "content",
    "application/json",
    "item",
    "request",
    "method",
    "header",
    "body",
    "raw",
    "mode",
    "auth",
    "variable",
    "key",
    "value",
    "properties",
    "connectionParameters",
    "",
    "a/b~c",
    "é",
];

const POSTMAN_SCHEMA: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

/// Strings a Swagger document holds, so that references, locations and types are sometimes
/// right and sometimes nearly right.
const STRINGS: &[&str] = &[
    "2.0",
    "3.0.3",
    "3.1.0",
    "#/definitions/Pet",
    "#/definitions/Missing",
    "#/definitions/",
    "#/components/schemas/Pet",
    "#/paths/~1pets/get",
    "#",
    "",
    "path",
    "query",
    "header",
    "body",
    "formData",
    "string",
    "integer",
    "number",
    "boolean",
    "array",
    "object",
    "file",
    "int32",
    "date-time",
    "id",
    "{{baseUrl}}/pets/:id",
    "https://api.contoso.com/v1",
    "api.contoso.com",
    POSTMAN_SCHEMA,
    "GET",
    "POST",
    "advanced",
    "important",
    "oauth2",
    "apiKey",
    "basic",
    "é\u{1F600}\t\"\\",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(KEYS).prop_map(str::to_string),
        1 => "[a-zA-Z0-9_{}/~$.-]{0,12}",
        1 => any::<String>(),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from), // NaN and infinities become null
        4 => proptest::sample::select(STRINGS).prop_map(Value::from),
        2 => "[a-zA-Z0-9 {}/#:._-]{0,16}".prop_map(Value::from),
        1 => any::<String>().prop_map(Value::from),
    ]
}

/// A JSON tree of random shape, mostly of Swagger-like keys and strings.
fn tree() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            1 => proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            3 => proptest::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A tree under a root that names a format (or none), so that each reader gets its share.
fn document() -> impl Strategy<Value = Value> {
    let root = prop_oneof![
        Just(None),
        Just(Some(("swagger", Value::from("2.0")))),
        Just(Some(("openapi", Value::from("3.0.3")))),
        Just(Some(("openapi", Value::from("3.1.0")))),
        Just(Some((
            "info",
            serde_json::json!({"schema": POSTMAN_SCHEMA, "name": "c"})
        ))),
    ];
    (root, tree()).prop_map(|(root, tree)| {
        let mut doc = match tree {
            Value::Object(m) => m,
            other => Map::from_iter([("paths".to_string(), other)]),
        };
        if let Some((k, v)) = root {
            doc.insert(k.to_string(), v);
        }
        Value::Object(doc)
    })
}

/// Text made of the characters JSON and YAML give meaning to, so that the readers see nearly
/// valid documents more often than random bytes would.
fn syntaxish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(
                &[
                    "{", "}", "[", "]", ":", ",", "\"", "'", " ", "\n", "\t", "#", "//", "/*",
                    "*/", "-", "- ", "? ", "&a ", "*a", "<<: ", "!!str ", "|\n", ">\n", "---\n",
                    "...\n", "1", "-0.5e3", "true", "null", "\\u00e9", "\\", "\u{a0}", "\u{feff}",
                    "swagger", "$ref", "paths",
                ][..]
            )
            .prop_map(str::to_string),
            "[a-z0-9]{1,4}",
        ],
        0..48,
    )
    .prop_map(|parts| parts.concat())
}

/// 256 cases each (about two seconds in a debug build); `PROPTEST_CASES=N` runs more.
fn config() -> ProptestConfig {
    ProptestConfig {
        // A failing case is printed, shrunk; it belongs in a fixture of its own.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A span lies within `text`, on character boundaries, and its line and column agree with its
/// offset.
fn assert_span_in(text: &str, span: &Span) {
    let end = span.offset + span.len;
    assert!(end <= text.len(), "{span:?} past the end ({})", text.len());
    assert!(
        text.is_char_boundary(span.offset) && text.is_char_boundary(end),
        "{span:?}"
    );
    let before = &text[..span.offset];
    assert_eq!(span.line, before.matches('\n').count() + 1, "{span:?}");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(
        span.column,
        text[line_start..span.offset].chars().count() + 1,
        "{span:?}"
    );
}

/// Every diagnostic about `src` anchored at a pointer is placed, inside the text.
fn assert_placed(src_name: &str, text: &str, diags: &[Diagnostic]) {
    for d in diags {
        if d.file.as_deref() != Some(src_name) {
            continue;
        }
        if let Anchor::Pointer(p) = &d.anchor {
            let span = d
                .span
                .as_ref()
                .unwrap_or_else(|| panic!("{} at {p:?} has no place", d.code));
            assert_span_in(text, span);
        }
    }
}

/// Lints a source as a connector's definition and checks the places of its findings.
fn lint(src: Source) {
    let (name, text) = (src.name.clone(), src.text.clone());
    let outcome = engine::lint_sources(vec![src], &Declared);
    assert_placed(&name, &text, &outcome.diagnostics);
}

/// Converts whatever converts and checks the places of what the importer reported.
fn import(mut src: Source) {
    let text = src.text.clone();
    match import::import(&mut src, &ImportOptions::default()) {
        Ok(imported) => {
            serde_json::to_string(&imported.doc).expect("the converted document serializes");
            let mut diags = imported.diagnostics;
            src.resolve(&mut diags);
            assert_placed(&src.name, &text, &diags);
        }
        Err(mut diags) => {
            assert!(!diags.is_empty(), "a failed conversion says why");
            src.resolve(&mut diags);
            assert_placed(&src.name, &text, &diags);
        }
    }
}

/// Every entry point that takes a read document.
fn everything(src: Source) {
    let _ = detect::detect(&src.value, &src.name);
    let value = src.value.clone();
    assert!(
        diff::diff(&value, &value).is_empty(),
        "a document differs from itself"
    );
    let text = src.text.clone();
    let name = src.name.clone();
    let copy = source::load_bytes(&name, text.as_bytes()).expect("read once, read twice");
    import(copy);
    lint(src);
}

proptest! {
    #![proptest_config(config())]

    /// Valid JSON, compact or pretty, reads back as the value it was written from, with nothing
    /// lenient about it; the renderer's output does too.
    #[test]
    fn json_round_trips(doc in document()) {
        for text in [
            serde_json::to_string(&doc).unwrap(),
            serde_json::to_string_pretty(&doc).unwrap(),
            ccforge::emit::to_json(&doc),
        ] {
            let read = json::parse_lenient(&text).expect("valid JSON parses");
            prop_assert!(read.found.is_empty() && !read.repeated, "{read:?}");
            prop_assert_eq!(&read.value, &doc);
            prop_assert_eq!(json::parse_strict(&text).unwrap(), (doc.clone(), false));
            let again = serde_json::to_string(&read.value).unwrap();
            prop_assert_eq!(json::parse_lenient(&again).unwrap().value, read.value);
        }
    }

    /// What the YAML renderer writes reads back as the same value.
    #[test]
    fn yaml_round_trips(doc in document()) {
        let text = ccforge::emit::render(&doc, ccforge::emit::OutFormat::Yaml);
        let src = source::load_bytes("doc.yaml", text.as_bytes()).expect("rendered YAML reads");
        prop_assert_eq!(&src.value, &doc);
    }

    /// Lint, import, detection and diff take any document in either syntax, and place every
    /// finding inside its text.
    #[test]
    fn documents_lint_import_and_diff(doc in document(), yaml in any::<bool>()) {
        let format = if yaml { ccforge::emit::OutFormat::Yaml } else { ccforge::emit::OutFormat::Json };
        let text = ccforge::emit::render(&doc, format);
        let src = source::load_bytes("apiDefinition.swagger.json", text.as_bytes())
            .expect("a rendered document reads");
        everything(src);
    }

    /// Two random definitions compare both ways without a panic, and the same changes are found
    /// each time.
    #[test]
    fn diff_pairs(old in document(), new in document()) {
        let forward = diff::diff(&old, &new);
        prop_assert_eq!(forward.len(), diff::diff(&old, &new).len());
        let _ = diff::diff(&new, &old);
        let _ = diff::properties::properties(&old, &new);
    }

    /// Arbitrary bytes are read or refused with a place inside the text; what is read goes
    /// through everything.
    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        bytes_through_everything(&bytes);
    }

    /// Near-JSON and near-YAML text, the same way.
    #[test]
    fn syntax_soup(text in syntaxish()) {
        bytes_through_everything(text.as_bytes());
        if let Ok(read) = json::parse_lenient(&text) {
            for n in &read.found {
                prop_assert!(n.offset <= text.len());
            }
            for d in json::duplicate_keys(&text) {
                prop_assert!(d.first < d.again && text.as_bytes()[d.again] == b'"', "{d:?}");
            }
            let again = serde_json::to_string(&read.value).unwrap();
            prop_assert_eq!(json::parse_lenient(&again).unwrap().value, read.value);
        }
    }
}

fn bytes_through_everything(bytes: &[u8]) {
    match source::load_bytes("input.json", bytes) {
        Ok(src) => everything(src),
        Err(e) => {
            if let (Some(text), Some(span)) = (&e.text, &e.diagnostic.span) {
                assert_span_in(text, span);
            }
        }
    }
}

//! The lenient JSON reader: any text parses or fails with an error inside the text; what parses
//! is placed inside the text; valid JSON reads back the same after serializing.

use ccforge::source::{self, json};

pub fn run(data: &[u8]) {
    // Through the whole reader: decoding, format choice, parsing, locating.
    match source::load_bytes("input.json", data) {
        Ok(src) => super::check_locations(&src),
        Err(e) => {
            if let (Some(text), Some(span)) = (&e.text, &e.diagnostic.span) {
                super::check_span(text, span);
            }
        }
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match json::parse_lenient(text) {
        Ok(read) => {
            for n in &read.found {
                assert!(n.offset <= text.len(), "{n:?}");
            }
            for d in json::duplicate_keys(text) {
                assert!(
                    d.first < d.again && text.as_bytes()[d.again] == b'"',
                    "{d:?}"
                );
            }
            let value = read.value;
            let written = serde_json::to_string(&value).expect("a parsed value serializes");
            let read = json::parse_lenient(&written).expect("serialized JSON parses");
            assert!(
                read.found.is_empty() && !read.repeated,
                "serialized JSON needs leniency: {read:?}"
            );
            let again = read.value;
            assert_eq!(again, value, "round trip through {written}");
            let pretty = ccforge::emit::to_json(&value);
            let again = json::parse_lenient(&pretty)
                .expect("rendered JSON parses")
                .value;
            assert_eq!(again, value, "round trip through the renderer");
        }
        Err(e) => assert!(e.offset <= text.len(), "{e:?}"),
    }
}

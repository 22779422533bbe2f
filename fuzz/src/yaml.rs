//! The YAML reader: any text parses or fails; what parses is placed inside the text.

use ccforge::source::{self, Syntax};

pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match source::yaml::parse(text) {
        Ok(parsed) => {
            // Whatever YAML reads renders as YAML that reads back the same.
            let written = ccforge::emit::render(&parsed.value, ccforge::emit::OutFormat::Yaml);
            let again = source::yaml::parse(&written).expect("rendered YAML parses");
            assert_eq!(again.value, parsed.value, "round trip through {written}");
        }
        Err(e) => assert!(e.index <= text.chars().count(), "{e:?}"),
    }
    // Through the reader, as a file whose first character is not `{` or `[` is.
    if let Ok(src) = source::load_bytes("input.yaml", data)
        && src.syntax == Syntax::Yaml
    {
        super::check_locations(&src);
    }
}

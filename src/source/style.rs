//! The layout of a JSON text: its indentation unit, its line ends, and the lines that break the
//! 4-space style Microsoft's connectors repository asks for. `fix` writes in the input's layout;
//! the certification rule `whitespace-style` reports the lines that break the style.

/// How a JSON text is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// One level of indentation: some spaces, or a tab. Empty for a minified text: no line
    /// breaks and no spaces between tokens.
    pub indent: String,
    /// How lines end.
    pub line_end: LineEnd,
}

/// The line end of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineEnd {
    #[default]
    Lf,
    CrLf,
    /// A lone `\r`, as classic Mac OS wrote.
    Cr,
}

impl LineEnd {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnd::Lf => "\n",
            LineEnd::CrLf => "\r\n",
            LineEnd::Cr => "\r",
        }
    }

    /// The line end of the first line of `text` ending in one (`\n` when none does).
    pub fn of(text: &str) -> LineEnd {
        let bytes = text.as_bytes();
        match memchr::memchr2(b'\n', b'\r', bytes) {
            Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => LineEnd::CrLf,
            Some(i) if bytes[i] == b'\r' => LineEnd::Cr,
            _ => LineEnd::Lf,
        }
    }
}

impl Default for Layout {
    /// Two spaces and `\n`, what ccforge writes a new file in.
    fn default() -> Self {
        Layout {
            indent: "  ".into(),
            line_end: LineEnd::Lf,
        }
    }
}

impl Layout {
    /// The 4-space layout of Microsoft's connectors repository, keeping `line_end`.
    pub fn four_spaces(line_end: LineEnd) -> Layout {
        Layout {
            indent: "    ".into(),
            line_end,
        }
    }

    /// A minified text's: one line, no spaces between tokens.
    pub fn minified() -> Layout {
        Layout {
            indent: String::new(),
            line_end: LineEnd::Lf,
        }
    }

    /// Whether this is the layout of a minified text.
    pub fn is_minified(&self) -> bool {
        self.indent.is_empty()
    }

    /// The layout of `text`: minified when the JSON in it is on one line, else the indentation
    /// of its first indented line (a tab, or one to eight spaces; two otherwise) and the line
    /// end of its first line.
    pub fn of(text: &str) -> Layout {
        let bytes = text.as_bytes();
        if memchr::memchr2(b'\n', b'\r', bytes.trim_ascii()).is_none() {
            return Layout::minified();
        }
        let line_end = LineEnd::of(text);
        let mut indent = Layout::default().indent;
        for line in text.split(['\n', '\r']).skip(1) {
            let lead = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            if lead.is_empty() || lead.len() == line.len() {
                continue;
            }
            if lead.starts_with('\t') {
                indent = "\t".into();
            } else {
                let spaces = lead.bytes().take_while(|b| *b == b' ').count();
                if (1..=8).contains(&spaces) {
                    indent = " ".repeat(spaces);
                }
            }
            break;
        }
        Layout { indent, line_end }
    }
}

/// The lines of a text that break the 4-space style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StyleBreaks {
    /// Lines indented by a number of spaces that is not a multiple of 4, or by spaces and tabs.
    pub misindented: usize,
    /// Lines that end in spaces or tabs (whitespace-only lines included).
    pub trailing: usize,
    /// The byte offset of the first break and what it is.
    pub first: Option<(usize, StyleBreak)>,
}

/// What is wrong with a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StyleBreak {
    Indent,
    Trailing,
}

impl StyleBreaks {
    /// Scans `text` line by line. Lines indented by tabs only pass.
    pub fn of(text: &str) -> StyleBreaks {
        let text = text.as_bytes();
        let mut breaks = StyleBreaks::default();
        let mut start = 0;
        while start <= text.len() {
            let end = memchr::memchr(b'\n', &text[start..]).map_or(text.len(), |i| start + i);
            let mut line_end = end;
            if line_end > start && text[line_end - 1] == b'\r' {
                line_end -= 1;
            }
            let line = &text[start..line_end];
            let lead = line
                .iter()
                .take_while(|b| **b == b' ' || **b == b'\t')
                .count();
            if lead == line.len() {
                // A blank line: whitespace only is trailing whitespace.
                if lead > 0 {
                    breaks.trailing += 1;
                    breaks.first.get_or_insert((start, StyleBreak::Trailing));
                }
            } else {
                let spaces = line[..lead].iter().filter(|b| **b == b' ').count();
                if spaces % 4 != 0 || (spaces > 0 && spaces < lead) {
                    breaks.misindented += 1;
                    breaks.first.get_or_insert((start, StyleBreak::Indent));
                }
                let body = line
                    .iter()
                    .rposition(|b| *b != b' ' && *b != b'\t')
                    .map_or(0, |i| i + 1);
                if body < line.len() {
                    breaks.trailing += 1;
                    breaks
                        .first
                        .get_or_insert((start + body, StyleBreak::Trailing));
                }
            }
            start = end + 1;
        }
        breaks
    }

    /// Whether every line keeps the style.
    pub fn is_clean(&self) -> bool {
        self.first.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_follows_the_first_indented_line() {
        assert_eq!(
            Layout::of("{\n    \"a\": 1\n}\n"),
            Layout::four_spaces(LineEnd::Lf)
        );
        assert_eq!(
            Layout::of("{\r\n\t\"a\": {\r\n\t\t\"b\": 1\r\n\t}\r\n}"),
            Layout {
                indent: "\t".into(),
                line_end: LineEnd::CrLf
            }
        );
        // JSON on one line (around it, whitespace and line ends) is minified.
        for one_line in ["{\"a\": 1}", "{\"a\":1}\n", "\r\n  {\"a\":{\"b\":[1]}}\r\n"] {
            assert_eq!(Layout::of(one_line), Layout::minified(), "{one_line:?}");
        }
        // Lines ended by a lone `\r`.
        assert_eq!(
            Layout::of("{\r  \"a\": {\r    \"b\": 1\r  }\r}\r"),
            Layout {
                indent: "  ".into(),
                line_end: LineEnd::Cr
            }
        );
        // On several lines, none indented: two spaces.
        assert_eq!(Layout::of("{\n\"a\": 1\n}"), Layout::default());
        assert_eq!(
            Layout::of("{\n\n   \"a\": 1\n}"),
            Layout {
                indent: "   ".into(),
                line_end: LineEnd::Lf
            }
        );
    }

    #[test]
    fn breaks_count_indentation_and_trailing_whitespace() {
        let b = StyleBreaks::of("{\n    \"a\": 1, \n  \"b\": 2,\n \t\n\t\"c\": 3\n}");
        assert_eq!((b.misindented, b.trailing), (1, 2));
        assert_eq!(b.first, Some((13, StyleBreak::Trailing)));
        assert!(StyleBreaks::of("{\n    \"a\": 1\n}\n").is_clean());
    }
}

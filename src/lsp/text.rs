//! Text positions as the protocol counts them (lines and UTF-16 code units), document URIs as
//! paths, and edits to an open buffer.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Uri};
use std::path::{Path, PathBuf};

/// Where each line of a text starts, to turn byte offsets into protocol positions and back.
pub struct LineIndex {
    starts: Vec<usize>,
    /// Where each non-ASCII character starts (in text order), and, for it and all before it,
    /// how many more bytes than UTF-16 code units they take: a column is then found in time
    /// logarithmic in the text, not linear in its line (a minified definition is one line).
    wide: Vec<(usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut wide = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (i, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
                extra += c.len_utf8() - c.len_utf16();
                wide.push((i, extra));
            }
        }
        LineIndex { starts, wide }
    }

    /// How many more bytes than UTF-16 code units the text before `offset` takes.
    fn extra_before(&self, offset: usize) -> usize {
        match self.wide.partition_point(|&(at, _)| at < offset) {
            0 => 0,
            n => self.wide[n - 1].1,
        }
    }

    /// The position of a byte offset (clamped to the text and to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = (offset - start) - (self.extra_before(offset) - self.extra_before(start));
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(
            self.position(text, start),
            self.position(text, end.max(start)),
        )
    }

    /// The byte offset of a position; past the end of a line is its end, past the last line the
    /// end of the text.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(text.len(), |&e| e.saturating_sub(1));
        let mut units = 0u32;
        for (i, c) in text[start..end].char_indices() {
            if units >= pos.character {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end
    }
}

/// Applies the changes of a `didChange` (whole text or ranges) to a buffer.
pub fn apply_changes(text: &mut String, changes: Vec<TextDocumentContentChangeEvent>) {
    for change in changes {
        match change.range {
            None => *text = change.text,
            Some(range) => {
                let index = LineIndex::new(text);
                let start = index.offset(text, range.start);
                let end = index.offset(text, range.end).max(start);
                text.replace_range(start..end, &change.text);
            }
        }
    }
}

/// The path a `file:` URI names, percent-decoded.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file:///C:/x` on Windows, `file:///x` elsewhere; a host part is not supported.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let decoded = crate::diagnostic::percent_decode(path)?;
    #[cfg(windows)]
    let decoded = decoded
        .strip_prefix('/')
        .filter(|p| p.as_bytes().get(1) == Some(&b':'))
        .map(str::to_string)
        .unwrap_or(decoded);
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of a path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "a\n\u{e9}\u{1F600}x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x), Position::new(1, 3));
        assert_eq!(index.offset(text, Position::new(1, 3)), x);
        assert_eq!(index.offset(text, Position::new(1, 99)), text.len() - 1);
        assert_eq!(index.offset(text, Position::new(9, 0)), text.len());
        // Every offset agrees with counting the line's UTF-16 units.
        let text = "\u{e9}t\u{e9} \u{1F600}\n\u{4e2d}\u{6587}ab\n\nz\u{1F600}";
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices() {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let counted = text[line_start..offset].encode_utf16().count() as u32;
            assert_eq!(
                index.position(text, offset).character,
                counted,
                "at {offset}"
            );
        }
    }

    #[test]
    fn ranged_changes_edit_in_place() {
        let mut text = "{\n  \"a\": 1\n}\n".to_string();
        apply_changes(
            &mut text,
            vec![TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(1, 7), Position::new(1, 8))),
                range_length: None,
                text: "22".into(),
            }],
        );
        assert_eq!(text, "{\n  \"a\": 22\n}\n");
    }

    #[test]
    fn uris_and_paths_round_trip() {
        let p = Path::new("/tmp/my folder/apiProperties.json");
        let uri = path_to_uri(p).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/my%20folder/apiProperties.json");
        assert_eq!(uri_to_path(&uri).unwrap(), p);
    }
}

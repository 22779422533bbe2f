//! Lists of media types (`consumes`, `produces`) the importers build.

/// Adds a media type unless the same text is listed: OpenAPI 3 `content` keys, kept as written.
pub fn push_exact(list: &mut Vec<String>, v: &str) {
    if !list.iter().any(|x| x == v) {
        list.push(v.to_string());
    }
}

/// Adds a media type taken from a header value: trimmed, skipped when empty, and not added
/// again in another case (media types are case-insensitive).
pub fn push_media_type(list: &mut Vec<String>, v: &str) {
    let v = v.trim();
    if !v.is_empty() && !list.iter().any(|x| x.eq_ignore_ascii_case(v)) {
        list.push(v.to_string());
    }
}

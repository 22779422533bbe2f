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

/// Whether a media type (as a header gives it: any case, with parameters) sends a form:
/// `application/x-www-form-urlencoded` or `multipart/form-data`.
pub fn is_form(v: &str) -> bool {
    let essence = v.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/x-www-form-urlencoded")
        || essence.eq_ignore_ascii_case("multipart/form-data")
}

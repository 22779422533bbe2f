//! What a secret looks like, for everything that copies or prints a value read from an input: the
//! importers (which withhold secret examples and defaults from the definitions they write), the
//! code frames of the reports (which mask them) and the `secret-in-definition` rule (which finds
//! them in a connector).
//!
//! Two tests, used together: a *name* that carries a secret (`password`, `client_secret`,
//! `X-API-Key`, `sig`, ...: judged word by word, so `keyword`, `monkey` and `tokenizer` are not
//! secret names), and a *value* whose shape is a secret whatever its name (a JWT, a bearer token,
//! a private key, a well-known API key format). Neither allocates.

use crate::value::Lookup;
use memchr::memmem::Finder;
use std::sync::LazyLock;

/// What [`withhold`] and [`withhold_defined`] call a value withheld because its field is named
/// as a secret (`password`, `client_secret`) and it looks like one.
pub const SECRET_NAMED: &str = "a secret-named value";

/// Whole words that make a name secret wherever they are in it (`access_token`, `userPassword`).
const SECRET_WORDS: &[&str] = &[
    "token",
    "tokens",
    "secret",
    "secrets",
    "password",
    "passwd",
    "passphrase",
    "pwd",
    "auth",
    "authorization",
    "signature",
    "sig",
    "sas",
    "credential",
    "credentials",
    "apikey",
    "accesskey",
    "privatekey",
    "secretkey",
    "cookie",
    "session",
    "sessionid",
    "bearer",
];

/// Endings that make one word secret (`accesstoken`, `clientsecret`, `adminpassword`).
const SECRET_ENDINGS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "apikey",
    "accesskey",
    "privatekey",
    "secretkey",
    "signature",
    "credential",
    "credentials",
    "sessionid",
];

/// Last words that name something about a secret rather than the secret (`tokenUrl`,
/// `token_type`, `signatureMethod`, `password_policy`, OpenAPI's `bearerFormat`).
const ABOUT_WORDS: &[&str] = &[
    "url",
    "uri",
    "endpoint",
    "type",
    "kind",
    "name",
    "method",
    "version",
    "algorithm",
    "alg",
    "expiry",
    "expires",
    "expiration",
    "ttl",
    "lifetime",
    "length",
    "policy",
    "hint",
    "mode",
    "scheme",
    "format",
    "location",
    "in",
    // A flag or a date about the secret (`is_password_reset_required`, `password_changed_at`).
    "required",
    "enabled",
    "disabled",
    "changed",
    "updated",
    "created",
    "expired",
    "at",
    "date",
    "count",
    "status",
    "strength",
    "state",
];

/// Words that make a token one of paging or syncing, which marks a place in a listing rather than
/// granting access (`pageToken`, `nextPageToken`, `sync_token`, `continuationToken`, OData's
/// `$skiptoken` and `$deltatoken`).
const PLACE_WORDS: &[&str] = &[
    "page",
    "next",
    "prev",
    "previous",
    "continuation",
    "cursor",
    "sync",
    "skip",
    "skiptoken",
    "delta",
    "deltatoken",
    "paging",
    "pagination",
    "resume",
];

/// Words that make a key or token one that tells requests apart, chosen by the caller for each
/// request rather than granting access (`idempotency_key`, `Idempotency-Key`, `dedupToken`).
const REQUEST_WORDS: &[&str] = &["idempotency", "idempotent", "dedup", "deduplication"];

/// Whether a variable, parameter, header, field or property name says its value is a secret.
///
/// The name is read as words (separated by `-`, `_`, `.`, spaces or a change of case): one of
/// them is a secret word (`token`, `password`, `sig`, `cookie`, ...), or ends like one
/// (`accesstoken`), or the last word is `key` (`api_key`, `subscriptionKey`, but not `monkey` or
/// `keyword`). A last word such as `url` or `type` names something about the secret instead, and
/// a word such as `page` or `sync` a token that marks a place in a listing (`pageToken`), and
/// `idempotency` a key the caller makes up for each request (`Idempotency-Key`).
pub fn is_secret_name(name: &str) -> bool {
    // Most names hold none of the secret words: a look at their letters settles them.
    if !mentions_secret_word(name.as_bytes(), false) {
        return false;
    }
    let mut secret = false;
    let mut place = false;
    let mut request = false;
    let mut last: &str = "";
    for w in words(name) {
        last = w;
        place |= PLACE_WORDS.iter().any(|p| p.eq_ignore_ascii_case(w));
        request |= REQUEST_WORDS.iter().any(|p| p.eq_ignore_ascii_case(w));
        if !secret {
            // The word's end, lowercased once (every word and ending in the lists is shorter).
            let mut buf = [0u8; 24];
            let end = &w.as_bytes()[w.len().saturating_sub(buf.len())..];
            let lower = &mut buf[..end.len()];
            lower.copy_from_slice(end);
            lower.make_ascii_lowercase();
            let whole = end.len() == w.len();
            secret = (whole && SECRET_WORDS.iter().any(|s| s.as_bytes() == &lower[..]))
                || SECRET_ENDINGS.iter().any(|s| lower.ends_with(s.as_bytes()));
        }
    }
    if request {
        return false;
    }
    if last.eq_ignore_ascii_case("key") {
        return true;
    }
    secret && !place && !ABOUT_WORDS.iter().any(|a| a.eq_ignore_ascii_case(last))
}

/// A credential that belongs to one call rather than to a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PerCall {
    /// A password (`password`, `userPwd`, `passphrase`): sent by a sign-in call.
    Password,
    /// A signature (`signature`, `sig`, `X-Amz-Signature`): computed anew for each call.
    Signature,
}

/// Whether a secret name (see [`is_secret_name`]) names a credential of one call, which a
/// connection cannot hold as its key: a password or a signature. A name whose last word is
/// `key` (`signature_key`, `password-key`) names a key all the same.
pub fn per_call_credential(name: &str) -> Option<PerCall> {
    if !is_secret_name(name) {
        return None;
    }
    let mut found = None;
    let mut last = "";
    for w in words(name) {
        last = w;
        let lower = w.to_ascii_lowercase();
        let ends = |e: &[&str]| e.iter().any(|e| lower.ends_with(e));
        if found.is_none() {
            if matches!(lower.as_str(), "pwd" | "passphrase") || ends(&["password", "passwd"]) {
                found = Some(PerCall::Password);
            } else if lower == "sig" || ends(&["signature"]) {
                found = Some(PerCall::Signature);
            }
        }
    }
    if last.eq_ignore_ascii_case("key") {
        return None;
    }
    found
}

/// Whether `b` holds, in any case, a part that every secret word, secret ending and `key` holds
/// (each of [`SECRET_WORDS`] and [`SECRET_ENDINGS`] contains one of these): a name without any
/// is not secret. With `basic`, the word `basic` counts too.
fn mentions_secret_word(b: &[u8], basic: bool) -> bool {
    (0..b.len()).any(|i| {
        let rest = &b[i..];
        let part = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        // The first letter, lowercased, picks the few parts worth comparing.
        match b[i] | 0x20 {
            b't' => part(b"token"),
            b's' => part(b"secret") || part(b"sig") || part(b"sas") || part(b"session"),
            b'p' => part(b"pass") || part(b"pwd"),
            b'a' => part(b"auth"),
            b'c' => part(b"credential") || part(b"cookie"),
            b'k' => part(b"key"),
            b'b' => part(b"bearer") || (basic && part(b"basic")),
            _ => false,
        }
    })
}

/// The words of a name: split at separators and where the case changes (`apiKey`, `APIKey`).
fn words(name: &str) -> impl Iterator<Item = &str> {
    let b = name.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && is_separator(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        i += 1;
        while i < b.len() && !is_separator(b[i]) {
            let prev = b[i - 1];
            let cur = b[i];
            let next = b.get(i + 1).copied().unwrap_or(b'_');
            let lower_to_upper =
                (prev.is_ascii_lowercase() || prev.is_ascii_digit()) && cur.is_ascii_uppercase();
            let acronym_end =
                prev.is_ascii_uppercase() && cur.is_ascii_uppercase() && next.is_ascii_lowercase();
            if lower_to_upper || acronym_end {
                break;
            }
            i += 1;
        }
        Some(&name[start..i])
    })
}

fn is_separator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'_' | b'.' | b' ' | b'$' | b'[' | b']' | b':' | b'/'
    )
}

/// Text that is evidently not a real value: short, a `<placeholder>`, a `{{variable}}`, a
/// made-up `YOUR_KEY`, asterisks.
pub fn is_placeholder(v: &str) -> bool {
    let t = v.trim();
    t.len() < 8
        || t.contains('<')
        || t.contains("{{")
        || t.contains("[[")
        || [
            "your",
            "dummy",
            "example",
            "xxxx",
            "****",
            "enter ",
            "placeholder",
            "secret",
            "value-from",
            "token here",
        ]
        .iter()
        .any(|w| contains_ignore_case(t, w))
}

fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Sixteen or more characters without spaces, mixing letters and digits.
pub fn looks_random(v: &str) -> bool {
    let v = v.trim();
    v.len() >= 16
        && !v.contains(char::is_whitespace)
        && v.bytes().any(|c| c.is_ascii_digit())
        && v.bytes().any(|c| c.is_ascii_alphabetic())
}

/// Well-known key formats: prefix, least length, what it is.
const PREFIXED: &[(&str, usize, &str)] = &[
    ("AKIA", 20, "an AWS access key"),
    ("ASIA", 20, "an AWS access key"),
    ("ghp_", 40, "a GitHub token"),
    ("gho_", 40, "a GitHub token"),
    ("ghs_", 40, "a GitHub token"),
    ("ghu_", 40, "a GitHub token"),
    ("github_pat_", 40, "a GitHub token"),
    ("glpat-", 26, "a GitLab token"),
    ("xoxb-", 20, "a Slack token"),
    ("xoxp-", 20, "a Slack token"),
    ("xoxa-", 20, "a Slack token"),
    ("sk_live_", 20, "a Stripe secret key"),
    ("rk_live_", 20, "a Stripe secret key"),
    ("AIza", 39, "a Google API key"),
];

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// What kind of secret the text looks like by its shape alone, whatever it is called.
pub fn secret_shape(v: &str) -> Option<&'static str> {
    let t = v.trim();
    // The shortest shape is a JSON Web Token of three one-letter parts (`eyJ.eyJ.x`).
    if t.len() < 9 {
        return None;
    }
    // Both markers are 21 bytes together: most values are shorter and need no search. The
    // finders are built once: building one costs more than searching a short value.
    static BEGIN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("-----BEGIN"));
    static PRIVATE_KEY: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("PRIVATE KEY"));
    if t.len() >= 21
        && BEGIN.find(t.as_bytes()).is_some()
        && PRIVATE_KEY.find(t.as_bytes()).is_some()
    {
        return Some("a private key");
    }
    if t.len() > 7 && t.is_char_boundary(7) && t[..7].eq_ignore_ascii_case("bearer ") {
        let rest = &t[7..];
        if !is_placeholder(rest) && looks_random(rest) {
            return Some("a bearer token");
        }
    }
    if t.len() > 6 && t.is_char_boundary(6) && t[..6].eq_ignore_ascii_case("basic ") {
        let rest = t[6..].trim();
        // `user:password` in base64: a word after "Basic" in prose decodes to no pair.
        if rest.len() >= 8 && !is_placeholder(rest) && base64_pair(rest) {
            return Some("basic credentials");
        }
    }
    if is_jwt(t) {
        return Some("a JSON Web Token");
    }
    for &(prefix, min_len, what) in PREFIXED {
        if t.len() >= min_len && t.starts_with(prefix) && t.bytes().all(is_token_byte) {
            return Some(what);
        }
    }
    None
}

/// Whether `t` is base64 (standard alphabet, padding optional) of a `user:password` pair.
fn base64_pair(t: &str) -> bool {
    let body = t.trim_end_matches('=');
    if t.len() - body.len() > 2 {
        return false;
    }
    let mut bits = 0u32;
    let mut n = 0;
    let mut colon = false;
    for b in body.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return false,
        };
        bits = (bits << 6) | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            let byte = (bits >> n) as u8;
            bits &= (1 << n) - 1;
            colon |= byte == b':';
            // Credentials are text.
            if byte < 0x20 && !matches!(byte, b'\n' | b'\r' | b'\t') {
                return false;
            }
        }
    }
    colon
}

fn is_jwt(t: &str) -> bool {
    if !t.starts_with("eyJ") {
        return false;
    }
    let mut parts = 0;
    for (i, p) in t.split('.').enumerate() {
        parts += 1;
        if parts > 3
            || p.is_empty()
            || (i == 1 && !p.starts_with("eyJ"))
            || !p.bytes().all(|b| is_token_byte(b) || b == b'=')
        {
            return false;
        }
    }
    parts == 3
}

/// Why a value read from an input is withheld from an output, or `None` to keep it: `name` (the
/// parameter, header, field or variable it is the value of) is a secret name and the value is
/// not a placeholder, or the value has the shape of a secret.
pub fn withhold(name: Option<&str>, value: &str) -> Option<&'static str> {
    if let Some(what) = secret_shape(value) {
        return Some(what);
    }
    let t = value.trim();
    if is_public_pem(t) {
        return None;
    }
    if name.is_some_and(is_secret_name)
        && !t.is_empty()
        && !is_flag(t)
        && !only_references(t)
        && !is_mask(t)
    {
        return Some(SECRET_NAMED);
    }
    holds_secret(t).then_some("a credential written into it")
}

/// Whether a value is a flag (`true`, `false`, `null`), which says something about a secret
/// (`useSessionCookies=false`, `X-Token-Required: true`) without being one.
pub fn is_flag(value: &str) -> bool {
    let t = value.trim();
    ["true", "false", "null"]
        .iter()
        .any(|f| t.eq_ignore_ascii_case(f))
}

/// Whether a text is a PEM block that is meant to be shared (`-----BEGIN PUBLIC KEY-----`, a
/// certificate): whatever its field is called (`publicKey`, `encryptionKey`), no secret.
fn is_public_pem(t: &str) -> bool {
    let label = (t.strip_prefix("-----BEGIN "))
        .and_then(|rest| rest.split_once("-----"))
        .map(|(label, _)| label);
    label.is_some_and(|l| l.ends_with("PUBLIC KEY") || l == "CERTIFICATE")
}

/// How a value is judged: [`withhold`] or [`withhold_defined`].
pub type Judge = fn(Option<&str>, &str) -> Option<&'static str>;

/// [`withhold`] for a value an API definition gives (an example, a default, an allowed
/// value), where a secret-named field's value is mostly an illustration (`projectKey: ID-15`,
/// `signatureApplyTo: FirstPage`, `enum: [Yes, No]`): beside the shapes, a secret-named value is
/// withheld when it also looks like a credential, eight bytes or more without spaces mixing
/// letters and digits, and not a `<placeholder>` or a `{{variable}}`.
pub fn withhold_defined(name: Option<&str>, value: &str) -> Option<&'static str> {
    if let Some(what) = secret_shape(value) {
        return Some(what);
    }
    // Most values are not named as secrets: their text is not looked at for this.
    let credential_like = |t: &str| {
        t.len() >= 8
            && !t.contains(char::is_whitespace)
            && t.bytes().any(|b| b.is_ascii_digit())
            && t.bytes().any(|b| b.is_ascii_alphabetic())
            && !t.contains(['<', '>'])
            && !t.contains("{{")
            && !t.contains("[[")
    };
    if let Some(name) = name.filter(|n| is_secret_name(n))
        && !is_public_pem(value.trim())
        && credential_like(after_scheme(value.trim()))
        && !(secret_only_as_key(name) && identifier_like(value.trim()))
    {
        return Some(SECRET_NAMED);
    }
    holds_secret(value.trim()).then_some("a credential written into it")
}

/// Whether a secret name is one only for ending in `key` (`key`, `apiKey`, `sortKey`): such a
/// field also holds keys of dictionaries, menus and forms.
fn secret_only_as_key(name: &str) -> bool {
    let Some(last) = words(name).last() else {
        return false;
    };
    // What comes before the last word (a word of `name` starts on a character).
    let before = &name[..last.as_ptr() as usize - name.as_ptr() as usize];
    last.eq_ignore_ascii_case("key") && !mentions_secret_word(before.as_bytes(), false)
}

/// Whether a text reads as a name made of words (`addressLine1`, `V1001_TODAY_MUSIC`,
/// `PROJECT-123`): each word letters then digits, or digits alone, and one word at most with
/// both. Generated keys mix letters and digits within their words (`a8f5f167f4`,
/// `k9Q8x2abcd`) or across many (`R022XIJR9M266DX570`).
fn identifier_like(text: &str) -> bool {
    if !text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
    {
        return false;
    }
    let mut mixed = 0;
    words(text).all(|w| {
        let digits = w
            .bytes()
            .position(|b| b.is_ascii_digit())
            .unwrap_or(w.len());
        mixed += usize::from(digits > 0 && digits < w.len());
        w.as_bytes()[digits..].iter().all(u8::is_ascii_digit)
    }) && mixed <= 1
}

/// Whether a text writes a credential into itself: a secret name with its value
/// (`Password=x` in a connection string, `AccountKey=...`, `token: "x"` in a GraphQL query,
/// `<sig>x</sig>`), a URL's password, or a word shaped like a secret; also once percent-decoded
/// (a connection string passed as a query value).
pub fn holds_secret(text: &str) -> bool {
    let masks = |t: &[u8]| masked_bytes(t).is_some();
    // Eight bytes at least: a name, a separator and a value.
    text.len() >= 8
        && (masks(text.as_bytes())
            || (text.contains('%') && percent_decoded(text).is_some_and(|d| masks(&d))))
}

/// Whether `text` reads as a GraphQL document: a selection set (`{ ... }`) or an operation or
/// fragment (`query`, `mutation`, `subscription`, `fragment`) with a body.
fn is_graphql_document(text: &str) -> bool {
    let t = text.trim_start();
    let keyword = ["query", "mutation", "subscription", "fragment"]
        .iter()
        .find_map(|k| t.strip_prefix(k))
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_whitespace() || c == '{' || c == '('));
    (t.starts_with('{') || keyword) && t.contains('{') && t.trim_end().ends_with('}')
}

/// Masks, in a GraphQL document, the string literals that hold a secret: the value of an
/// argument or field with a secret name (`login(token: "...")`) or a string shaped like a secret.
/// Variables (`$password`) and type names are references, not values. Returns whether it masked
/// any.
pub fn mask_graphql(query: &mut String) -> bool {
    let mut b = std::mem::take(query).into_bytes();
    let mut masked = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                // A comment, to the end of its line.
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            }
            b'"' => {
                let block = b[i..].starts_with(b"\"\"\"");
                let start = i + if block { 3 } else { 1 };
                let mut end = start;
                while end < b.len() {
                    if block && b[end..].starts_with(b"\"\"\"") || !block && b[end] == b'"' {
                        break;
                    }
                    end += if b[end] == b'\\' { 2 } else { 1 };
                }
                let end = end.min(b.len());
                let literal = std::str::from_utf8(&b[start..end]).unwrap_or("");
                let secret = secret_shape(literal).is_some()
                    || (argument_name(&b[..i]).is_some_and(is_secret_name)
                        && !literal.trim().is_empty()
                        && !only_references(literal)
                        && !is_mask(literal.trim()));
                if secret {
                    b[start..end].fill(b'*');
                    masked = true;
                }
                i = end + if block { 3 } else { 1 };
            }
            _ => i += 1,
        }
    }
    // Whole UTF-8 sequences are replaced by ASCII only: still UTF-8.
    *query = String::from_utf8(b).unwrap_or_default();
    masked
}

/// The name before `: ` at the end of `before` (a GraphQL argument or object field).
fn argument_name(before: &[u8]) -> Option<&str> {
    let t = before.trim_ascii_end().strip_suffix(b":")?.trim_ascii_end();
    let start = t
        .iter()
        .rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
        .map_or(0, |p| p + 1);
    std::str::from_utf8(&t[start..])
        .ok()
        .filter(|n| !n.is_empty())
}

/// `%XX` escapes decoded (and `+` as a space), when there is one.
fn percent_decoded(text: &str) -> Option<Vec<u8>> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut any = false;
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                any = true;
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    any.then_some(out)
}

/// Whether a value is only `{{variable}}` references, after at most one word of letters that
/// names an authorization scheme (`Bearer {{token}}`, `token {{token}}`, `SSWS {{key}}`): it
/// names a secret without holding one.
pub fn only_references(text: &str) -> bool {
    let mut rest = text.trim();
    if let Some((scheme, after)) = rest.split_once(' ')
        && !scheme.is_empty()
        && scheme.len() <= 24
        && scheme.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
        && after.trim_start().starts_with("{{")
    {
        rest = after.trim_start();
    }
    while let Some(r) = rest.strip_prefix("{{") {
        match r.find("}}") {
            Some(i) => rest = r[i + 2..].trim_start(),
            None => return false,
        }
    }
    rest.is_empty() || rest.eq_ignore_ascii_case("bearer") || rest.eq_ignore_ascii_case("basic")
}

/// A `<placeholder>` or a run of `*`: what ccforge itself writes instead of a secret; also
/// after an authorization scheme (`Bearer <token>`).
pub fn is_mask(t: &str) -> bool {
    let t = after_scheme(t);
    (t.starts_with('<') && t.ends_with('>')) || t.bytes().all(|b| b == b'*')
}

/// The text after a leading authorization scheme (`Bearer x`, `token x`, `SSWS x`), or the text.
fn after_scheme(t: &str) -> &str {
    match t.split_once(' ') {
        Some((scheme, rest))
            if !scheme.is_empty()
                && scheme.len() <= 24
                && scheme.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') =>
        {
            rest.trim_start()
        }
        _ => t,
    }
}

/// The placeholder written instead of a secret value named `name`: `<password>`, `<api_key>`.
pub fn placeholder(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
        .take(40)
        .collect();
    if clean.is_empty() {
        "<secret>".into()
    } else {
        format!("<{clean}>")
    }
}

/// Takes the secrets out of an example, noting each one's name and value in `found`: a member
/// whose name or value says it is a secret is removed (with all it holds, under a secret name);
/// a list item that is or holds a secret becomes the placeholder `<secret>` (noted under the
/// name `[]`).
pub fn redact(v: &mut serde_json::Value, found: &mut Vec<(String, String)>) {
    redact_as(v, found, withhold_member, false);
}

/// Words that make a name ending in `key` a credential's (`api_key`, `subscriptionKey`,
/// `x-access-key`); without one, a key in a body is as often an identifier.
const CREDENTIAL_KEY_WORDS: &[&str] = &[
    "api",
    "access",
    "secret",
    "private",
    "subscription",
    "client",
    "consumer",
    "app",
    "application",
    "master",
    "signing",
    "encryption",
    "license",
    "licence",
    "developer",
    "account",
    "shared",
    "auth",
    "host",
    "function",
    "storage",
    "service",
    "partner",
    "integration",
    "webhook",
    "instrumentation",
    "primary",
    "secondary",
    "ssh",
    "pgp",
    "gpg",
    "rsa",
    "hmac",
    "crypto",
    "security",
    "admin",
    "user",
    "merchant",
    "publishable",
];

/// [`withhold`] for a member of a JSON body or saved response, where a name that ends in `key`
/// with no credential word before it (`key`, `addressKey`, `projectKey`) names an identifier as
/// often as a secret (`"key": "new-product"`): its value is withheld when it has a secret's
/// shape or looks random (sixteen bytes or more without spaces, with three digits and three
/// letters at least).
pub fn withhold_member(name: Option<&str>, value: &str) -> Option<&'static str> {
    if !name.is_some_and(is_plain_key_name) {
        return withhold(name, value);
    }
    if let Some(what) = withhold(None, value) {
        return Some(what);
    }
    let t = value.trim();
    let count = |f: fn(&u8) -> bool| t.bytes().filter(f).count();
    let random = t.len() >= 16
        && !t.contains(char::is_whitespace)
        && count(u8::is_ascii_digit) >= 3
        && count(u8::is_ascii_alphabetic) >= 3
        && !only_references(t)
        && !t.contains(['<', '>']);
    random.then_some(SECRET_NAMED)
}

/// Whether `name` ends in `key` after words that name no credential (`item_key`, `sortKey`,
/// `partition-key`, `X-Object-Key`): in a request such a name is as often the key of a
/// dictionary, a table or a store as a credential, so it is no API key and its value is
/// withheld only when it looks generated ([`withhold_member`]). `key` alone (`?key=`, `X-Key`)
/// and a credential word before it (`api_key`, `subscription-key`, `user_key`) name a credential.
pub fn names_identifier_key(name: &str) -> bool {
    let mut words = words(name).peekable();
    if words.peek().is_some_and(|w| w.eq_ignore_ascii_case("x")) {
        words.next();
    }
    words.nth(1).is_some() && is_plain_key_name(name)
}

/// Whether `name` names the identifier of a secret thing rather than the secret: its last word
/// is `id` (`sessionId`, `session_id`, `token-id`, `sessionid`). In a query string such a name
/// picks a resource (OpenTok's `?sessionId=` filters broadcasts), where a credential is a key or
/// a token (`?api_key=`, `?access_token=`).
pub fn names_an_id(name: &str) -> bool {
    words(name).last().is_some_and(|w| {
        let b = w.as_bytes();
        b.len() >= 2
            && b[b.len() - 2..].eq_ignore_ascii_case(b"id")
            && (b.len() == 2 || w.eq_ignore_ascii_case("sessionid"))
    })
}

/// Whether `name` is secret only for its last word `key`, with no credential word before it.
fn is_plain_key_name(name: &str) -> bool {
    let mut words = words(name).peekable();
    let mut before_key = true;
    while let Some(w) = words.next() {
        let last = words.peek().is_none();
        if last {
            return w.eq_ignore_ascii_case("key") && before_key;
        }
        let lower = w.to_ascii_lowercase();
        if CREDENTIAL_KEY_WORDS.contains(&lower.as_str())
            || SECRET_WORDS.contains(&lower.as_str())
            || SECRET_ENDINGS.iter().any(|e| lower.ends_with(e))
        {
            before_key = false;
        }
    }
    false
}

/// [`redact`], judging each value with `judge`; with `keep`, a secret string member stays with
/// a placeholder for its value (a definition's example still matches its schema's `required`).
/// Returns whether a placeholder took a secret's place (a member kept, a list item, the whole).
pub fn redact_as(
    v: &mut serde_json::Value,
    found: &mut Vec<(String, String)>,
    judge: Judge,
    keep: bool,
) -> bool {
    use serde_json::Value;
    let mut placed = false;
    match v {
        Value::Object(m) => {
            m.retain(|k, child| {
                // A GraphQL request's `query` is a document: only the literals written in it
                // can be secrets (`$password` names a variable, `password:` an argument).
                if k == "query"
                    && let Some(s) = child.as_str()
                    && is_graphql_document(s)
                {
                    let mut masked = s.to_string();
                    if mask_graphql(&mut masked) {
                        found.push((k.clone(), s.to_string()));
                        *child = Value::String(masked);
                        placed = true;
                    }
                    return true;
                }
                // Text under a secret name is the secret whole, whatever it holds.
                if let Value::String(s) = child
                    && !is_secret_name(k)
                    && let Some(changed) = redact_embedded(s, found, judge, keep)
                {
                    placed |= changed;
                    return true;
                }
                if let Some(s) = child.as_str()
                    && judge(Some(k), s).is_some()
                {
                    found.push((k.clone(), s.to_string()));
                    if keep {
                        *child = Value::String(placeholder(k));
                        placed = true;
                    }
                    return keep;
                }
                // A secret name over an object or a list (`"token": {"value": "..."}`): what
                // it holds is the secret, whatever its parts are called. Under any other name,
                // each part is looked at on its own below (once: the walk stays linear).
                if (child.is_object() || child.is_array()) && is_secret_name(k) {
                    let mut held = Vec::new();
                    secret_leaves_as(child, k, &mut held, judge);
                    if !held.is_empty() {
                        found.extend(held.into_iter().map(|s| (k.clone(), s)));
                        return false;
                    }
                }
                placed |= redact_as(child, found, judge, keep);
                true
            });
        }
        Value::Array(a) => {
            for x in a {
                if let Value::String(s) = x
                    && let Some(changed) = redact_embedded(s, found, judge, keep)
                {
                    placed |= changed;
                } else if let Some(s) = x.as_str()
                    && judge(None, s).is_some()
                {
                    found.push(("[]".into(), s.to_string()));
                    *x = Value::String(placeholder("secret"));
                    placed = true;
                } else {
                    placed |= redact_as(x, found, judge, keep);
                }
            }
        }
        Value::String(s) => {
            if let Some(changed) = redact_embedded(s, found, judge, keep) {
                placed |= changed;
            } else if judge(None, s).is_some() {
                // An example that is itself a secret (a top-level string).
                found.push(("[]".into(), std::mem::take(s)));
                *s = placeholder("secret");
                placed = true;
            }
        }
        _ => {}
    }
    placed
}

/// [`redact_as`] of a string that holds a JSON object or array (an example written as text,
/// `'{"key": "Jira"}'`): judged by its members, as the same example written as JSON is, and
/// written back, compact, when a secret was taken out. `None` when `s` holds no such JSON.
fn redact_embedded(
    s: &mut String,
    found: &mut Vec<(String, String)>,
    judge: Judge,
    keep: bool,
) -> Option<bool> {
    let t = s.trim();
    let bracketed =
        (t.starts_with('{') && t.ends_with('}')) || (t.starts_with('[') && t.ends_with(']'));
    if !bracketed {
        return None;
    }
    let mut inner: serde_json::Value = serde_json::from_str(t).ok()?;
    let before = found.len();
    redact_as(&mut inner, found, judge, keep);
    let changed = found.len() > before;
    if changed {
        *s = serde_json::to_string(&inner).unwrap_or_default();
    }
    Some(changed)
}

/// The strings under `v` withheld as the value of `name`.
pub fn secret_leaves(v: &serde_json::Value, name: &str, held: &mut Vec<String>) {
    secret_leaves_as(v, name, held, withhold);
}

/// [`secret_leaves`], judging each value with `judge`.
fn secret_leaves_as(v: &serde_json::Value, name: &str, held: &mut Vec<String>, judge: Judge) {
    use serde_json::Value;
    match v {
        Value::String(s) if judge(Some(name), s).is_some() => held.push(s.clone()),
        Value::Object(m) => m
            .values()
            .for_each(|c| secret_leaves_as(c, name, held, judge)),
        Value::Array(a) => a
            .iter()
            .for_each(|c| secret_leaves_as(c, name, held, judge)),
        _ => {}
    }
}

/// What [`take_values`] took out of a parameter, header or schema.
#[derive(Debug)]
pub struct Taken {
    /// The members it took from, in order (`default`, `enum`, ...).
    pub keys: Vec<String>,
    /// What made them secret: "a secret", or the shape of the value ("a bearer token").
    pub kind: &'static str,
    /// The secret values, for masking.
    pub values: Vec<String>,
    /// Whether an example kept its secret members, each with a placeholder for its value.
    pub placeholders: bool,
}

impl Taken {
    /// The report of it, for the place called `what` ("parameter `api_key`").
    pub fn message(&self, what: &str) -> String {
        let keys = self
            .keys
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let one = self.keys.len() == 1 && self.values.len() == 1;
        let placeholders = if self.placeholders {
            " (the example keeps a placeholder in its place)"
        } else {
            ""
        };
        format!(
            "the {keys} of {what} {} {}; {} not written to the output{placeholders}",
            if self.keys.len() == 1 {
                "holds"
            } else {
                "hold"
            },
            self.kind,
            if one {
                "the value is"
            } else {
                "the values are"
            },
        )
    }
}

/// Whether an example holds nothing: an empty object, or one whose members (the examples of
/// each media type) are all empty objects.
fn empty_example(v: &serde_json::Value) -> bool {
    v.as_object().is_some_and(|m| {
        m.values()
            .all(|x| x.as_object().is_some_and(|o| o.is_empty()))
    })
}

/// The help of a report of [`Taken`].
pub const TAKEN_HELP: &str = "use a placeholder such as \"<api key>\" in the document, and rotate the secret if it was shared";

/// The help of a credential taken out of an OAuth 2.0 URL.
pub const URL_HELP: &str = "the client secret is entered when a connection is created, never written into the definition; rotate it if the definition was shared";

/// Takes the secrets out of the `keys` of `m` (a parameter, header or schema named `name`): a
/// string that `name` or its shape says is secret, the secret members of an object or list
/// example, and the allowed values of a secret-named field (`enum: [the key]`). `None` when
/// nothing was secret.
pub fn take_values(
    name: Option<&str>,
    m: &mut serde_json::Map<String, serde_json::Value>,
    keys: &[&str],
) -> Option<Taken> {
    use serde_json::Value;
    let secret_enum = name.is_some_and(is_secret_name) && m.has("enum");
    if !secret_enum && !keys.iter().any(|k| m.has(k)) {
        return None;
    }
    let mut taken = Taken {
        keys: Vec::new(),
        kind: "a secret",
        values: Vec::new(),
        placeholders: false,
    };
    if secret_enum && let Some(Value::Array(values)) = m.field("enum") {
        let held: Vec<String> = values
            .iter()
            .filter_map(Value::as_str)
            .filter(|s| withhold_defined(name, s).is_some())
            .map(str::to_string)
            .collect();
        if !held.is_empty() {
            m.remove("enum");
            taken.keys.push("enum".into());
            taken.values.extend(held);
        }
    }
    for &k in keys {
        let Some(v) = m.field_mut(k) else { continue };
        let before = taken.values.len();
        match v {
            Value::String(s) => {
                // An example written as JSON text is judged by its members.
                let mut found = Vec::new();
                if let Some(changed) = redact_embedded(s, &mut found, withhold_defined, true) {
                    taken.placeholders |= changed;
                    taken.values.extend(found.into_iter().map(|(_, v)| v));
                } else if let Some(why) = withhold_defined(name, s) {
                    taken.values.push(std::mem::take(s));
                    m.remove(k);
                    if why != SECRET_NAMED {
                        taken.kind = why;
                    }
                }
            }
            other => {
                // A secret-named field's object or list value is its secret whole.
                let mut held = Vec::new();
                if let Some(n) = name.filter(|n| is_secret_name(n)) {
                    secret_leaves_as(other, n, &mut held, withhold_defined);
                }
                if held.is_empty() {
                    let mut found = Vec::new();
                    let placed = redact_as(other, &mut found, withhold_defined, true);
                    // An example left empty (`{}`: all it held was secret) shows nothing.
                    if !found.is_empty() && empty_example(other) {
                        m.remove(k);
                    } else {
                        taken.placeholders |= placed;
                    }
                    taken.values.extend(found.into_iter().map(|(_, v)| v));
                } else {
                    taken.values.extend(held);
                    m.remove(k);
                }
            }
        }
        if taken.values.len() > before {
            taken.keys.push(k.to_string());
        }
    }
    (!taken.keys.is_empty()).then_some(taken)
}

/// The members of a parameter, header or schema that hold a value copied from an input.
pub const VALUE_KEYS: &[&str] = &["default", "example", "x-example", "x-ms-test-value"];

/// Takes the secrets out of what a definition's extensions hold, which converters and fixes
/// copy as they are: the objects with a value ([`VALUE_KEYS`]) anywhere inside an `x-` member,
/// and the `x-example` or `x-ms-test-value` of an operation. The values of parameters, headers,
/// schemas and responses are left to the walks that know them. `found` gets the pointer of each
/// object that lost something, what the object is (for [`Taken::message`]), and what it lost.
pub fn take_in_extensions(
    doc: &mut serde_json::Value,
    found: &mut dyn FnMut(String, String, Taken),
) {
    let mut at = String::new();
    extension_walk(doc, &mut at, None, false, found);
}

/// `named` is the name an object has as a schema's property (as the lint rule reads it).
fn extension_walk(
    v: &mut serde_json::Value,
    at: &mut String,
    named: Option<&str>,
    in_extension: bool,
    found: &mut dyn FnMut(String, String, Taken),
) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            let judged: &[&str] = if in_extension {
                VALUE_KEYS
            } else if map.has("responses") {
                // An operation: its own examples are extensions too.
                &["x-example", "x-ms-test-value"]
            } else {
                &[]
            };
            if !judged.is_empty() {
                let name = match named {
                    Some(n) => Some(n.to_string()),
                    None => map
                        .field("name")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                };
                if let Some(taken) = take_values(name.as_deref(), map, judged) {
                    let what = match (&name, named) {
                        (_, _) if !in_extension => "this operation".to_string(),
                        (Some(n), Some(_)) => format!("property `{n}`"),
                        (Some(n), None) => format!("`{n}`"),
                        (None, _) => "this object".to_string(),
                    };
                    found(at.clone(), what, taken);
                }
            }
            let properties = named.is_none() && at.ends_with("/properties");
            for (k, child) in map.iter_mut() {
                // A text inside an extension (a code sample's `source`), or an extension that
                // is one, keeps its words: only a credential written into it is masked.
                if let Value::String(text) = child
                    && (in_extension || k.starts_with("x-"))
                    && !PROSE_KEYS.contains(&k.as_str())
                    && !VALUE_KEYS.contains(&k.as_str())
                    && let Some((masked, values)) = mask_credentials(text)
                {
                    *text = masked;
                    let at = format!("{at}/{}", crate::diagnostic::escape_token(k));
                    let taken = Taken {
                        keys: vec![k.clone()],
                        kind: "a credential written into it",
                        values,
                        placeholders: true,
                    };
                    let what = if in_extension {
                        "this extension"
                    } else {
                        "this object"
                    };
                    found(at, what.to_string(), taken);
                }
                // A value is judged whole, above or by the walks that know its holder.
                if !(child.is_object() || child.is_array()) || VALUE_KEYS.contains(&k.as_str()) {
                    continue;
                }
                let len = at.len();
                at.push('/');
                at.push_str(&crate::diagnostic::escape_token(k));
                let inside = in_extension || k.starts_with("x-");
                let named = properties.then_some(k.as_str());
                extension_walk(child, at, named, inside, found);
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                if child.is_object() || child.is_array() {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&i.to_string());
                    extension_walk(child, at, None, in_extension, found);
                    at.truncate(len);
                }
            }
        }
        _ => {}
    }
}

/// The members of a definition that hold prose about a value rather than a value.
pub const PROSE_KEYS: &[&str] = &["description", "summary", "title", "x-ms-summary"];

/// Replaces, in a whole document, each secret value by `<secret>`: a `default` or example of a
/// parameter (by its `name`) or property (by its key) that is secret, a member whose own name is
/// secret, any string shaped like a secret, and a value (not prose) that writes a credential
/// into itself (see [`holds_secret`]). Returns how many it replaced.
pub fn mask_document(v: &mut serde_json::Value) -> usize {
    fn walk(v: &mut serde_json::Value, owner: Option<&str>, n: &mut usize) {
        use serde_json::Value;
        match v {
            Value::Object(m) => {
                let name = m.field("name").and_then(Value::as_str).map(str::to_string);
                let name = name.as_deref().or(owner);
                for (k, child) in m.iter_mut() {
                    match child {
                        Value::String(s) => {
                            let by = if VALUE_KEYS.contains(&k.as_str()) {
                                name
                            } else {
                                Some(k.as_str())
                            };
                            // Prose may name a secret (`pass the token: ...`) without holding one.
                            let prose = PROSE_KEYS.contains(&k.as_str());
                            let withheld = if prose {
                                secret_shape(s).is_some()
                            } else {
                                withhold(by, s).is_some()
                            };
                            if !is_mask(s) && withheld {
                                *s = placeholder("secret");
                                *n += 1;
                            }
                        }
                        // The allowed values of a secret are the secret.
                        Value::Array(values) if k == "enum" && name.is_some_and(is_secret_name) => {
                            for v in values.iter_mut() {
                                if let Value::String(s) = v
                                    && !is_mask(s)
                                    && withhold(name, s).is_some()
                                {
                                    *s = placeholder("secret");
                                    *n += 1;
                                }
                            }
                        }
                        other => walk(other, Some(k), n),
                    }
                }
            }
            Value::Array(a) => {
                for x in a {
                    match x {
                        Value::String(s) if secret_shape(s).is_some() => {
                            *s = placeholder("secret");
                            *n += 1;
                        }
                        other => walk(other, owner, n),
                    }
                }
            }
            _ => {}
        }
    }
    let mut n = 0;
    walk(v, None, &mut n);
    n
}

/// Masks, in place and keeping every byte position, the secrets a text shows: values with the
/// shape of a secret, and the values of secret names written as `"name": "value"`, `name: value`,
/// `name=value` or `<name>value</name>`. Each masked byte becomes `*` (so a multi-byte character
/// in a secret becomes several): the text stays UTF-8 and the same length.
pub fn mask_text(text: &mut String) {
    if !may_hold_secret(text.as_bytes()) {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    mask_bytes(&mut bytes);
    // Whole UTF-8 sequences are replaced by ASCII only: still UTF-8.
    *text = String::from_utf8(bytes).unwrap_or_default();
}

/// Whether [`mask_bytes`] could mask anything in `b`, looked at without masking a copy: it masks
/// only after an `@` (a URL's password), after a word holding a part of a secret name (or
/// `basic`), and words with the shape of a secret.
fn may_hold_secret(b: &[u8]) -> bool {
    memchr::memchr(b'@', b).is_some() || mentions_secret_word(b, true) || has_shaped_word(b)
}

/// Whether a word of `b` (a run of [`is_value_byte`]s) has the shape of a secret. Shorter words
/// have no shape (see `secret_shape`), nor do words that cannot start one.
fn has_shaped_word(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some((start, end)) = next_word(b, i) {
        i = end;
        let w = &b[start..end];
        if may_be_shaped(w) && std::str::from_utf8(w).is_ok_and(|w| secret_shape(w).is_some()) {
            return true;
        }
    }
    false
}

/// The first word of `b` at or after `from` (a run of [`is_value_byte`]s), as its start and
/// end.
fn next_word(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let start = from + b.get(from..)?.iter().position(|&c| is_value_byte(c))?;
    let len = b[start..].iter().take_while(|&&c| is_value_byte(c)).count();
    Some((start, start + len))
}

/// Whether a word (a run of value bytes: no spaces) may have the shape of a secret: the shortest
/// shape has nine bytes, and the word must start as one can ([`may_start_shape`]). Settles most
/// words without the shape test.
fn may_be_shaped(w: &[u8]) -> bool {
    w.len() >= 9 && may_start_shape(w[0])
}

/// Whether a word (a run of value bytes: no spaces) starting with byte `b` may have the shape
/// of a secret: within a word, [`secret_shape`] finds only a JSON Web Token (`eyJ`) and the
/// [`PREFIXED`] formats. A non-ASCII first byte may be white space that the shape test trims.
fn may_start_shape(b: u8) -> bool {
    b >= 0x80
        || b == b'e'
        || PREFIXED
            .iter()
            .any(|(prefix, _, _)| prefix.as_bytes()[0] == b)
}

/// The text masked as [`mask_text`] does, or `None` when it shows no secret.
pub fn masked(text: &str) -> Option<String> {
    // Whole UTF-8 sequences are replaced by ASCII only: still UTF-8.
    masked_bytes(text.as_bytes()).and_then(|b| String::from_utf8(b).ok())
}

/// `text` with each credential written into it masked (`Bearer ****`, a URL's password, a
/// `password=` value, a word shaped like a secret; see [`holds_secret`]), and the credentials,
/// when it holds any.
///
/// Unlike the masking of code frames, which errs towards masking, a run of masked text is kept
/// masked only when it reads as a real value: not a placeholder (`Bearer $TOKEN`, `<api key>`,
/// `YOUR_API_KEY`) and random-looking or shaped like a known secret. The text is kept otherwise.
pub fn mask_credentials(text: &str) -> Option<(String, Vec<String>)> {
    let mut masked = masked_bytes(text.as_bytes())?;
    let original = text.as_bytes();
    let mut values = Vec::new();
    let mut i = 0;
    while i < original.len() {
        if masked[i] == original[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < original.len() && masked[i] != original[i] {
            i += 1;
        }
        let run = String::from_utf8_lossy(&original[start..i]).into_owned();
        let value = ["bearer ", "basic "]
            .iter()
            .find_map(|p| {
                (run.len() > p.len() && run.is_char_boundary(p.len()))
                    .then(|| &run[p.len()..])
                    .filter(|_| run[..p.len()].eq_ignore_ascii_case(p))
            })
            .unwrap_or(&run)
            .trim();
        if secret_shape(&run).is_some() || (!is_placeholder(value) && looks_random(value)) {
            values.push(run);
        } else {
            masked[start..i].copy_from_slice(&original[start..i]);
        }
    }
    if values.is_empty() {
        return None;
    }
    // Whole UTF-8 sequences are replaced by ASCII: the text is still UTF-8.
    Some((String::from_utf8(masked).ok()?, values))
}

/// A masked copy of `b`, or `None` when masking changes nothing (settled by the quick look
/// when it can be, without a copy).
fn masked_bytes(b: &[u8]) -> Option<Vec<u8>> {
    if !may_hold_secret(b) {
        return None;
    }
    let mut copy = b.to_vec();
    mask_bytes(&mut copy);
    (copy != b).then_some(copy)
}

fn mask_bytes(b: &mut [u8]) {
    mask_userinfo(b);
    let mut i = 0;
    // A run of value bytes: the candidate token.
    while let Some((start, end)) = next_word(b, i) {
        i = end;
        let Ok(word) = std::str::from_utf8(&b[start..end]) else {
            continue;
        };
        // `Bearer xyz` and `Basic xyz` continue past the space.
        if (word.eq_ignore_ascii_case("bearer") || word.eq_ignore_ascii_case("basic"))
            && b.get(end) == Some(&b' ')
        {
            let vstart = end + 1;
            let mut vend = vstart;
            while vend < b.len() && is_value_byte(b[vend]) {
                vend += 1;
            }
            if let Ok(v) = std::str::from_utf8(&b[start..vend])
                && secret_shape(v).is_some()
            {
                b[vstart..vend].fill(b'*');
                i = vend;
                continue;
            }
        }
        if may_be_shaped(word.as_bytes()) && secret_shape(word).is_some() {
            b[start..end].fill(b'*');
            continue;
        }
        // `name=value` inside one token (a query string): the name is what precedes the `=`.
        if let Some(eq) =
            memchr::memchr(b'=', word.as_bytes()).filter(|&e| e > 0 && e + 1 < word.len())
        {
            let name = &word[..eq];
            let name = &name[name.rfind('/').map_or(0, |s| s + 1)..];
            if is_secret_name(name) {
                i = mask_value_after(b, start + eq).max(start + eq + 1);
            } else {
                // The value may hold more `name=value` pairs or a shaped secret: read on.
                i = start + eq + 1;
            }
            continue;
        }
        // A secret name: mask the value that follows it.
        // (A Postman pair's own `"key"` names the secret that follows: judged as that name.)
        if is_secret_name(word) && !(word == "key" && pair_follows(b, end)) {
            i = mask_value_after(b, end);
        }
    }
}

/// The password of a URL's `scheme://user:password@host`, or of a bare `user:password@host`
/// (a `host` value written with its credentials).
fn mask_userinfo(b: &mut [u8]) {
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'@', &b[from..]) {
        let at = from + i;
        from = at + 1;
        if !b.get(at + 1).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        // Back to the start of the authority: the user info holds none of these.
        let mut k = at;
        while k > 0
            && !matches!(
                b[k - 1],
                b'/' | b'@'
                    | b'"'
                    | b'\''
                    | b'`'
                    | b' '
                    | b'\t'
                    | b'\n'
                    | b'\\'
                    | b'('
                    | b'<'
                    | b','
                    | b'='
            )
        {
            k -= 1;
        }
        if let Some(c) = b[k..at].iter().position(|&x| x == b':')
            && k + c + 1 < at
        {
            b[k + c + 1..at].fill(b'*');
        }
    }
}

/// Bytes a name or a token is made of.
#[inline]
fn is_value_byte(b: u8) -> bool {
    VALUE_BYTES[b as usize]
}

/// [`is_value_byte`] for each byte: letters, digits, `_-.~+/=` and the bytes of non-ASCII
/// characters. A table, since masking looks at every byte of the text it is given.
static VALUE_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric()
            || matches!(b, b'_' | b'-' | b'.' | b'~' | b'+' | b'/' | b'=')
            || b >= 0x80;
        i += 1;
    }
    t
};

/// After a secret name ending at `at`: skips quotes, spaces and one `:`, `=` or `>`, then masks a
/// quoted string, or the bare value up to a delimiter; or, for a Postman pair `"key": "<name>",
/// "value": "..."`, the value's string. Returns where scanning goes on.
fn mask_value_after(b: &mut [u8], at: usize) -> usize {
    let mut j = at;
    while j < b.len() && matches!(b[j], b'"' | b'\'' | b'\\') {
        j += 1;
    }
    while j < b.len() && b[j] == b' ' {
        j += 1;
    }
    if j < b.len() && b[j] == b',' {
        return mask_pair_value(b, j).unwrap_or(at);
    }
    if j >= b.len() || !matches!(b[j], b':' | b'=' | b'>') {
        return at;
    }
    let xml = b[j] == b'>';
    let colon = b[j] == b':';
    j += 1;
    while j < b.len() && matches!(b[j], b' ' | b'\t') {
        j += 1;
    }
    // `"password": {"type": "string", "default": "..."}`: the object describes the secret, its
    // value members hold it (over the next lines, when pretty-printed).
    if !xml && b.get(j) == Some(&b'{') {
        return mask_pair_value(b, j + 1).unwrap_or(j + 1);
    }
    let (start, end) = if xml {
        // `<token>value</token>`: the element's text on the line, when it closes there. Prose
        // such as `Bearer <token> in the header` names no value.
        let mut k = j;
        while k < b.len() && !matches!(b[k], b'<' | b'\n') {
            k += 1;
        }
        if !b[k..].starts_with(b"</") {
            return at;
        }
        (j, k)
    } else if j < b.len() && matches!(b[j], b'"' | b'\'' | b'\\') {
        quoted(b, j)
    } else {
        // A value written bare ends with its line (a YAML scalar, a URL's query).
        let stop: &[u8] = b"&,;}]\"'\\ \t\r\n";
        let start = j;
        let mut k = start;
        while k < b.len() && !stop.contains(&b[k]) {
            k += 1;
        }
        // `Bearer xyz`, `Basic xyz`: the scheme and its credentials.
        let scheme = &b[start..k];
        if (scheme.eq_ignore_ascii_case(b"bearer") || scheme.eq_ignore_ascii_case(b"basic"))
            && b.get(k) == Some(&b' ')
        {
            k += 1;
            while k < b.len() && !stop.contains(&b[k]) {
                k += 1;
            }
        }
        // A short number written bare as a member's value is a count or a size
        // (`"max_tokens": 31`), not a credential. (In a query, `sig=0123` is a value.)
        let value = &b[start..k];
        let digits = value.iter().filter(|c| c.is_ascii_digit()).count();
        if colon
            && digits > 0
            && value.len() < 8
            && digits + usize::from(value[0] == b'-') == value.len()
        {
            return at;
        }
        (start, k)
    };
    mask_if_value(b, start, end).unwrap_or(at)
}

/// The string starting at `j` (`"x"`, `'x'` or, inside a JSON string, `\"x\"`), as a range.
fn quoted(b: &[u8], j: usize) -> (usize, usize) {
    let escaped = b[j] == b'\\';
    let open = if escaped { j + 1 } else { j };
    let q = b.get(open).copied().unwrap_or(b'"');
    let start = open + 1;
    let mut k = start;
    while k < b.len() {
        if escaped && b[k] == b'\\' && b.get(k + 1) == Some(&q) {
            break;
        }
        if !escaped && b[k] == q {
            break;
        }
        if b[k] == b'\\' {
            k += 1;
        }
        k += 1;
    }
    (start.min(b.len()), k.min(b.len()))
}

/// Masks `b[start..end]` unless it is structure, `null`, a boolean, a placeholder or a reference; returns the
/// end when it did.
fn mask_if_value(b: &mut [u8], start: usize, end: usize) -> Option<usize> {
    let t = std::str::from_utf8(&b[start..end]).unwrap_or("").trim();
    let keep = t.is_empty()
        || t.starts_with(['{', '['])
        || matches!(t, "null" | "true" | "false")
        || only_references(t)
        || (t.starts_with('<') && t.ends_with('>'));
    if keep {
        return None;
    }
    b[start..end].fill(b'*');
    Some(end)
}

/// Whether a `"value"` member follows in the object, on the line, before another object starts.
fn pair_follows(b: &[u8], from: usize) -> bool {
    let mut k = from;
    // Within the object, on the next lines too (a pretty-printed export), a few lines at most.
    let end = b.len().min(from.saturating_add(1024));
    while k < end && !matches!(b[k], b'{' | b'}') {
        // A file field names its files in `src` instead of a value.
        let members: [&[u8]; 3] = [b"\"value\"", b"\\\"value\\\"", b"\"src\""];
        if members.iter().any(|m| b[k..].starts_with(m)) {
            return true;
        }
        k += 1;
    }
    false
}

/// Members that hold the value of a named pair: Postman's `{"key": .., "value": ..}`, a
/// Swagger parameter's `{"name": .., "default": ..}` and a `setheader`/`setqueryparameter`
/// policy's `x-ms-apimTemplateParameter.name` and `.value`.
const PAIR_VALUES: &[&str] = &[
    "value",
    "x-ms-apimTemplateParameter.value",
    "default",
    "example",
    "x-example",
    "x-ms-test-value",
];

/// After `"key": "<secret name>"` (or `"name": ...`) and its comma at `j`: the value members of
/// the same object that follow, on the line or the next few (a pretty-printed object), before
/// it ends or another begins.
fn mask_pair_value(b: &mut [u8], j: usize) -> Option<usize> {
    let mut k = j;
    let mut last = None;
    let end = b.len().min(j.saturating_add(1024));
    while k < end && !matches!(b[k], b'{' | b'}') {
        if b[k] == b'"'
            && let Some(len) = PAIR_VALUES.iter().find_map(|m| {
                let m = m.as_bytes();
                (b[k + 1..].starts_with(m) && b.get(k + 1 + m.len()) == Some(&b'"'))
                    .then_some(m.len() + 2)
            })
        {
            let mut v = k + len;
            while v < b.len() && matches!(b[v], b' ' | b'\t') {
                v += 1;
            }
            if b.get(v) == Some(&b':') {
                v += 1;
                while v < b.len() && matches!(b[v], b' ' | b'\t') {
                    v += 1;
                }
                if v < b.len() && matches!(b[v], b'"' | b'\\') {
                    let (start, end) = quoted(b, v);
                    last = mask_if_value(b, start, end).or(last);
                    k = end.max(k + 1);
                    continue;
                }
            }
        }
        k += 1;
    }
    last
}

/// The URL without the `user[:password]@` of its authority, and whether it had one.
pub fn without_userinfo(url: &str) -> (String, bool) {
    let start = match url.find("://") {
        Some(i) => i + 3,
        None if url.starts_with("//") => 2,
        None => 0,
    };
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    match url[start..end].rfind('@') {
        Some(at) => (format!("{}{}", &url[..start], &url[start + at + 1..]), true),
        None => (url.to_string(), false),
    }
}

/// The URL without what it holds of a credential: `user:password@`, and each parameter whose
/// name or value is a secret (`client_secret=...`, `sig=...`) in its query, its fragment
/// (`#access_token=...`) or a path segment's matrix parameters (`;client_secret=...`), the
/// others kept in their order; with the values taken out (none when the URL holds no
/// credential). See [`kept_pairs`] for what counts.
pub fn without_url_secrets(url: &str) -> (String, Vec<String>) {
    let mut taken = Vec::new();
    let (stripped, userinfo) = without_userinfo(url);
    if userinfo {
        // What went: the `user:password` before the host.
        let start = url.find("://").map_or(0, |i| i + 3);
        if let Some(at) = url[start..].find('@') {
            let user = &url[start..start + at];
            taken.push(user.split_once(':').map_or(user, |(_, p)| p).to_string());
        }
    }
    let url = stripped;
    let (rest, fragment) = match url.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (url.as_str(), None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let before = taken.len();
    // The scheme and host hold no `;`: only path segments have matrix parameters.
    let path: Vec<String> = path
        .split('/')
        .map(|segment| match segment.split_once(';') {
            Some((head, params)) => {
                let kept = kept_pairs(params, ';', &mut taken, false);
                if kept.is_empty() {
                    head.to_string()
                } else {
                    format!("{head};{kept}")
                }
            }
            None => segment.to_string(),
        })
        .collect();
    let query = query.map(|q| kept_pairs(q, '&', &mut taken, false));
    let fragment = fragment.map(|f| kept_pairs(f, '&', &mut taken, true));
    if taken.len() == before {
        // Nothing more than the userinfo went: the rest stays exactly as written.
        return (url, taken);
    }
    let mut out = path.join("/");
    for (mark, part) in [('?', query), ('#', fragment)] {
        if let Some(part) = part.filter(|p| !p.is_empty()) {
            out.push(mark);
            out.push_str(&part);
        }
    }
    (out, taken)
}

/// The `name=value` pairs of `text` (separated by `sep`) that hold no secret, joined again;
/// the values of the others go to `taken`.
///
/// An OAuth authorization `code` is a credential too. In a fragment (which no server is sent),
/// an item without a name goes when it holds a digit or is long: a token written there bare
/// (`#9f8a7b6c`), where an anchor (`#top`) stays.
fn kept_pairs(text: &str, sep: char, taken: &mut Vec<String>, fragment: bool) -> String {
    let kept: Vec<&str> = text
        .split(sep)
        .filter(|pair| {
            let secret = match pair.split_once('=') {
                Some((name, value)) => {
                    (name.eq_ignore_ascii_case("code") && !value.is_empty())
                        || withhold(Some(name), value).is_some()
                        || holds_secret(pair)
                }
                None => {
                    withhold(None, pair).is_some()
                        || (fragment
                            && (pair.len() >= 16 || pair.bytes().any(|b| b.is_ascii_digit())))
                }
            };
            if secret {
                let value = pair.split_once('=').map_or(*pair, |(_, v)| v);
                if !value.is_empty() {
                    taken.push(value.to_string());
                }
            }
            !secret
        })
        .collect();
    kept.join(&sep.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_key_or_certificate_is_no_secret_whatever_its_name() {
        let public = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1x\n-----END PUBLIC KEY-----";
        let certificate =
            "-----BEGIN CERTIFICATE-----MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkq-----END CERTIFICATE-----";
        for v in [public, certificate] {
            assert_eq!(withhold(Some("publicKey"), v), None, "{v}");
            assert_eq!(withhold_defined(Some("encryptionKey"), v), None, "{v}");
        }
        let private =
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x\n-----END RSA PRIVATE KEY-----";
        assert_eq!(withhold(Some("publicKey"), private), Some("a private key"));
    }

    #[test]
    fn a_credential_written_into_a_text_is_masked_and_a_placeholder_is_not() {
        let (masked, values) = mask_credentials(
            "curl -H \"Authorization: Bearer sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv\" https://a.example.com",
        )
        .expect("a live key");
        assert_eq!(
            masked,
            "curl -H \"Authorization: *******************************************\" https://a.example.com"
        );
        assert_eq!(values, ["Bearer sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv"]);
        for placeholder in [
            "curl -H \"Authorization: Bearer $TOKEN\" https://a.example.com",
            "Authorization: Bearer Your.API.Key-HERE",
            "--header 'authorization: Bearer << API KEY >>'",
            "Pass your token in the Authorization header.",
        ] {
            assert_eq!(mask_credentials(placeholder), None, "{placeholder}");
        }
    }

    #[test]
    fn a_word_that_cannot_start_a_shape_has_none() {
        // Every shape a word can have starts with a byte the quick look lets through.
        let shaped = [
            "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl",
            "AKIAABCDEFGHIJKLMNOP",
            "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
            "glpat-0123456789abcdefghij",
            "xoxb-0123456789-abcdefghij",
            "sk_live_0123456789abcdefgh",
            "rk_live_0123456789abcdefgh",
            "AIza0123456789abcdefghijklmnopqrstuvwxy",
        ];
        for w in shaped {
            assert!(secret_shape(w).is_some(), "{w}");
            assert!(may_start_shape(w.as_bytes()[0]), "{w}");
            assert!(may_hold_secret(format!("x {w} y").as_bytes()), "{w}");
        }
        assert!(!may_start_shape(b'Z') && !may_start_shape(b'0'));
    }

    #[test]
    fn a_name_whose_last_word_is_id_names_an_identifier() {
        for name in [
            "sessionId",
            "session_id",
            "X-Token-Id",
            "sessionid",
            "SESSIONID",
        ] {
            assert!(names_an_id(name), "{name}");
        }
        for name in [
            "session",
            "api_key",
            "access_token",
            "paid",
            "valid",
            "sessionidx",
        ] {
            assert!(!names_an_id(name), "{name}");
        }
    }

    #[test]
    fn every_secret_word_and_ending_passes_the_quick_look() {
        for w in SECRET_WORDS.iter().chain(SECRET_ENDINGS).chain(&["key"]) {
            assert!(mentions_secret_word(w.as_bytes(), false), "{w}");
            assert!(
                mentions_secret_word(w.to_uppercase().as_bytes(), false),
                "{w}"
            );
        }
        for name in ["name", "email", "created_at", "monkeyId", "items"] {
            assert!(!is_secret_name(name), "{name}");
        }
        assert!(!mentions_secret_word(b"email address", true));
    }

    #[test]
    fn the_quick_look_never_misses_what_masking_finds() {
        let texts = [
            "https://ann:hunter22@example.com/x",
            "Server=x;Password=hunter22;",
            "sig=abcdef123456",
            "<token>abc123xyz</token>",
            "Basic YW5uOmh1bnRlcjIy",
            "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl",
            "AKIAABCDEFGHIJKLMNOP",
            "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
            "plain words and a date 2024-01-01",
            "550e8400-e29b-41d4-a716-446655440000",
        ];
        for t in texts {
            let mut b = t.as_bytes().to_vec();
            mask_bytes(&mut b);
            let masked = b != t.as_bytes();
            assert!(!masked || may_hold_secret(t.as_bytes()), "{t}");
        }
        assert!(!may_hold_secret(b"plain words and a date 2024-01-01"));
        assert!(!may_hold_secret(b"550e8400-e29b-41d4-a716-446655440000"));
    }

    #[test]
    fn a_short_number_after_a_secret_word_is_a_count_not_a_secret() {
        for t in [
            "{\"usage\": {\"max_tokens\": 31, \"total_tokens\": -2}}",
            "token_count: 5",
            "token_limit: 4096",
        ] {
            assert!(!holds_secret(t), "{t}");
        }
        // A long number may be a numeric key.
        let mut t = "api_key: 123456789012".to_string();
        mask_text(&mut t);
        assert_eq!(t, "api_key: ************");
        assert!(holds_secret("{\"password\": \"31\"}"));
    }

    #[test]
    fn the_value_members_of_a_secret_named_schema_are_masked() {
        let mut t = "\"password\": {\n  \"type\": \"string\",\n  \"default\": \"hunter22\"\n},\n\"user\": {\"default\": \"ann\"}".to_string();
        mask_text(&mut t);
        assert_eq!(
            t,
            "\"password\": {\n  \"type\": \"string\",\n  \"default\": \"********\"\n},\n\"user\": {\"default\": \"ann\"}"
        );
    }

    #[test]
    fn a_body_member_named_key_is_withheld_only_when_it_looks_like_a_credential() {
        // Identifiers (commercetools, Jira, object stores) under a plain `key` stay.
        for (name, value) in [
            ("key", "exampleKey"),
            ("key", "shipping-method-key"),
            ("addressKey", "AddressKeyStringFromAddress"),
            ("projectKey", "ID-15"),
            ("key", "{{store-key}}"),
        ] {
            assert_eq!(withhold_member(Some(name), value), None, "{name}: {value}");
        }
        for (name, value) in [
            // Random-looking, or with a credential word before `key`, or a secret's shape.
            ("key", "9f86d081884c7d659a2feaa0c55ad015"),
            ("api_key", "abc-def-ghi"),
            ("subscriptionKey", "kept-out"),
            ("key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
            ("password", "hunter22"),
        ] {
            assert!(
                withhold_member(Some(name), value).is_some(),
                "{name}: {value}"
            );
        }
        assert!(is_plain_key_name("key") && is_plain_key_name("sort_key"));
        assert!(!is_plain_key_name("apiKey") && !is_plain_key_name("keyword"));
    }

    #[test]
    fn a_key_after_words_that_name_no_credential_identifies_something() {
        for name in [
            "item_key",
            "sortKey",
            "partition-key",
            "X-Object-Key",
            "cacheKey",
        ] {
            assert!(names_identifier_key(name), "{name}");
        }
        for name in [
            "key",
            "Key",
            "X-Key",
            "x_key",
            "api_key",
            "apiKey",
            "subscription-key",
            "user_key",
            "X-API-Key",
            "Ocp-Apim-Subscription-Key",
            "token",
            "keyword",
        ] {
            assert!(!names_identifier_key(name), "{name}");
        }
    }

    #[test]
    fn redact_takes_a_secret_named_object_whole() {
        let mut v = serde_json::json!({"user": "ann", "token": {"value": "hunter22", "kind": "refresh"},
            "auth": {"enabled": true}, "profile": {"name": "Ann"}});
        let mut found = Vec::new();
        redact(&mut v, &mut found);
        assert_eq!(
            v,
            serde_json::json!({"user": "ann", "auth": {"enabled": true}, "profile": {"name": "Ann"}})
        );
        assert_eq!(
            found,
            [
                ("token".to_string(), "hunter22".to_string()),
                ("token".to_string(), "refresh".to_string())
            ]
        );
    }

    #[test]
    fn redact_takes_only_the_secret_out_of_an_object_under_another_name() {
        let key = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
        let mut v = serde_json::json!({"data": {"id": 7, "note": "kept",
            "deeper": {"apiKey": key, "list": ["a", "Password=hunter22;x"]}}});
        let mut found = Vec::new();
        redact(&mut v, &mut found);
        assert_eq!(
            v,
            serde_json::json!({"data": {"id": 7, "note": "kept",
                "deeper": {"list": ["a", "<secret>"]}}})
        );
        assert_eq!(
            found,
            [
                ("apiKey".to_string(), key.to_string()),
                ("[]".to_string(), "Password=hunter22;x".to_string())
            ]
        );
    }

    #[test]
    fn passwords_and_signatures_belong_to_one_call() {
        for (n, kind) in [
            ("password", Some(PerCall::Password)),
            ("userPassword", Some(PerCall::Password)),
            ("new_passwd", Some(PerCall::Password)),
            ("pwd", Some(PerCall::Password)),
            ("passphrase", Some(PerCall::Password)),
            ("signature", Some(PerCall::Signature)),
            ("X-Amz-Signature", Some(PerCall::Signature)),
            ("sig", Some(PerCall::Signature)),
            ("X-Hub-Signature-256", Some(PerCall::Signature)),
            // Keys, tokens and names about a secret are not.
            ("signature_key", None),
            ("api_key", None),
            ("access_token", None),
            ("client_secret", None),
            ("signature_method", None),
            ("password_policy_url", None),
            ("passenger", None),
        ] {
            assert_eq!(per_call_credential(n), kind, "{n}");
        }
    }

    #[test]
    fn secret_names() {
        for n in [
            "password",
            "api_key",
            "apiKey",
            "APIKey",
            "X-API-Key",
            "x-apikey",
            "access_token",
            "accessToken",
            "client-secret",
            "clientSecret",
            "client_secret",
            "Authorization",
            "Proxy-Authorization",
            "sig",
            "X-Amz-Signature",
            "sas_token",
            "Cookie",
            "session",
            "sessionId",
            "refresh_token",
            "userPassword",
            "pwd",
            "auth",
            "X-Auth",
            "credentials",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "baseUrl",
            "userId",
            "page",
            "monkey",
            "keyword",
            "keys",
            "tokenizer",
            "tokenUrl",
            "token_type",
            "author",
            "signal",
            "signatureMethod",
            "design",
            "passage",
            "is_password_reset_required",
            "passwordChangedAt",
            "token_expired",
            "pageToken",
            "nextPageToken",
            "sync_token",
            "continuationToken",
            "$skiptoken",
            "$deltatoken",
            "tokenState",
            "bearerFormat",
            "token_format",
            "idempotency_key",
            "Idempotency-Key",
            "X-Idempotency-Token",
            "dedupToken",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn key_names_are_secret_only_when_key_is_a_word_of_their_own() {
        for name in [
            "key",
            "subscriptionKey",
            "APP_KEY",
            "master-key",
            "api key",
            "x-api-key",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["monkey", "whiskey", "turkey", "hockey", "keyword", "keys"] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(
            secret_shape("Bearer 9f8a7b6c5d4e3f2a1b0c"),
            Some("a bearer token")
        );
        assert_eq!(secret_shape("Bearer <Access token>"), None);
        assert_eq!(
            secret_shape("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"),
            Some("a JSON Web Token")
        );
        assert_eq!(secret_shape("eyJzdWJqZWN0IjpudWxsfQ"), None);
        assert_eq!(secret_shape("eyJa.eyJb.c.d"), None);
        assert_eq!(
            secret_shape("AKIAIOSFODNN7EXAMPLQ"),
            Some("an AWS access key")
        );
        assert_eq!(
            secret_shape("Basic dXNlcjpwYXNzd29yZA=="),
            Some("basic credentials"),
        );
        // A word after "Basic" in prose is no base64 of a `user:password` pair.
        assert_eq!(secret_shape("Basic software development"), None);
        assert_eq!(secret_shape("hello world"), None);
    }

    #[test]
    fn placeholders() {
        for p in [
            "[[DUMMY]]",
            "<Enter your client secret>",
            "YOUR_CLIENT_SECRET",
            "test",
            "",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        assert!(!is_placeholder("k9Q8x~2abcdEFGH12345"));
    }

    #[test]
    fn masking_never_changes_a_length_or_panics() {
        for s in [
            "",
            "\"",
            "password",
            "password:",
            "password: \"",
            "password: \\",
            "\"token\\\": \\\"é",
            "sig=é&token=ü",
            "<password>é",
            "https://:@",
            "https://a:é@",
            "{\"key\": \"sig\", \"value\": \"",
            "{\"key\": \"sig\", \"value\"",
            "Bearer ",
            "bearer é9f8a7b6c5d4e3f2a1b0c",
            "token=é",
            "é\"secret\":\"ü\"é",
        ] {
            let mut t = s.to_string();
            mask_text(&mut t);
            assert_eq!(t.len(), s.len(), "{s}");
        }
    }

    #[test]
    fn a_graphql_query_in_an_example_loses_only_its_secret_literals() {
        let mut found = Vec::new();
        let mut example = serde_json::json!({
            "query": "mutation login($password: String!) { login(password: $password) { token } }",
            "variables": {"password": "{{password}}"}
        });
        let before = example.clone();
        redact(&mut example, &mut found);
        assert_eq!(example, before);
        assert!(found.is_empty(), "{found:?}");
        let mut example =
            serde_json::json!({"query": "mutation { login(password: \"hunter22\") { token } }"});
        redact(&mut example, &mut found);
        assert_eq!(
            example["query"],
            "mutation { login(password: \"********\") { token } }"
        );
        assert_eq!(found.len(), 1);
        // A `query` that is no GraphQL document is judged as any other value.
        let mut example = serde_json::json!({"query": "password=hunter22"});
        found.clear();
        redact(&mut example, &mut found);
        assert_eq!(found.len(), 1, "{example}");
    }

    #[test]
    fn an_example_written_as_json_text_is_judged_by_its_members() {
        use serde_json::json;
        // `key` beside a word is a dictionary's key, as in the same example written as JSON.
        let text = r#"{"key":"Jira","name":"JIRA provided time tracking"}"#;
        let mut schema = json!({"type": "object", "example": text});
        let m = schema.as_object_mut().unwrap();
        assert!(take_values(None, m, VALUE_KEYS).is_none());
        assert_eq!(m["example"], text);
        // A secret member is masked in place, and the text stays JSON.
        let mut schema =
            json!({"example": r#"{"user": "ann", "password": "Xk29vLq83mZ"}"#, "type": "object"});
        let m = schema.as_object_mut().unwrap();
        let taken = take_values(None, m, VALUE_KEYS).unwrap();
        assert_eq!(taken.values, ["Xk29vLq83mZ"]);
        assert_eq!(m["example"], r#"{"user":"ann","password":"<password>"}"#);
        // Members of a response example written as text, the same way.
        let mut found = Vec::new();
        let mut example = json!({"application/json": text});
        redact(&mut example, &mut found);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(example["application/json"], text);
    }

    #[test]
    fn withholding() {
        assert_eq!(withhold(Some("token"), "abc"), Some("a secret-named value"));
        // In a definition, a secret-named field's illustration is kept; a credential is not.
        for kept in [
            "ID-15",
            "FirstPage",
            "Yes",
            "registrationDate",
            "00000000-0000",
            "<api key>",
            "{{token}}",
            "Bearer <token>",
            "a key 123456789",
        ] {
            assert_eq!(withhold_defined(Some("projectKey"), kept), None, "{kept}");
        }
        for taken in [
            "Nirmcent@1",
            "77e1c83b7bb0437bbc50a7a58e5660ac",
            "token 9f8a7b6c",
            "S3CR3Tpassw0rd",
        ] {
            assert!(
                withhold_defined(Some("password"), taken).is_some(),
                "{taken}"
            );
        }
        // A field secret only as a `key` may key a dictionary, a menu or a form: a name made of
        // words is kept; a generated key is not.
        for kept in [
            "addressLine1",
            "V1001_TODAY_MUSIC",
            "PROJECT-123",
            "foobar-v1.0.0",
        ] {
            assert_eq!(withhold_defined(Some("key"), kept), None, "{kept}");
            assert_eq!(withhold_defined(Some("sort_key_"), kept), None, "{kept}");
            assert!(
                withhold_defined(Some("secretKey"), kept).is_some(),
                "{kept}"
            );
        }
        for taken in [
            "a8f5f167f44f4964e6c998dee8",
            "k9Q8x2abcdEFGH12345",
            "hunter22hunter",
            "R022XIJR9M266DX570EVE6EXP1AFBN6D",
        ] {
            assert!(withhold_defined(Some("apiKey"), taken).is_some(), "{taken}");
        }
        assert_eq!(
            withhold_defined(Some("note"), "Bearer 9f8a7b6c5d4e3f2a1b0c"),
            Some("a bearer token")
        );
        assert_eq!(withhold(Some("token"), "{{token}}"), None);
        // A scheme word before a reference (GitHub's `token {{token}}`) holds no secret.
        assert_eq!(withhold(Some("Authorization"), "token {{token}}"), None);
        assert_eq!(withhold(Some("Authorization"), "SSWS {{api_key}}"), None);
        assert_eq!(
            withhold(Some("Authorization"), "token 9f8a7b6c"),
            Some("a secret-named value")
        );
        // A flag about a secret is not one.
        assert_eq!(withhold(Some("password"), "true"), None);
        assert_eq!(withhold(Some("mfa_token"), "FALSE"), None);
        assert_eq!(withhold(Some("token"), "<token>"), None);
        assert_eq!(withhold(Some("page"), "2"), None);
        assert_eq!(
            withhold(Some("note"), "Bearer 9f8a7b6c5d4e3f2a1b0c"),
            Some("a bearer token")
        );
        assert_eq!(placeholder("client_secret"), "<client_secret>");
        // A credential written into a value whatever it is called: a connection string (also
        // percent-encoded in a query value), a GraphQL argument.
        let written_in = Some("a credential written into it");
        for v in [
            "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=Zm9vYmFyYmF6cXV4==;",
            "Server=tcp:db;Password=p4ssw0rd;",
            "Server%3Dtcp%3Adb%3BPassword%3Dp4ssw0rd%3B",
        ] {
            assert_eq!(withhold(Some("connection"), v), written_in, "{v}");
        }
        let graphql = |q: &str| {
            let mut q = q.to_string();
            mask_graphql(&mut q).then_some(q)
        };
        assert_eq!(
            graphql(r#"mutation { login(user: "ann", token : "tk8s7d6f5g") { id } }"#).as_deref(),
            Some(r#"mutation { login(user: "ann", token : "**********") { id } }"#)
        );
        assert_eq!(
            graphql(r#"{ a(input: {password: """p4ss""", note: "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}) }"#)
                .as_deref(),
            Some(format!(r#"{{ a(input: {{password: """****""", note: "{}"}}) }}"#, "*".repeat(44)).as_str())
        );
        for q in [
            "mutation Login($user: String!, $password: String!) { login(password: $password) { id } }",
            r#"query { user(name: "ann", token: "{{token}}") { tokenType } } # token: "x""#,
        ] {
            assert_eq!(graphql(q), None, "{q}");
        }
        for v in [
            "Server=tcp:db;Database=orders;",
            "query { user(id: 4) { name } }",
            "100%25 of tokens",
            "token={{token}}",
        ] {
            assert_eq!(withhold(Some("connection"), v), None, "{v}");
        }
    }

    fn masked(s: &str) -> String {
        let mut t = s.to_string();
        mask_text(&mut t);
        assert_eq!(t.len(), s.len());
        t
    }

    #[test]
    fn masks_values_of_secret_names_and_secret_shapes_keeping_positions() {
        assert_eq!(
            masked(r#"{"key": "sig", "value": "abc"}, "password": "hunter2", "id": 3"#),
            r#"{"key": "sig", "value": "***"}, "password": "*******", "id": 3"#
        );
        // A pretty-printed Postman pair: its `"key"` names the header; the name stays.
        let pair = "{\n  \"key\": \"Authorization\",\n  \"value\": \"token {{token}}\"\n}";
        assert_eq!(masked(pair), pair);
        assert_eq!(
            masked("https://x/a?sv=1&sig=abcdef&X-Amz-Signature=0123"),
            "https://x/a?sv=1&sig=******&X-Amz-Signature=****"
        );
        // A bare value ends with its line: the next line is not part of it.
        assert_eq!(
            masked("tokenUrl: https://x/token?client_secret=Zx9Qw8Er7Ty6\npaths:\n"),
            "tokenUrl: https://x/token?client_secret=************\npaths:\n"
        );
        assert_eq!(
            masked("password: hunter2\r\nid: 3"),
            "password: *******\r\nid: 3"
        );
        assert_eq!(
            masked("<user>ann</user><password>hunter2</password>"),
            "<user>ann</user><password>*******</password>"
        );
        // Prose naming a placeholder element masks nothing after it.
        let prose = "Send Bearer <token> in the header.\n{\"id\": \"abc\"}\n<b>x</b>";
        assert_eq!(masked(prose), prose);
        assert_eq!(
            masked("Authorization: Bearer 9f8a7b6c5d4e3f2a1b0c"),
            "Authorization: ***************************"
        );
        assert_eq!(
            masked(r#""note": "Bearer 9f8a7b6c5d4e3f2a1b0c""#),
            r#""note": "Bearer ********************""#
        );
        assert_eq!(
            masked(r#"  client_secret: "Sé-cret-value" "#),
            "  client_secret: \"**************\" "
        );
        assert_eq!(
            masked(r#"{"name": "sig", "in": "query", "x-example": "abcdef", "default": "x"}"#),
            r#"{"name": "sig", "in": "query", "x-example": "******", "default": "*"}"#
        );
        assert_eq!(
            masked("url: https://admin:hunter2@api.contoso.com/a, https://api.contoso.com:443/"),
            "url: https://admin:*******@api.contoso.com/a, https://api.contoso.com:443/"
        );
        // Names, structure and references stay.
        for same in [
            r#""token": {"type": "string"}"#,
            r#""password": null, "apiKey": "{{apiKey}}""#,
            r#""keyword": "value", "monkey": "business""#,
            r#""tokenUrl": "https://login.example.com/token""#,
        ] {
            assert_eq!(masked(same), same);
        }
    }
}

#[cfg(test)]
mod url_secret_tests {
    use super::without_url_secrets;

    #[test]
    fn secret_query_parameters_and_passwords_are_taken_out() {
        assert_eq!(
            without_url_secrets(
                "https://login.contoso.com/authorize?client_id=abc&client_secret=Zq8vPp2Lr5Ww&prompt=consent"
            ),
            (
                "https://login.contoso.com/authorize?client_id=abc&prompt=consent".to_string(),
                vec!["Zq8vPp2Lr5Ww".to_string()]
            )
        );
        assert_eq!(
            without_url_secrets("https://me:hunter22@login.contoso.com/token?sig=Zq8vPp2Lr5Ww#top"),
            (
                "https://login.contoso.com/token#top".to_string(),
                vec!["hunter22".to_string(), "Zq8vPp2Lr5Ww".to_string()]
            )
        );
        assert_eq!(
            without_url_secrets(
                "https://login.contoso.com/cb;client_secret=Zq8vPp2Lr5Ww;v=2/x?a=1#access_token=Zq8vPp2Lr5Ww&state=s"
            ),
            (
                "https://login.contoso.com/cb;v=2/x?a=1#state=s".to_string(),
                vec!["Zq8vPp2Lr5Ww".to_string(), "Zq8vPp2Lr5Ww".to_string()]
            )
        );
        // An authorization code, and a token written bare after `#`; an anchor stays.
        assert_eq!(
            without_url_secrets("https://login.contoso.com/token?code=Zq8v&x=1#9f8a7b6c"),
            (
                "https://login.contoso.com/token?x=1".to_string(),
                vec!["Zq8v".to_string(), "9f8a7b6c".to_string()]
            )
        );
        let plain =
            "https://login.contoso.com/authorize?resource=https%3A%2F%2Fgraph&scope=read#top";
        assert_eq!(without_url_secrets(plain), (plain.to_string(), vec![]));
    }
}

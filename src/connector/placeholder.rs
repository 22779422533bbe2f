//! The placeholders the certification passes write where only a person can supply the text
//! (a publisher's contact, website, privacy policy, categories), and how to recognise them: the
//! certification profile reports each one left unfilled.

/// What every placeholder text starts with.
pub const MARK: &str = "TODO:";

/// The host of every placeholder URL and address: `.invalid` is reserved (RFC 2606), so a
/// placeholder can never reach anyone.
pub const HOST: &str = "todo.invalid";

/// A placeholder text saying what to write.
pub fn text(what: &str) -> String {
    format!("{MARK} {what}")
}

/// A placeholder URL, absolute (so that the URL checks accept its shape), naming what it stands
/// for.
pub fn url(what: &str) -> String {
    format!("https://{HOST}/{what}")
}

/// A placeholder e-mail address.
pub fn email() -> String {
    format!("support@{HOST}")
}

/// Whether a value is a placeholder still to be filled in.
pub fn is_placeholder(s: &str) -> bool {
    s.trim_start().starts_with(MARK) || s.contains(HOST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised() {
        assert!(is_placeholder(&text("the publisher's name")));
        assert!(is_placeholder(&url("privacy-policy")));
        assert!(is_placeholder(&email()));
        assert!(!is_placeholder("Contoso support"));
        assert!(!is_placeholder("https://contoso.com/todo"));
    }
}

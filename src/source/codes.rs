//! What reading a file reports: the source layer's own codes.

crate::declare_code! {
    /// The file cannot be read: missing, empty or binary.
    ///
    /// ## What
    /// The file could not be read as text: it does not exist, is not readable, is empty, or is
    /// binary.
    ///
    /// ## Why
    /// Nothing can be checked or converted without the file's text.
    ///
    /// ## Example
    /// An empty `apiDefinition.swagger.json` left by a failed export.
    ///
    /// ## Fix
    /// Pass the right path, or restore the file's content.
    pub static UNREADABLE_FILE = Input {
        code: "CCF001",
        name: "unreadable-file",
        severity: Error,
        fatal: true,
    }
}

crate::declare_code! {
    /// The file is not valid JSON or YAML, even read leniently.
    ///
    /// ## What
    /// The text cannot be parsed as JSON (even allowing comments, trailing and missing commas) nor
    /// as YAML.
    ///
    /// ## Why
    /// Power Platform rejects a definition it cannot parse.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "paths": {
    /// ```
    /// (the file is cut off)
    ///
    /// ## Fix
    /// Correct the syntax at the reported line and column.
    pub static PARSE_ERROR = Input {
        code: "CCF002",
        name: "parse-error",
        severity: Error,
        fatal: true,
    }
}

crate::declare_code! {
    /// Not strict JSON (comments, trailing or missing commas, raw control characters).
    ///
    /// ## What
    /// The file parses only leniently: it has comments, a trailing comma, a missing comma between
    /// members, a raw tab or newline inside a string, or text after the root value; or a YAML file
    /// holds more than one document; or a file that starts as JSON reads only as YAML, whose flow
    /// style allows unquoted member names and single-quoted strings (the warning is where JSON
    /// stops). An escaped lone surrogate (`"\ud800"` without the second
    /// half of its pair) is reported here too: no UTF-8 file can hold it, so it is read as U+FFFD.
    ///
    /// ## Why
    /// Microsoft's importer tolerated these in some accepted connectors, but strict JSON tools (and
    /// `paconn`'s own checks) reject them, and text after the root value is silently ignored.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "host": "api.contoso.com",
    /// }
    /// ```
    ///
    /// ## Fix
    /// Remove the comment or comma, add the missing comma, or escape the character (`\t`, `\n`).
    pub static LENIENT_SYNTAX = Input {
        code: "CCF003",
        name: "lenient-syntax",
        severity: Warning,
    }
}

crate::declare_code! {
    /// The file is not UTF-8; its other bytes were read as Latin-1.
    ///
    /// ## What
    /// The file contains bytes that are not valid UTF-8. ccforge reads its UTF-8 text as it is and
    /// each other byte as a Latin-1 character, and names the first bad byte. `fix` writes the file
    /// as UTF-8.
    ///
    /// ## Why
    /// JSON must be UTF-8; characters such as `ø` saved in a legacy code page show up garbled in
    /// the connector.
    ///
    /// ## Example
    /// A description typed in an editor that saved as Windows-1252.
    ///
    /// ## Fix
    /// Re-save the file as UTF-8, or let `ccforge fix` write it so.
    pub static NON_UTF8 = Input {
        code: "CCF004",
        name: "non-utf8",
        severity: Warning,
    }
}

crate::declare_code! {
    /// An object repeats a member name (a JSON or YAML key).
    ///
    /// ## What
    /// The same key appears twice in one object, for example two `host` members at the top of a
    /// definition or two `200` responses. The finding is at the later key and names the line and
    /// column of the first.
    ///
    /// ## Why
    /// JSON leaves the meaning of a repeated name open: most readers (ccforge among them) keep the
    /// last value and drop the first without a word, others keep the first or reject the file.
    /// Either way one of the two values is lost, and which one depends on the tool that reads it:
    /// the connector Microsoft imports may not be the one you tested. It is a warning because
    /// accepted connectors carry such repeats, most of them a harmless second `description`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "host": "api.contoso.com",
    ///   "host": "staging.contoso.com"
    /// }
    /// ```
    ///
    /// ## Fix
    /// Keep one of the two members: merge what both hold, or delete the one that is wrong.
    pub static DUPLICATE_KEY = Input {
        code: "CCF014",
        name: "duplicate-key",
        severity: Warning,
    }
}

/// The codes of this layer, for the registry.
pub static ALL: &[&crate::diagnostic::Code] = &[
    &UNREADABLE_FILE,
    &PARSE_ERROR,
    &LENIENT_SYNTAX,
    &NON_UTF8,
    &DUPLICATE_KEY,
];

//! What the lint engine itself reports: inputs it cannot lint, suppressions, folder layout.

crate::declare_code! {
    /// OpenAPI 3 or Postman given to lint: Power Platform imports Swagger 2.0 only.
    ///
    /// ## What
    /// An OpenAPI 3.x definition or a Postman collection was given to `ccforge lint`.
    ///
    /// ## Why
    /// Power Platform imports custom connectors from Swagger 2.0 (OpenAPI 2.0) only.
    ///
    /// ## Example
    /// `ccforge lint openapi.yaml` where the file starts with `openapi: 3.0.3`.
    ///
    /// ## Fix
    /// Convert it first: `ccforge convert openapi.yaml -o apiDefinition.swagger.json`, then lint
    /// the result.
    pub static NOT_SWAGGER2 = Input {
        code: "CCF006",
        name: "not-swagger2",
        severity: Error,
        fatal: true,
    }
}

crate::declare_code! {
    /// An x-ccforge-ignore entry silences nothing.
    ///
    /// ## What
    /// An `x-ccforge-ignore` entry names a rule that reports nothing at that node or below.
    ///
    /// ## Why
    /// Stale suppressions hide future findings and mislead readers.
    ///
    /// ## Example
    /// ```json
    /// "x-ccforge-ignore": [{"rule": "path-trailing-slash", "reason": "API needs it"}]
    /// ```
    /// on an operation whose path no longer ends in `/`.
    ///
    /// ## Fix
    /// Remove the entry.
    pub static UNUSED_SUPPRESSION = Input {
        code: "CCF007",
        name: "unused-suppression",
        severity: Warning,
    }
}

crate::declare_code! {
    /// An x-ccforge-ignore entry is malformed, lacks a reason or names an unknown rule.
    ///
    /// ## What
    /// `x-ccforge-ignore` must be a list of objects `{"rule": NAME_OR_CODE, "reason": TEXT}`, with
    /// a non-empty reason and a rule that exists.
    ///
    /// ## Why
    /// A suppression without a reason cannot be reviewed; one naming no rule silences nothing.
    ///
    /// ## Example
    /// ```json
    /// "x-ccforge-ignore": [{"rule": "path-trailing-slash"}]
    /// ```
    ///
    /// ## Fix
    /// Add a `reason`, or correct the rule name (`ccforge rules` lists them).
    pub static INVALID_SUPPRESSION = Input {
        code: "CCF008",
        name: "invalid-suppression",
        severity: Error,
    }
}

crate::declare_code! {
    /// A connector folder's definition is not named apiDefinition.swagger.json.
    ///
    /// ## What
    /// A folder has `apiProperties.json` and one Swagger 2.0 file, but that file is not named
    /// `apiDefinition.swagger.json`.
    ///
    /// ## Why
    /// `paconn` and `pac connector` look for `apiDefinition.swagger.json` (or the name in
    /// settings.json).
    ///
    /// ## Example
    /// `apiDefination.swagger.json` next to `apiProperties.json`.
    ///
    /// ## Fix
    /// Rename the file, or set `apiDefinition` in settings.json.
    pub static CONNECTOR_FILE_NAME = Input {
        code: "CCF009",
        name: "connector-file-name",
        severity: Warning,
    }
}

crate::declare_code! {
    /// A folder given to lint holds nothing lint reads.
    ///
    /// ## What
    /// A folder named on the command line holds no Swagger 2.0 definition and no connector file
    /// (`apiDefinition.swagger.json`, `apiProperties.json`, `settings.json`): it is empty, or
    /// holds only OpenAPI 3 definitions, Postman collections or other files.
    ///
    /// A path whose every file `ignore` in ccforge.toml leaves out is a warning instead: nothing
    /// was linted there, on purpose.
    ///
    /// ## Why
    /// A check pointed at the wrong folder would otherwise pass without checking anything.
    ///
    /// ## Example
    /// `ccforge lint api/` where `api/` holds only `openapi.yaml`.
    ///
    /// ## Fix
    /// Point lint at the connector folder, or convert OpenAPI 3 and Postman files first:
    /// `ccforge convert openapi.yaml -o apiDefinition.swagger.json`.
    pub static NOTHING_TO_LINT = Input {
        code: "CCF012",
        name: "nothing-to-lint",
        severity: Error,
        fatal: true,
    }
}

/// The engine's own codes, for the registry.
pub static ALL: &[&crate::diagnostic::Code] = &[
    &NOT_SWAGGER2,
    &UNUSED_SUPPRESSION,
    &INVALID_SUPPRESSION,
    &CONNECTOR_FILE_NAME,
    &NOTHING_TO_LINT,
];

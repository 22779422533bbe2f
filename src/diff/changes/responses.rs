//! Changes to an operation's success responses.

crate::declare_code! {
    /// A success (2xx) response was removed.
    ///
    /// ## What
    /// A `2xx` response of the old operation is missing on the new one, even when another 2xx
    /// response took its place.
    ///
    /// ## Why
    /// The action's outputs are described under its success response, and flows may branch on the
    /// status code.
    ///
    /// ## Example
    /// `responses: {200: ...}` becomes `responses: {201: ...}`.
    ///
    /// ## Fix
    /// Keep the response while the API can still return it.
    pub static SUCCESS_RESPONSE_REMOVED = Diff {
        code: "CCF929",
        name: "success-response-removed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A success (2xx) response lost its schema.
    ///
    /// ## What
    /// A `2xx` response that had a `schema` has none on the new side.
    ///
    /// ## Why
    /// The action's outputs come from the schema: without it they disappear, and flows that use
    /// them break.
    ///
    /// ## Example
    /// `200: {description: OK, schema: {$ref: '#/definitions/User'}}` becomes `200: {description:
    /// OK}`.
    ///
    /// ## Fix
    /// Keep the schema.
    pub static RESPONSE_SCHEMA_REMOVED = Diff {
        code: "CCF930",
        name: "response-schema-removed",
        severity: Error,
        document: Definition,
    }
}

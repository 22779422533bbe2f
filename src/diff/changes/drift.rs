//! What `drift` reports beyond `diff`'s changes: the connector is the old side, the API the new
//! one.

crate::declare_code! {
    /// The connector calls an operation the API no longer has.
    ///
    /// ## What
    /// In `drift`, an operation of the connector has no operation of the same method and path in
    /// the API's definition (the names of path variables do not count).
    ///
    /// ## Why
    /// Flows that use the action fail once the API stops serving it.
    ///
    /// ## Example
    /// The connector has `GET /v1/reports`; the API's current definition does not.
    ///
    /// ## Fix
    /// Move the action to what the API offers now, or deprecate it in the connector.
    pub static OPERATION_MISSING_FROM_API = Diff {
        code: "CCF947",
        name: "operation-missing-from-api",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// The API has an operation the connector lacks.
    ///
    /// ## What
    /// In `drift`, an operation of the API's definition has no operation of the same method and
    /// path in the connector.
    ///
    /// ## Why
    /// Nothing breaks; users cannot reach what the API added until the connector has it.
    ///
    /// ## Example
    /// The API gained `POST /contacts/{id}/merge`.
    ///
    /// ## Fix
    /// Add the operation to the connector when users need it.
    pub static OPERATION_MISSING_FROM_CONNECTOR = Diff {
        code: "CCF948",
        name: "operation-missing-from-connector",
        severity: Info,
        document: Definition,
    }
}

crate::declare_code! {
    /// The connector sends a parameter or body the API does not declare.
    ///
    /// ## What
    /// In `drift`, a query, header or form parameter, or a request body, of a connector's operation
    /// has no counterpart in the API's operation.
    ///
    /// ## Why
    /// An API usually ignores what it does not declare, but the connector sends it for a reason:
    /// the API may have dropped it, or moved or renamed it.
    ///
    /// ## Example
    /// The connector sends query parameter `legacy`; the API no longer lists it.
    ///
    /// ## Fix
    /// Remove it from the connector, or follow the API's new name for it.
    pub static PARAMETER_NOT_IN_API = Diff {
        code: "CCF949",
        name: "parameter-not-in-api",
        severity: Warning,
        document: Definition,
    }
}

crate::declare_code! {
    /// Some of the API's paths lie outside the connector's base path.
    ///
    /// ## What
    /// `drift` re-roots the API's paths on the connector's `basePath` (an API at `/v2` with
    /// `/contacts` and a connector at `/` with `/v2/contacts` name the same URL). The paths that do
    /// not start with the connector's base path are reported once, with their number and an
    /// example.
    ///
    /// ## Why
    /// The connector can only call URLs under its base path.
    ///
    /// ## Example
    /// The connector's base path is `/v1`; the API serves `/v2/contacts`.
    ///
    /// ## Fix
    /// Change the connector's `basePath` (and its paths) so that it covers the API's URLs.
    pub static BASE_PATH_DIFFERS = Diff {
        code: "CCF950",
        name: "base-path-differs",
        severity: Warning,
        document: Definition,
    }
}

crate::declare_code! {
    /// The API describes another kind of auth than the connector uses.
    ///
    /// ## What
    /// In `drift`, the types (`apiKey`, `basic`, `oauth2`) of the API's security schemes and of the
    /// connector's differ, both sides having some. The comparison then uses the connector's auth.
    ///
    /// ## Why
    /// Connections sign in the connector's way; when the API changed how it signs in, they may stop
    /// working.
    ///
    /// ## Example
    /// The API describes `oauth2`; the connector uses `apiKey`.
    ///
    /// ## Fix
    /// Check that the connector's connections still sign in.
    pub static AUTH_DIFFERS = Diff {
        code: "CCF951",
        name: "auth-differs",
        severity: Info,
        document: Definition,
    }
}

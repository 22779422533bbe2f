//! Changes to the document as a whole: host, base path, schemes, and the definitions no
//! operation uses.

crate::declare_code! {
    /// The `host` changed: every action now calls another server.
    ///
    /// ## What
    /// `diff` compares the `host` of both definitions, ignoring letter case and a trailing slash. A
    /// changed, added or removed host is breaking, unless the old definition has no operations
    /// (no flow can call it): then it is an info, as is every change to the document as a whole
    /// (base path, schemes, security schemes).
    ///
    /// ## Why
    /// Every request of every flow goes to the host. Existing flows start calling the new server
    /// without anyone editing them.
    ///
    /// ## Example
    /// `host: api.contoso.com` becomes `host: api.contoso.net`.
    ///
    /// ## Fix
    /// Keep the old host, or publish the move as a new version of the connector and tell its users.
    pub static HOST_CHANGED = Diff {
        code: "CCF901",
        name: "host-changed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// The `basePath` changed: the URL of every action changes.
    ///
    /// ## What
    /// `diff` compares the `basePath` of both definitions, ignoring letter case and a trailing
    /// slash. A changed, added or removed base path is breaking, unless the old definition has no
    /// operations: then it is an info.
    ///
    /// ## Why
    /// Every action's URL starts with the base path; existing flows call the new URLs, which the
    /// API must serve exactly as the old ones.
    ///
    /// ## Example
    /// `basePath: /v1` becomes `basePath: /v2`.
    ///
    /// ## Fix
    /// Keep the old base path, or publish the new API version as a new version of the connector.
    pub static BASE_PATH_CHANGED = Diff {
        code: "CCF902",
        name: "base-path-changed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// The `schemes` changed.
    ///
    /// ## What
    /// `diff` compares the sets of `schemes` (in any letter case). A removed scheme is a warning; a
    /// scheme that was only added is info.
    ///
    /// ## Why
    /// Requests go out over the listed schemes; with one removed, connections that used it reach
    /// the API another way.
    ///
    /// ## Example
    /// `schemes: [http, https]` becomes `schemes: [https]`.
    ///
    /// ## Fix
    /// Check that the API answers on the schemes that remain; nothing to do when one was only
    /// added.
    pub static SCHEMES_CHANGED = Diff {
        code: "CCF903",
        name: "schemes-changed",
        severity: Warning,
        document: Definition,
    }
}

crate::declare_code! {
    /// A definition that no operation uses was removed.
    ///
    /// ## What
    /// `diff` also compares the `definitions` that no operation uses, directly or through other
    /// definitions. Removing one is info; changes inside one that is kept are reported under their
    /// own names, at most as warnings.
    ///
    /// ## Why
    /// Nothing calls an unused definition, so no flow breaks today; the change is listed so that it
    /// is not a surprise.
    ///
    /// ## Example
    /// `definitions/LegacyUser`, referenced nowhere, is gone.
    ///
    /// ## Fix
    /// Nothing to do when it was really unused.
    pub static DEFINITION_REMOVED = Diff {
        code: "CCF904",
        name: "definition-removed",
        severity: Info,
        document: Definition,
    }
}

//! Changes to how connections sign in: security schemes, their scopes and operations' own
//! requirements.

crate::declare_code! {
    /// A security scheme was removed from `securityDefinitions`.
    ///
    /// ## What
    /// A scheme of the old side's `securityDefinitions` has no scheme of the same name on the new
    /// side.
    ///
    /// ## Why
    /// Connections are made with the connector's security scheme; without it, existing connections
    /// cannot sign in.
    ///
    /// ## Example
    /// `securityDefinitions: {oauth2: {...}}` becomes `securityDefinitions: {}`.
    ///
    /// ## Fix
    /// Keep the scheme, or publish the change as a new connector that users connect to again.
    pub static SECURITY_SCHEME_REMOVED = Diff {
        code: "CCF906",
        name: "security-scheme-removed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A security scheme changed its type, OAuth flow or API key.
    ///
    /// ## What
    /// A scheme of the same name on both sides differs in `type`, `flow`, `in` or `name`.
    ///
    /// ## Why
    /// Existing connections were made for the old kind of sign-in and fail with the new one.
    ///
    /// ## Example
    /// `apiKey: {type: apiKey, in: header, name: X-Key}` becomes `{type: apiKey, in: query, name:
    /// key}`.
    ///
    /// ## Fix
    /// Keep the scheme as it was, or publish the change as a new connector that users connect to
    /// again.
    pub static SECURITY_SCHEME_CHANGED = Diff {
        code: "CCF907",
        name: "security-scheme-changed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A security scheme was renamed, and is otherwise the same.
    ///
    /// ## What
    /// A scheme only the old side has and a scheme only the new side has are the same but for
    /// their names and descriptions (their own and their scopes'), and no other scheme is like
    /// them.
    ///
    /// ## Why
    /// A connection is made with the connector's connection parameters, not by the scheme's name:
    /// existing connections and flows go on working. `convert --out-dir` names a basic scheme
    /// `basic_auth` and describes a scope the API left undescribed, so comparing an API with
    /// the connector made from it meets this.
    ///
    /// ## Example
    /// `securityDefinitions: {MuseumAuth: {type: basic}}` becomes `{basic_auth: {type: basic}}`.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static SECURITY_SCHEME_RENAMED = Diff {
        code: "CCF982",
        name: "security-scheme-renamed",
        severity: Info,
        document: Definition,
    }
}

crate::declare_code! {
    /// A security scheme was added to `securityDefinitions`.
    ///
    /// ## What
    /// A scheme of the new side has no scheme of the same name on the old side. Breaking when the
    /// old side had no security scheme at all, info when it had some.
    ///
    /// ## Why
    /// A connector that starts to require sign-in leaves its existing connections, made without
    /// one, unable to call it.
    ///
    /// ## Example
    /// `securityDefinitions` gains `apiKey: {type: apiKey, in: header, name: X-Key}` on a connector
    /// that had none.
    ///
    /// ## Fix
    /// When the connector had no auth before, tell its users to create new connections; otherwise
    /// nothing to do.
    pub static SECURITY_SCHEME_ADDED = Diff {
        code: "CCF908",
        name: "security-scheme-added",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// An OAuth security scheme or connection asks for new scopes.
    ///
    /// ## What
    /// The scopes of an OAuth security scheme (paired by name) in the definition, or of a
    /// connection's `oAuthSettings` in `apiProperties.json`, include scopes the old side did not
    /// ask for. Removed scopes are not reported.
    ///
    /// ## Why
    /// Existing connections were consented for the old scopes: users must sign in and consent again
    /// before the actions that need the new ones work.
    ///
    /// ## Example
    /// `scopes: {read: Read}` becomes `scopes: {read: Read, write: Write}`.
    ///
    /// ## Fix
    /// Ask only for the scopes the actions need, and tell the connector's users that they will be
    /// asked to consent again.
    pub static SCOPES_ADDED = Diff {
        code: "CCF909",
        name: "scopes-added",
        severity: Warning,
        document: Any,
    }
}

crate::declare_code! {
    /// An operation's own `security` requirement changed.
    ///
    /// ## What
    /// The schemes that apply to an operation differ between the sides, and the new side names
    /// at least one. What applies is the operation's own `security`, or the document's when it
    /// has none: moving a requirement from every operation to the document (as `convert
    /// --out-dir` does) changes nothing, and neither does a scheme that is only renamed. A
    /// scheme that was removed is told once, as `security-scheme-removed`, not again here. The
    /// document's `security` is reported when an old operation without its own follows it.
    ///
    /// ## Why
    /// The action now signs in with another scheme; connections made for the old one fail on it.
    ///
    /// ## Example
    /// `security: [{apiKey: []}]` becomes `security: [{oauth2: []}]`.
    ///
    /// ## Fix
    /// Keep the old requirement, or publish the change as a new version of the connector.
    pub static OPERATION_SECURITY_CHANGED = Diff {
        code: "CCF910",
        name: "operation-security-changed",
        severity: Error,
        document: Definition,
    }
}

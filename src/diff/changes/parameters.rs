//! Changes to the parameters of an operation. Parameters pair by name and location (`in`); path
//! variables by position.

crate::declare_code! {
    /// A parameter or the request body was removed.
    ///
    /// ## What
    /// A parameter of the old operation has no parameter of the same name and location (`in`) on
    /// the new one, and none of that name elsewhere (`parameter-moved`). Path variables pair by
    /// position (`parameter-renamed`), and a renamed body parameter is the same body.
    ///
    /// ## Why
    /// Flows pass parameters by name: the values they set no longer reach the API, and flows that
    /// need them fail.
    ///
    /// ## Example
    /// Query parameter `$top` of `GET /users` is gone.
    ///
    /// ## Fix
    /// Keep the parameter, optional if the API now ignores it.
    pub static PARAMETER_REMOVED = Diff {
        code: "CCF921",
        name: "parameter-removed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A path parameter was renamed.
    ///
    /// ## What
    /// Path variables pair by their position in the path: when `/users/{id}` becomes
    /// `/users/{userId}`, parameter `id` was renamed `userId`. `drift` does not report it: the API
    /// reads a path variable by position, and only the connector's name reaches flows.
    ///
    /// ## Why
    /// Flows pass parameters by name; the value they set for the old name is lost.
    ///
    /// ## Example
    /// `GET /users/{id}` becomes `GET /users/{userId}`.
    ///
    /// ## Fix
    /// Keep the old name in the path and in the parameter: the API never sees it.
    pub static PARAMETER_RENAMED = Diff {
        code: "CCF922",
        name: "parameter-renamed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A parameter moved to another location.
    ///
    /// ## What
    /// A parameter of the old operation is found on the new one under the same name in another
    /// location (`in`), say from query to header.
    ///
    /// ## Why
    /// The value flows set is now sent where the API did not read it before; unless the API changed
    /// with it, requests lose the value.
    ///
    /// ## Example
    /// `{name: version, in: query}` becomes `{name: version, in: header}`.
    ///
    /// ## Fix
    /// Keep the parameter where it was, or make sure the API reads it in both places.
    pub static PARAMETER_MOVED = Diff {
        code: "CCF923",
        name: "parameter-moved",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A required parameter was added.
    ///
    /// ## What
    /// A new parameter is `required: true`, has no `default` and is not `x-ms-visibility:
    /// internal`. In `drift`: the API requires a parameter that the connector does not send.
    ///
    /// ## Why
    /// Existing flows do not set it: they fail validation, or the API rejects their requests.
    ///
    /// ## Example
    /// `GET /users` gains `{name: region, in: query, required: true}`.
    ///
    /// ## Fix
    /// Make it optional, or give it a `default`.
    pub static PARAMETER_ADDED_REQUIRED = Diff {
        code: "CCF924",
        name: "parameter-added-required",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// An optional parameter was added.
    ///
    /// ## What
    /// A new parameter is optional, has a `default` or is `x-ms-visibility: internal`. In `drift`:
    /// the API accepts an optional parameter that the connector lacks.
    ///
    /// ## Why
    /// Flows that do not set it keep working.
    ///
    /// ## Example
    /// `GET /users` gains `{name: $skip, in: query}`.
    ///
    /// ## Fix
    /// Nothing to do; in `drift`, add it to the connector when users need it.
    pub static PARAMETER_ADDED = Diff {
        code: "CCF925",
        name: "parameter-added",
        severity: Info,
        document: Definition,
    }
}

crate::declare_code! {
    /// An optional parameter became required.
    ///
    /// ## What
    /// A parameter that was optional is `required: true` on the new side and has no `default`.
    ///
    /// ## Why
    /// Flows that leave it empty fail validation, or the API rejects their requests.
    ///
    /// ## Example
    /// `{name: region, in: query}` becomes `{name: region, in: query, required: true}`.
    ///
    /// ## Fix
    /// Keep it optional, or give it a `default`.
    pub static PARAMETER_MADE_REQUIRED = Diff {
        code: "CCF926",
        name: "parameter-made-required",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A parameter's dynamic values, schema, list or properties call another operation.
    ///
    /// ## What
    /// The `operationId` of a parameter's `x-ms-dynamic-values`, `x-ms-dynamic-schema`,
    /// `x-ms-dynamic-list` or `x-ms-dynamic-properties` changed or was removed. A call that
    /// follows its target's new `operationId` (the operation kept its method and path) calls the
    /// same operation: only `operation-id-changed` is reported. `drift` does not report it: the
    /// extensions are the connector's own.
    ///
    /// ## Why
    /// The designer calls that operation to fill the parameter's choices or shape; a new target can
    /// return other values, and existing flows show errors or lose their settings.
    ///
    /// ## Example
    /// `x-ms-dynamic-values: {operationId: ListTables}` becomes `{operationId: GetTables}`.
    ///
    /// ## Fix
    /// Point it at an operation that returns the same values, and keep the old operation while
    /// flows use it.
    pub static DYNAMIC_TARGET_CHANGED = Diff {
        code: "CCF927",
        name: "dynamic-target-changed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// The value the connector sends for an internal parameter changed.
    ///
    /// ## What
    /// The `default` of a parameter with `x-ms-visibility: internal` changed or was removed.
    /// `drift` does not report it: the visibility is the connector's own. Outside a body a value
    /// is sent as text, so `"1"` becoming `1` (what `fix` writes for an integer parameter) is
    /// no change.
    ///
    /// ## Why
    /// An internal parameter is hidden from the person building a flow: the connector sends its
    /// default on every call. A new default changes what every existing flow sends (an
    /// `api-version`, a format, a tenant), without anyone choosing it.
    ///
    /// ## Example
    /// `api-version` (internal, required) goes from `default: 2023-01-01` to `2024-06-01`.
    ///
    /// ## Fix
    /// Check that the API answers existing flows the same way with the new value; if not, give
    /// the new behaviour a new operation.
    pub static PARAMETER_DEFAULT_CHANGED = Diff {
        code: "CCF980",
        name: "parameter-default-changed",
        severity: Warning,
        document: Definition,
    }
}

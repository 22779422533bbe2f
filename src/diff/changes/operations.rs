//! Changes to the operations themselves: removed, added, moved, renamed, deprecated, hidden or
//! with another trigger.

crate::declare_code! {
    /// An operation was removed.
    ///
    /// ## What
    /// An operation of the old side has no counterpart on the new side. Operations pair by method
    /// and path (the names of path variables and letter case do not count), and by operationId when
    /// the path or method changed (`path-or-method-changed`).
    ///
    /// ## Why
    /// Flows that use the action break: it is missing in the designer and their runs fail.
    ///
    /// ## Example
    /// `DELETE /users/{id}` (`DeleteUser`) is gone.
    ///
    /// ## Fix
    /// Keep the operation, deprecated first (`deprecated: true` with a replacement in
    /// `x-ms-api-annotation`), until no flow uses it.
    pub static OPERATION_REMOVED = Diff {
        code: "CCF911",
        name: "operation-removed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// An operation was added.
    ///
    /// ## What
    /// An operation of the new side has no counterpart on the old side.
    ///
    /// ## Why
    /// A new action breaks nothing; it is listed so that the change is complete.
    ///
    /// ## Example
    /// `POST /users/{id}/disable` was added.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static OPERATION_ADDED = Diff {
        code: "CCF912",
        name: "operation-added",
        severity: Info,
        document: Definition,
    }
}

crate::declare_code! {
    /// An operation kept its operationId but moved to another path or method.
    ///
    /// ## What
    /// An operation of the old side has no counterpart by method and path, but the new side has one
    /// with the same operationId at a path and method the old side did not have. The rest of the
    /// operation is then compared as usual.
    ///
    /// ## Why
    /// Flows keep the action, but its requests now go to another URL or method; they work only if
    /// the API answers there exactly as before.
    ///
    /// ## Example
    /// `GetUser` moves from `GET /users/{id}` to `GET /people/{id}`.
    ///
    /// ## Fix
    /// Check that the new route is the same call; keep the old one when in doubt.
    pub static PATH_OR_METHOD_CHANGED = Diff {
        code: "CCF913",
        name: "path-or-method-changed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// An operation's operationId changed.
    ///
    /// ## What
    /// An operation paired by method and path has another operationId, or gained or lost one.
    /// `drift` does not report it: the API's own operationIds never reach flows.
    ///
    /// ## Why
    /// Flows call actions by operationId: to them, a renamed action is a removed one.
    ///
    /// ## Example
    /// `operationId: GetUsers` becomes `operationId: ListUsers`.
    ///
    /// ## Fix
    /// Keep the old operationId; change the `summary` when only the name users see should change.
    pub static OPERATION_ID_CHANGED = Diff {
        code: "CCF914",
        name: "operation-id-changed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// An operation became deprecated.
    ///
    /// ## What
    /// An operation that was not `deprecated: true` now is. A warning when `x-ms-api-annotation`
    /// names no `replacement`, info when it does.
    ///
    /// ## Why
    /// The designer hides deprecated actions from new flows; without a replacement, users cannot
    /// tell what to move to.
    ///
    /// ## Example
    /// `GetUsers` gains `deprecated: true` and no `x-ms-api-annotation`.
    ///
    /// ## Fix
    /// Name the operation that replaces it under `replacement` in the operation's
    /// `x-ms-api-annotation`.
    pub static OPERATION_DEPRECATED = Diff {
        code: "CCF915",
        name: "operation-deprecated",
        severity: Warning,
        document: Definition,
    }
}

crate::declare_code! {
    /// An operation or a parameter became `x-ms-visibility: internal`.
    ///
    /// ## What
    /// An operation or a parameter that was not internal now has `x-ms-visibility: internal`.
    /// `drift` does not report it: visibility is the connector's own.
    ///
    /// ## Why
    /// An internal operation disappears from the designer, and an internal parameter from the
    /// action's card: users can no longer pick the action or set the value.
    ///
    /// ## Example
    /// Parameter `api-version` gains `x-ms-visibility: internal`.
    ///
    /// ## Fix
    /// Use `advanced` to move it under the advanced options instead, when users still need it.
    pub static VISIBILITY_INTERNAL = Diff {
        code: "CCF916",
        name: "visibility-internal",
        severity: Warning,
        document: Definition,
    }
}

crate::declare_code! {
    /// An operation's `x-ms-trigger` changed.
    ///
    /// ## What
    /// The operation's `x-ms-trigger` was added, removed or changed (say from `single` to `batch`).
    /// `drift` does not report it: triggers are the connector's own.
    ///
    /// ## Why
    /// A trigger starts flows: flows built on the old trigger stop starting, or receive items of
    /// another shape.
    ///
    /// ## Example
    /// `x-ms-trigger: single` becomes `x-ms-trigger: batch`.
    ///
    /// ## Fix
    /// Add the new trigger as a new operation and keep the old one.
    pub static TRIGGER_CHANGED = Diff {
        code: "CCF917",
        name: "trigger-changed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A connector of a split API is gone.
    ///
    /// ## What
    /// `diff` of two folders of connectors (what `convert --split-by` writes): a connector
    /// folder of the old side has no folder of the same name on the new side.
    ///
    /// ## Why
    /// Flows use an action through its connector: every flow that uses one of the connector's
    /// actions breaks, even when another connector now has the same operation.
    ///
    /// ## Example
    /// `old/Admin` exists and `new/Admin` does not.
    ///
    /// ## Fix
    /// Keep the connector (the same groups: `--split-by` and `--include` as before), or move
    /// its flows to the connector that has its operations now.
    pub static CONNECTOR_REMOVED = Diff {
        code: "CCF978",
        name: "connector-removed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A connector was added to a split API.
    ///
    /// ## What
    /// `diff` of two folders of connectors: a connector folder of the new side has no folder of
    /// the same name on the old side.
    ///
    /// ## Why
    /// Nothing breaks; it is listed so that the change is complete.
    ///
    /// ## Example
    /// `new/Reports` is new.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static CONNECTOR_ADDED = Diff {
        code: "CCF979",
        name: "connector-added",
        severity: Info,
        document: Definition,
    }
}

crate::declare_code! {
    /// An operation's path is written with other letter case.
    ///
    /// ## What
    /// An operation is at the same method and path on both sides, but the path's letters (outside
    /// path variables) differ in case: `/items/{id}` became `/Items/{id}`. Operations still pair,
    /// since the connector keeps the action.
    ///
    /// ## Why
    /// The connector now calls another URL. Most servers tell letter case apart in paths, so
    /// existing flows may get `404 Not Found` where they got answers.
    ///
    /// ## Example
    /// `GET /items/{id}` becomes `GET /Items/{id}`.
    ///
    /// ## Fix
    /// Check that the API answers the new spelling; if it answers only one, keep that one.
    pub static PATH_CASE_CHANGED = Diff {
        code: "CCF981",
        name: "path-case-changed",
        severity: Warning,
        document: Definition,
    }
}

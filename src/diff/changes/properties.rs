//! Changes to a connector's `apiProperties.json`: its connections, policies, capabilities and
//! metadata.

crate::declare_code! {
    /// A connection parameter was removed.
    ///
    /// ## What
    /// A parameter of `connectionParameters` in `apiProperties.json` (or of a connection option's
    /// parameters) is missing on the new side.
    ///
    /// ## Why
    /// Existing connections were created with it and must be re-created.
    ///
    /// ## Example
    /// `connectionParameters: {api_key: ..., region: ...}` loses `region`.
    ///
    /// ## Fix
    /// Keep the parameter while connections use it.
    pub static CONNECTION_PARAMETER_REMOVED = Diff {
        code: "CCF961",
        name: "connection-parameter-removed",
        severity: Error,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// A connection parameter changed its type.
    ///
    /// ## What
    /// A connection parameter's `type` (in any letter case) differs between the sides.
    ///
    /// ## Why
    /// Existing connections hold a value of the old type and must be re-created.
    ///
    /// ## Example
    /// `api_key: {type: string}` becomes `api_key: {type: securestring}`.
    ///
    /// ## Fix
    /// Keep the type, or add a new parameter and keep the old one.
    pub static CONNECTION_PARAMETER_RETYPED = Diff {
        code: "CCF962",
        name: "connection-parameter-retyped",
        severity: Error,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// An optional connection parameter became required.
    ///
    /// ## What
    /// A connection parameter's `uiDefinition.constraints.required` became true.
    ///
    /// ## Why
    /// Existing connections may lack the value.
    ///
    /// ## Example
    /// `region`'s `uiDefinition.constraints.required` changes from `false` to `true`.
    ///
    /// ## Fix
    /// Keep it optional, or make sure every connection has a value.
    pub static CONNECTION_PARAMETER_MADE_REQUIRED = Diff {
        code: "CCF963",
        name: "connection-parameter-made-required",
        severity: Error,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// A required connection parameter was added.
    ///
    /// ## What
    /// A new connection parameter has `uiDefinition.constraints.required` true.
    ///
    /// ## Why
    /// Existing connections lack the value.
    ///
    /// ## Example
    /// `connectionParameters` gains `tenant`, required.
    ///
    /// ## Fix
    /// Make it optional, or tell users to re-create their connections.
    pub static CONNECTION_PARAMETER_ADDED_REQUIRED = Diff {
        code: "CCF964",
        name: "connection-parameter-added-required",
        severity: Error,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// An optional connection parameter was added.
    ///
    /// ## What
    /// A new connection parameter is not required.
    ///
    /// ## Why
    /// Existing connections keep working without it.
    ///
    /// ## Example
    /// `connectionParameters` gains optional `region`.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static CONNECTION_PARAMETER_ADDED = Diff {
        code: "CCF965",
        name: "connection-parameter-added",
        severity: Info,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// A connection option (a multi-auth parameter set) was removed.
    ///
    /// ## What
    /// A value of `connectionParameterSets.values` has no value of the same `name` on the new side.
    /// The parameters of the options on both sides are compared as connection parameters.
    ///
    /// ## Why
    /// Connections made with that option stop working.
    ///
    /// ## Example
    /// The options `oauth` and `apiKey` become `oauth` alone.
    ///
    /// ## Fix
    /// Keep the option while connections use it.
    pub static CONNECTION_PARAMETER_SET_REMOVED = Diff {
        code: "CCF966",
        name: "connection-parameter-set-removed",
        severity: Error,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// A connection option (a multi-auth parameter set) was added.
    ///
    /// ## What
    /// A value of `connectionParameterSets.values` has no value of the same `name` on the old side.
    ///
    /// ## Why
    /// A new way to connect breaks no existing connection.
    ///
    /// ## Example
    /// The option `oauth` is joined by `apiKey`.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static CONNECTION_PARAMETER_SET_ADDED = Diff {
        code: "CCF967",
        name: "connection-parameter-set-added",
        severity: Info,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// A connection's OAuth identity provider changed.
    ///
    /// ## What
    /// The `identityProvider` of a connection parameter's `oAuthSettings` differs (in any letter
    /// case). The other OAuth settings are then not compared.
    ///
    /// ## Why
    /// Every connection must sign in again with the new provider.
    ///
    /// ## Example
    /// `identityProvider: aad` becomes `identityProvider: oauth2`.
    ///
    /// ## Fix
    /// Keep the provider, or publish the change as a new connector.
    pub static IDENTITY_PROVIDER_CHANGED = Diff {
        code: "CCF968",
        name: "identity-provider-changed",
        severity: Error,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// A connection's OAuth client, tenant, resource, URLs or redirect mode changed.
    ///
    /// ## What
    /// A field of a connection parameter's `oAuthSettings` differs: the Azure AD resource URL
    /// (breaking), or the client id, tenant, authorization URL, token URL or redirect mode
    /// (warnings).
    ///
    /// ## Why
    /// Existing connections were made with the old app, resource and URLs and must sign in again; a
    /// new redirect mode needs the app registration's redirect URL changed with it.
    ///
    /// ## Example
    /// `clientId: 1111...` becomes `clientId: 2222...`.
    ///
    /// ## Fix
    /// Keep the settings, or tell users to sign in again; update the app registration with the
    /// redirect mode.
    pub static OAUTH_SETTING_CHANGED = Diff {
        code: "CCF969",
        name: "oauth-setting-changed",
        severity: Error,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// A policy was removed.
    ///
    /// ## What
    /// A policy of `policyTemplateInstances` has no policy of the same template id (any letter
    /// case) and title on the new side.
    ///
    /// ## Why
    /// Policies rewrite requests and responses (routes, headers, values); without it, what the API
    /// receives or returns changes.
    ///
    /// ## Example
    /// The `setheader` policy titled `API version` is gone.
    ///
    /// ## Fix
    /// Check that the API and the flows no longer need what the policy did.
    pub static POLICY_REMOVED = Diff {
        code: "CCF970",
        name: "policy-removed",
        severity: Warning,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// A policy's parameters changed.
    ///
    /// ## What
    /// A policy paired by template id and title has other `parameters`.
    ///
    /// ## Why
    /// The policy now rewrites requests or responses differently.
    ///
    /// ## Example
    /// The value of the `setheader` policy `API version` changes from `1` to `2`.
    ///
    /// ## Fix
    /// Check that the API and the flows expect the new behaviour.
    pub static POLICY_CHANGED = Diff {
        code: "CCF971",
        name: "policy-changed",
        severity: Warning,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// A policy was added.
    ///
    /// ## What
    /// A policy of `policyTemplateInstances` has no policy of the same template id and title on the
    /// old side.
    ///
    /// ## Why
    /// A new policy changes what the API receives or returns, usually on purpose.
    ///
    /// ## Example
    /// A `setheader` policy titled `API version` appears.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static POLICY_ADDED = Diff {
        code: "CCF972",
        name: "policy-added",
        severity: Info,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// A capability was removed.
    ///
    /// ## What
    /// A value of `capabilities` (in any letter case) is missing on the new side.
    ///
    /// ## Why
    /// Capabilities such as `actions` or `triggers` say what the connector offers; without one, the
    /// designer offers less.
    ///
    /// ## Example
    /// `capabilities: [actions, triggers]` becomes `capabilities: [actions]`.
    ///
    /// ## Fix
    /// Check that nothing uses what the capability offered.
    pub static CAPABILITY_REMOVED = Diff {
        code: "CCF973",
        name: "capability-removed",
        severity: Warning,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// A capability was added.
    ///
    /// ## What
    /// A value of `capabilities` (in any letter case) is new on the new side.
    ///
    /// ## Why
    /// A new capability breaks nothing.
    ///
    /// ## Example
    /// `capabilities: [actions]` becomes `capabilities: [actions, triggers]`.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static CAPABILITY_ADDED = Diff {
        code: "CCF974",
        name: "capability-added",
        severity: Info,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// The operations that go through `script.csx` changed.
    ///
    /// ## What
    /// The set of `scriptOperations` differs between the sides; the change lists the operations
    /// added and removed.
    ///
    /// ## Why
    /// The custom code rewrites the requests and responses of those operations: they change shape
    /// for existing flows.
    ///
    /// ## Example
    /// `scriptOperations: [GetUsers]` becomes `scriptOperations: [GetUsers, ListOrders]`.
    ///
    /// ## Fix
    /// Check that the script handles the operations it now receives, and that the others work
    /// without it.
    pub static SCRIPT_OPERATIONS_CHANGED = Diff {
        code: "CCF975",
        name: "script-operations-changed",
        severity: Warning,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// The connector's icon colour, publisher or stack owner changed.
    ///
    /// ## What
    /// `iconBrandColor`, `publisher` or `stackOwner` differs between the sides.
    ///
    /// ## Why
    /// It changes how the connector is shown and who it is listed under, not what it does.
    ///
    /// ## Example
    /// `iconBrandColor: '#007ee5'` becomes `'#da3b01'`.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static CONNECTOR_METADATA_CHANGED = Diff {
        code: "CCF976",
        name: "connector-metadata-changed",
        severity: Info,
        document: ApiProperties,
    }
}

crate::declare_code! {
    /// Only one of two connector folders has `apiProperties.json`.
    ///
    /// ## What
    /// When both sides of `diff` are connector folders and only one has `apiProperties.json`, the
    /// connections are not compared; this change says so.
    ///
    /// ## Why
    /// Whatever changed in the connection (auth, parameters, policies) goes unreported.
    ///
    /// ## Example
    /// The old folder has `apiProperties.json`; the new one does not.
    ///
    /// ## Fix
    /// Add the file to the side that lacks it, or compare the definitions alone.
    pub static API_PROPERTIES_MISSING = Diff {
        code: "CCF977",
        name: "api-properties-missing",
        severity: Warning,
        document: ApiProperties,
    }
}

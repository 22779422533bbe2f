//! The kinds of change `diff` and `drift` report, each declared as a code of kind `diff`: its
//! name is what the outputs print, its documentation what `ccforge rules NAME` shows. The
//! walks in the parent module decide when a change applies and how much it matters there.

mod document;
mod drift;
mod operations;
mod parameters;
mod properties;
mod responses;
mod schemas;
mod security;

pub use document::*;
pub use drift::*;
pub use operations::*;
pub use parameters::*;
pub use properties::*;
pub use responses::*;
pub use schemas::*;
pub use security::*;

use crate::diagnostic::Code;

/// Every change kind, in code order.
pub static ALL: &[&Code] = &[
    &HOST_CHANGED,
    &BASE_PATH_CHANGED,
    &SCHEMES_CHANGED,
    &DEFINITION_REMOVED,
    &SECURITY_SCHEME_REMOVED,
    &SECURITY_SCHEME_CHANGED,
    &SECURITY_SCHEME_ADDED,
    &SCOPES_ADDED,
    &OPERATION_SECURITY_CHANGED,
    &OPERATION_REMOVED,
    &OPERATION_ADDED,
    &PATH_OR_METHOD_CHANGED,
    &OPERATION_ID_CHANGED,
    &OPERATION_DEPRECATED,
    &VISIBILITY_INTERNAL,
    &TRIGGER_CHANGED,
    &PARAMETER_REMOVED,
    &PARAMETER_RENAMED,
    &PARAMETER_MOVED,
    &PARAMETER_ADDED_REQUIRED,
    &PARAMETER_ADDED,
    &PARAMETER_MADE_REQUIRED,
    &DYNAMIC_TARGET_CHANGED,
    &SUCCESS_RESPONSE_REMOVED,
    &RESPONSE_SCHEMA_REMOVED,
    &REQUEST_TYPE_CHANGED,
    &RESPONSE_TYPE_CHANGED,
    &FORMAT_CHANGED,
    &PATTERN_CHANGED,
    &ENUM_ADDED,
    &ENUM_VALUES_REMOVED,
    &ENUM_VALUES_ADDED,
    &COLLECTION_FORMAT_CHANGED,
    &CONSTRAINT_NARROWED,
    &REQUEST_PROPERTY_REMOVED,
    &RESPONSE_PROPERTY_REMOVED,
    &REQUEST_PROPERTY_MADE_REQUIRED,
    &REQUEST_PROPERTY_ADDED_REQUIRED,
    &REQUEST_PROPERTY_ADDED,
    &RESPONSE_PROPERTY_ADDED,
    &NULLABLE_CHANGED,
    &OPERATION_MISSING_FROM_API,
    &OPERATION_MISSING_FROM_CONNECTOR,
    &PARAMETER_NOT_IN_API,
    &BASE_PATH_DIFFERS,
    &AUTH_DIFFERS,
    &CONNECTION_PARAMETER_REMOVED,
    &CONNECTION_PARAMETER_RETYPED,
    &CONNECTION_PARAMETER_MADE_REQUIRED,
    &CONNECTION_PARAMETER_ADDED_REQUIRED,
    &CONNECTION_PARAMETER_ADDED,
    &CONNECTION_PARAMETER_SET_REMOVED,
    &CONNECTION_PARAMETER_SET_ADDED,
    &IDENTITY_PROVIDER_CHANGED,
    &OAUTH_SETTING_CHANGED,
    &POLICY_REMOVED,
    &POLICY_CHANGED,
    &POLICY_ADDED,
    &CAPABILITY_REMOVED,
    &CAPABILITY_ADDED,
    &SCRIPT_OPERATIONS_CHANGED,
    &CONNECTOR_METADATA_CHANGED,
    &API_PROPERTIES_MISSING,
    &CONNECTOR_REMOVED,
    &CONNECTOR_ADDED,
    &PARAMETER_DEFAULT_CHANGED,
    &PATH_CASE_CHANGED,
    &SECURITY_SCHEME_RENAMED,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Kind;

    #[test]
    fn every_change_kind_is_a_diff_code_listed_in_code_order() {
        let mut last = "";
        for c in ALL {
            assert_eq!(c.kind, Kind::Diff, "{}", c.name);
            assert!(c.code > last, "{} is out of order", c.code);
            last = c.code;
        }
    }
}

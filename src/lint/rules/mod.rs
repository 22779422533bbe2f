//! The rules. Each family file holds its rules' descriptions, docs and checks; this list is the
//! registry that `lint`, `rules` and the config read.

pub mod document;
pub mod operations;
pub mod parameters;
pub mod properties;
pub mod secrets;
pub mod security;

use super::Rule;

macro_rules! rule {
    ($family:ident :: $meta:ident, $check:ident) => {
        Rule {
            meta: &$family::$meta,
            check: $family::$check,
        }
    };
}

/// Every rule with a check, in code order.
pub static ALL: &[Rule] = &[
    rule!(document::SWAGGER_VERSION, swagger_version),
    rule!(document::HOST_INVALID, host_invalid),
    rule!(document::BASE_PATH_INVALID, base_path_invalid),
    rule!(document::SCHEMES_INVALID, schemes_invalid),
    rule!(document::DEFINITION_TOO_LARGE, definition_too_large),
    rule!(operations::PATH_TRAILING_SLASH, path_trailing_slash),
    rule!(
        operations::PATH_TRAILING_SLASH_PAIR,
        path_trailing_slash_pair
    ),
    rule!(operations::OPERATION_ID_MISSING, operation_id_missing),
    rule!(operations::OPERATION_ID_DUPLICATE, operation_id_duplicate),
    rule!(operations::OPERATION_ID_INVALID, operation_id_invalid),
    rule!(operations::NO_SUCCESS_RESPONSE, no_success_response),
    rule!(operations::DEFAULT_RESPONSE_SCHEMA, default_response_schema),
    rule!(parameters::PATH_PARAMETER_MISSING, path_parameter_missing),
    rule!(parameters::PATH_PARAMETER_UNUSED, path_parameter_unused),
    rule!(
        parameters::PATH_PARAMETER_NOT_REQUIRED,
        path_parameter_not_required
    ),
    rule!(
        parameters::PATH_PARAMETER_URL_ENCODING,
        path_parameter_url_encoding
    ),
    rule!(parameters::BODY_IN_GET, body_in_get),
    rule!(
        parameters::MULTIPLE_BODY_PARAMETERS,
        multiple_body_parameters
    ),
    rule!(parameters::CONNECTION_ID_PARAMETER, connection_id_parameter),
    rule!(properties::IDENTITY_PROVIDER, identity_provider),
    rule!(properties::OAUTH_PARAMETER_MISSING, oauth_parameter_missing),
    rule!(properties::REDIRECT_MODE, redirect_mode),
    rule!(properties::BRAND_COLOR, brand_color),
    rule!(
        security::MISSING_SECURITY_DEFINITIONS,
        missing_security_definitions
    ),
    rule!(
        security::RESOURCE_URL_TRAILING_SLASH,
        resource_url_trailing_slash
    ),
    rule!(secrets::SECRET_IN_DEFINITION, secret_in_definition),
];

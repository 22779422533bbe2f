//! The rules. Each family file holds its rules' descriptions, docs and checks; this list is the
//! registry that `lint`, `rules` and the config read.

pub mod document;
pub mod operations;
pub mod parameters;
pub mod properties;
pub mod secrets;
pub mod security;

use super::Rule;

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &document::SWAGGER_VERSION,
    &document::HOST_INVALID,
    &document::BASE_PATH_INVALID,
    &document::SCHEMES_INVALID,
    &document::DEFINITION_TOO_LARGE,
    &operations::PATH_TRAILING_SLASH,
    &operations::PATH_TRAILING_SLASH_PAIR,
    &operations::OPERATION_ID_MISSING,
    &operations::OPERATION_ID_DUPLICATE,
    &operations::OPERATION_ID_INVALID,
    &operations::NO_SUCCESS_RESPONSE,
    &operations::DEFAULT_RESPONSE_SCHEMA,
    &parameters::PATH_PARAMETER_MISSING,
    &parameters::PATH_PARAMETER_UNUSED,
    &parameters::PATH_PARAMETER_NOT_REQUIRED,
    &parameters::PATH_PARAMETER_URL_ENCODING,
    &parameters::BODY_IN_GET,
    &parameters::MULTIPLE_BODY_PARAMETERS,
    &parameters::CONNECTION_ID_PARAMETER,
    &properties::IDENTITY_PROVIDER,
    &properties::OAUTH_PARAMETER_MISSING,
    &properties::REDIRECT_MODE,
    &properties::BRAND_COLOR,
    &security::MISSING_SECURITY_DEFINITIONS,
    &security::RESOURCE_URL_TRAILING_SLASH,
    &secrets::SECRET_IN_DEFINITION,
];

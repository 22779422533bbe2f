//! The rules, one file each, in folders by the part of the connector they read. The list below
//! declares their modules and is the registry that `lint`, `rules` and the config read: a new
//! rule is a file in its area's folder and a line here.

use super::Rule;

/// Declares each area as a module holding a module per rule (and the modules its rules share,
/// written `area (mod name) { ... }`), and lists every rule's `RULE` in [`ALL`], in the order
/// given.
macro_rules! rules {
    (
        $(
            $(#[doc = $doc:literal])*
            $area:ident $((mod $shared:ident))? {
                $($rule:ident),+ $(,)?
            }
        )+
    ) => {
        $(
            $(#[doc = $doc])*
            pub mod $area {
                $(pub(super) mod $shared;)*
                $(pub mod $rule;)+
            }
        )+

        /// Every rule, in code order.
        pub static ALL: &[&Rule] = &[$($(&$area::$rule::RULE),+),+];
    };
}

rules! {
    /// Document-level import blockers: version, host, basePath, schemes, size.
    document {
        swagger_version,
        host_invalid,
        base_path_invalid,
        schemes_invalid,
        definition_too_large,
    }

    /// Schema keywords: required, default, enum, limits, patterns, formats, sizes; tags and URLs.
    schemas (mod shared) {
        required_not_on_object,
        required_property_undefined,
        required_array_empty,
        required_value_empty,
        default_type_mismatch,
        enum_value_type_mismatch,
        default_not_in_enum,
        enum_empty,
        array_duplicate_value,
        multiple_of_not_positive,
        limit_negative,
        min_above_max,
        exclusive_bound_alone,
        pattern_invalid,
        type_format_unknown,
        array_items_missing,
        string_binary_nested,
        file_type_misplaced,
        discriminator_invalid,
        required_read_only_input,
        body_schema_count,
        total_schema_count,
        schema_too_deep,
        tag_redefined,
        url_invalid,
    }

    /// Paths and operations: trailing slashes, operationIds, responses.
    operations {
        path_trailing_slash,
        path_trailing_slash_pair,
        operation_id_missing,
        operation_id_duplicate,
        operation_id_invalid,
        no_success_response,
        default_response_schema,
    }

    /// Parameters: path templates, required, url-encoding, bodies, reserved names.
    parameters {
        path_parameter_missing,
        path_parameter_unused,
        path_parameter_not_required,
        path_parameter_url_encoding,
        body_in_get,
        multiple_body_parameters,
        connection_id_parameter,
    }

    /// apiProperties.json: the OAuth settings, the redirect mode and the brand colour.
    properties (mod shared) {
        identity_provider_unknown,
        oauth_parameter_missing,
        redirect_mode,
        brand_color_invalid,
    }

    /// Authentication: security definitions and the apiProperties connection settings.
    security (mod shared) {
        missing_security_definitions,
        resource_url_trailing_slash,
    }

    /// Secrets that must never sit in a connector's files.
    secrets {
        secret_in_definition,
    }
}

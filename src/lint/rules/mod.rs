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

    /// References: `$ref`s that dangle, point where a connector may not, are not JSON pointers,
    /// alias another entry or loop through required properties; `$ref` path items.
    references (mod shared) {
        ref_not_found,
        ref_not_valid,
        ref_pointer_invalid,
        ref_alias,
        path_item_ref,
        required_loop,
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
        path_no_leading_slash,
        path_query_or_fragment,
        path_wildcard,
        path_template_invalid,
        path_variable_default,
        path_redefined,
        path_duplicate,
        path_partial_duplicate,
        operation_id_too_long,
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

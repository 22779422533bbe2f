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

    /// The definition's structure against the connector subset of Swagger 2.0
    /// (`schemas/connector-swagger.schema.json`): keys, types and allowed values.
    structure (mod shared) {
        unknown_property,
        unsupported_schema_keyword,
        extension_name_invalid,
        ref_sibling,
        wrong_type,
        value_not_allowed,
        required_property_missing,
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
    operations (mod shared) {
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
        consumes_missing,
        mime_type_invalid,
        mime_type_unsupported,
        form_data_mime_type,
        many_response_schemas,
        no_responses,
        response_code_invalid,
        response_example_not_produced,
        response_headers_not_unique,
        summary_too_long,
        summary_restricted_characters,
        too_many_operations,
        operation_schema_count,
        dynamic_required_parameter,
        no_operations,
    }

    /// `x-ms-*` extensions: allowed values and shapes, dynamic calls, webhooks and
    /// notifications, enum display names, internal parameters, revisions, MCP servers.
    extensions (mod shared) {
        extension_value_invalid,
        pageable_next_link_invalid,
        api_annotation_invalid,
        operation_family_invalid,
        dynamic_operation_not_found,
        dynamic_parameter_invalid,
        unknown_extension,
        agentic_protocol_invalid,
        notification_url_misplaced,
        notification_url_not_internal,
        notification_url_invalid,
        webhook_notification_url_missing,
        webhook_notification_content_missing,
        webhook_schema_missing,
        notification_extension_invalid,
        enum_values_invalid,
        dynamic_on_body_parameter,
        dynamic_properties_path_mismatch,
        selected_item_value_path_misplaced,
        dynamic_call_target_missing,
        capabilities_invalid,
        extension_shape_invalid,
    }

    /// Parameters: path templates, required, url-encoding, bodies and forms, duplicates, files,
    /// reserved names.
    parameters (mod shared) {
        path_parameter_missing,
        path_parameter_unused,
        path_parameter_not_required,
        path_parameter_url_encoding,
        body_in_get,
        multiple_body_parameters,
        connection_id_parameter,
        duplicate_parameter,
        body_and_form_data,
        query_parameter_url_encoding,
        body_parameter_schema_missing,
        body_parameter_keyword,
        non_body_parameter_schema,
        allow_empty_value_location,
        form_data_name_not_ascii,
        file_parameter_not_form_data,
        collection_format_multi,
        string_binary_form_urlencoded,
    }

    /// apiProperties.json and settings.json: their schemas, the OAuth settings, the redirect
    /// mode and URL, the brand colour, publisher and owner, policy templates, the files
    /// settings.json names.
    properties (mod shared) {
        identity_provider_unknown,
        oauth_parameter_missing,
        redirect_mode,
        brand_color_invalid,
        properties_schema,
        settings_schema,
        settings_file_missing,
        brand_color_default,
        brand_color_independent_publisher,
        publisher_missing,
        oauth_redirect_url,
        multi_auth,
        policy_template_reference,
        policy_template_unknown,
    }

    /// Authentication: security definitions and the apiProperties connection settings.
    security (mod shared) {
        missing_security_definitions,
        resource_url_trailing_slash,
        security_scheme_property_invalid,
        security_scheme_property_missing,
        oauth_flow_unsupported,
        several_security_definitions,
        security_requirement_undefined,
        oauth_scope_undefined,
        security_requirement_scopes,
        security_requirement_not_array,
    }

    /// The custom code file (`script.csx`), parsed as C#: syntax, the `Script` class and its
    /// `ExecuteAsync`, namespaces, its own HTTP clients, size; `scriptOperations`.
    script (mod shared) {
        script_syntax_error,
        script_class_missing,
        script_execute_async,
        script_namespace_not_supported,
        script_http_client,
        script_too_large,
        script_operation_unknown,
    }

    /// Secrets that must never sit in a connector's files.
    secrets {
        secret_in_definition,
    }

    /// The certification review's rules (profile `certification`): title, description, contact,
    /// metadata, summaries and descriptions, response schemas, host, independent publishers.
    certification (mod shared) {
        title_too_long,
        title_restricted_words,
        title_end_not_alphanumeric,
        description_length,
        description_product_names,
        text_not_english,
        contact_incomplete,
        contact_email_invalid,
        connector_metadata_missing,
        connector_category_invalid,
        too_many_categories,
        operation_summary_missing,
        operation_description_missing,
        operation_visibility_missing,
        parameter_summary_missing,
        parameter_description_missing,
        summary_over_80,
        description_no_final_punctuation,
        operation_id_not_pascal_case,
        response_schema_empty,
        host_not_production,
        independent_publisher_readme,
        placeholder_unfilled,
        whitespace_style,
    }
}

/// Whether `code` is one of the rules that report the structure check (which `convert` and `fix`
/// also apply to what they write).
pub fn is_structure(code: &crate::diagnostic::Code) -> bool {
    [
        &structure::unknown_property::RULE,
        &structure::unsupported_schema_keyword::RULE,
        &structure::extension_name_invalid::RULE,
        &structure::ref_sibling::RULE,
        &structure::wrong_type::RULE,
        &structure::value_not_allowed::RULE,
        &structure::required_property_missing::RULE,
        &operations::path_template_invalid::RULE,
    ]
    .iter()
    .any(|r| r.code.code == code.code)
}

//! What the Postman conversion reports.

use crate::diagnostic::Code;

crate::declare_code! {
    /// A {{variable}} has no value: an error in the host, a warning elsewhere.
    ///
    /// ## What
    /// A `{{name}}` reference has no value in `--var`, the `--env` environment or the collection's
    /// variables (or its values refer to each other in a cycle).
    ///
    /// ## Why
    /// In the host it leaves the connector without a server: an error, and the conversion stops
    /// without writing anything, since the definition would be invalid. Elsewhere the text keeps
    /// the `{{name}}` literally.
    ///
    /// ## Example
    /// `{{baseUrl}}/users` with no `baseUrl` variable.
    ///
    /// ## Fix
    /// Pass `--var baseUrl=https://api.example.com`, `--env environment.json` or `--host
    /// api.example.com`.
    pub static UNRESOLVED_VARIABLE = Conversion {
        code: "CCF701",
        name: "postman-unresolved-variable",
        severity: Warning,
    }
}

crate::declare_code! {
    /// Requests call several hosts (the most common wins), or a host the platform cannot reach.
    ///
    /// ## What
    /// A connector has one host. When requests call several, the most common (scheme, host, port
    /// and base path) becomes the connector's and each other request is reported; a `localhost`
    /// host is reported too.
    ///
    /// ## Why
    /// Every operation of the connector will be sent to the one host.
    ///
    /// ## Example
    /// Three requests to `api.example.com` and one to `auth.example.com`.
    ///
    /// ## Fix
    /// Split the collection into one connector per host, or set the host with `--host`.
    pub static HOSTS = Conversion {
        code: "CCF702",
        name: "postman-host",
        severity: Warning,
    }
}

crate::declare_code! {
    /// A disabled query parameter, header or form field was left out (a repeated query key or several files in one field: a warning).
    ///
    /// ## What
    /// Postman sends only enabled parameters; disabled query parameters, headers and form fields
    /// are left out of the definition and listed here. A query key given more than once
    /// (`?tag=a&tag=b`) becomes one parameter, and the repeats are left out with a warning: the
    /// platform rejects Swagger 2.0's repeated form, `collectionFormat: multi`. So does a
    /// form-data file field that sends several files: it becomes one `file` parameter.
    ///
    /// ## Why
    /// So that nothing disappears silently.
    ///
    /// ## Example
    /// A disabled `?debug=true` query parameter.
    ///
    /// ## Fix
    /// Enable it in Postman if the API needs it. For a repeated key, when the API also takes the
    /// values comma-separated, make the parameter an array with `collectionFormat: csv`.
    pub static EXCLUDED = Conversion {
        code: "CCF703",
        name: "postman-excluded",
        severity: Info,
    }
}

crate::declare_code! {
    /// A GET or HEAD request has a body, which the platform rejects; it was left out.
    ///
    /// ## What
    /// A GET (or HEAD) request in the collection has a body.
    ///
    /// ## Why
    /// Power Platform rejects a GET with a body
    /// (`BodyOrFormDataParameterInFetchOperationNotAllowed`).
    ///
    /// ## Example
    /// `GET /search` with a JSON body.
    ///
    /// ## Fix
    /// Send the values as query parameters, or make the request a POST.
    pub static BODY_ON_GET = Conversion {
        code: "CCF704",
        name: "postman-body-on-get",
        severity: Warning,
    }
}

crate::declare_code! {
    /// Two requests have the same method and path; they were merged into one operation.
    ///
    /// ## What
    /// Requests with the same method and path (also when only the path variables' names differ,
    /// like `/users/{id}` and `/users/{userId}`) become one operation with the parameters and
    /// responses of both. An operation sends a body or form fields, not both: the first
    /// request's kind of payload stays, and the form fields (or body) of a later request are
    /// reported as left out; `consumes` lists the media types of what the operation sends.
    ///
    /// ## Why
    /// Swagger 2.0 has one operation per method and path.
    ///
    /// ## Example
    /// `Get user` and `Get user (admin)` both `GET /users/:id`.
    ///
    /// ## Fix
    /// Nothing to do; check the merged operation's summary and parameters.
    pub static DUPLICATE = Conversion {
        code: "CCF705",
        name: "postman-duplicate-request",
        severity: Warning,
    }
}

crate::declare_code! {
    /// An auth type the platform cannot use (with the closest option), or a note about one it can.
    ///
    /// ## What
    /// Postman auth becomes `securityDefinitions`: basic → basic, API key → apiKey, bearer → an
    /// apiKey header `Authorization` (users enter `Bearer <token>`), OAuth 2.0 authorization code →
    /// oauth2 `accessCode`. OAuth 2.0 client credentials, password and implicit grants, digest,
    /// Hawk, OAuth 1.0, AWS Signature, NTLM and the others have no Power Platform equivalent: they
    /// are reported with the closest supported option. An OAuth 2.0 auth without its
    /// authorization or token URL (missing, or a `{{variable}}` with no value) is an error: users
    /// could not sign in. It names `--authorization-url` and `--token-url`, which fill them in.
    ///
    /// ## Why
    /// The platform supports API key, basic and OAuth 2.0 authorization-code sign-in only.
    ///
    /// ## Example
    /// An `oauth2` auth with `grant_type: client_credentials`.
    ///
    /// ## Fix
    /// Choose the auth with `--auth` (and its options) when converting.
    pub static AUTH = Conversion {
        code: "CCF706",
        name: "postman-auth",
        severity: Warning,
    }
}

crate::declare_code! {
    /// A secret (password, token, key) was found in the collection; it is never written.
    ///
    /// ## What
    /// An auth field, an `Authorization`/key/token header, a secret-looking variable or a body
    /// field holds a literal secret value.
    ///
    /// ## Why
    /// Collections are shared and committed; ccforge never writes these values into the definition
    /// or apiProperties.json, and tells you where they are so you can rotate them.
    ///
    /// ## Example
    /// `"auth": {"type": "bearer", "bearer": [{"key": "token", "value": "eyJ..."}]}`
    ///
    /// ## Fix
    /// Move the value into a Postman environment (not committed) and reference it as `{{token}}`.
    pub static SECRET = Conversion {
        code: "CCF707",
        name: "postman-secret",
        severity: Warning,
    }
}

crate::declare_code! {
    /// An item could not be converted (malformed, no URL, or a method Swagger 2.0 lacks).
    ///
    /// ## What
    /// A collection item that is malformed, has no URL, uses a method Swagger 2.0 cannot
    /// describe (such as `COPY`, `LINK`, `PURGE`) or has a path segment with a variable inside a
    /// variable (`{{item{{id}}}}`) was skipped; the rest still converts. A collection with no
    /// requests at all, or whose requests are all under `items`, a key Postman does not read, is
    /// an error, and nothing is written.
    ///
    /// ## Why
    /// Every request is either an operation or a diagnostic, never silently lost.
    ///
    /// ## Example
    /// An item with neither `request` nor `item`.
    ///
    /// ## Fix
    /// Correct the item in Postman, or drop it.
    pub static SKIPPED = Conversion {
        code: "CCF708",
        name: "postman-skipped",
        severity: Warning,
    }
}

crate::declare_code! {
    /// A body or saved response is not JSON as declared (kept as a string), nests too deep to describe in full, or is declared with a media type that is not one.
    ///
    /// ## What
    /// A raw body (or saved response) declared or looking like JSON does not parse, even after
    /// resolving variables, so its schema is a plain string. Or it parses but nests more than 15
    /// levels deep: its schema describes the first 15 levels (the deepest body among accepted
    /// connectors) and deeper objects and arrays get a schema without a type; an example more
    /// than 64 levels deep is left out of the definition. Or a request's `Content-Type` or
    /// `Accept` header is not a `type/subtype` media type (`*`, `json`): it is left out of
    /// `consumes` or `produces`, which the platform would reject with it, and the body's own
    /// kind decides the media type. Or a form body (urlencoded or form-data) is sent with a
    /// `Content-Type` that is no form's (`application/json`): its fields become `formData`
    /// parameters, which only a form's media type can carry, so that one is used. Or a saved
    /// response has no status code and a status that is not a standard reason phrase
    /// (`Not Found` is read as 404): it becomes the `default` response.
    ///
    /// ## Why
    /// The schema cannot be inferred from text that is not JSON. A schema as deep as a deeply
    /// nested example is rejected by the platform and unreadable for many JSON readers.
    ///
    /// ## Example
    /// `{"count": {{count}}}` with no `count` variable.
    ///
    /// ## Fix
    /// Pass the variable with `--var`, or correct the JSON in Postman. For a deep body, describe
    /// the deep part yourself in the converted definition, or flatten it.
    pub static BODY = Conversion {
        code: "CCF709",
        name: "postman-body",
        severity: Warning,
    }
}

crate::declare_code! {
    /// A path segment made of several variables became one path parameter named after them
    /// all, a path's literal brace was URL-encoded, or a path variable's name was made plain.
    ///
    /// ## What
    /// A connector's path segment holds at most one parameter, so a segment such as
    /// `{{base}}...{{head}}` or `{{a}}-{{b}}` becomes one path parameter (`{base_head}`,
    /// `{a_b}`) whose value is the whole segment; its example is the segment with the variables'
    /// values, when they all have one. A segment with a variable inside a variable
    /// (`{{item{{id}}}}`) has no template form: that request is skipped and reported under
    /// `postman-skipped`. A single `{` or `}` in a path is the URL's own character (Postman's
    /// variables are `{{name}}` and `:name`): it is written as `%7B` or `%7D`, the form in which it
    /// is sent. A path variable whose name holds a `:` or `!` (`:insight_id:`, `{{ns:key}}`) is
    /// written with a plain name (`{insight_id}`, `{ns_key}`) in the path and its parameter.
    ///
    /// ## Why
    /// `/{a}{b}` is not a valid path template for the platform; one parameter per segment is. A
    /// stray brace makes the whole definition invalid (OperationPathTemplateNotValid). OpenAPI
    /// validators read a `:` in a variable's name as the start of a format and find no
    /// parameter for the variable; the name is only a placeholder.
    ///
    /// ## Example
    /// `/compare/{{base}}...{{head}}` becomes `/compare/{base_head}`, and users enter
    /// `main...feature`.
    ///
    /// ## Fix
    /// Describe in the parameter's description how the value is made, or split the segment in
    /// the API if it allows.
    pub static PATH_TEMPLATE = Conversion {
        code: "CCF710",
        name: "postman-path-template",
        severity: Warning,
    }
}

pub static ALL: &[&Code] = &[
    &UNRESOLVED_VARIABLE,
    &HOSTS,
    &EXCLUDED,
    &BODY_ON_GET,
    &DUPLICATE,
    &AUTH,
    &SECRET,
    &SKIPPED,
    &BODY,
    &PATH_TEMPLATE,
];

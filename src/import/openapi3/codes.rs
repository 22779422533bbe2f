//! What the OpenAPI 3 conversion reports.

use crate::diagnostic::Code;

crate::declare_code! {
    /// How `servers` became host, basePath and schemes, and what was left out.
    ///
    /// ## What
    /// Swagger 2.0 has one `host`, `basePath` and `schemes`. The first server (or `--server N`) is
    /// used, its variables take their defaults (`--server-var NAME=VALUE` overrides); the other
    /// servers are listed (info); per-path and per-operation servers that differ are reported
    /// (warning); a relative server URL with no `--host` is an error. So are a `--server-var` that
    /// names no variable of the chosen server and a URL whose scheme is not `https` or `http`; a
    /// `--server-var` value outside the variable's `enum` is a warning, and so is a server on
    /// this machine (`localhost`, `127.0.0.1`), which the platform cannot reach.
    ///
    /// ## Why
    /// A connector calls one host.
    ///
    /// ## Example
    /// `servers: [{url: https://{region}.api.example.com/v1}]`.
    ///
    /// ## Fix
    /// Choose the server with `--server N`, `--server-var` or `--host`.
    pub static SERVER = Conversion {
        code: "CCF801",
        name: "openapi-server",
        severity: Info,
    }
}

crate::declare_code! {
    /// A $ref that cannot be followed: remote, missing, or in a file that cannot be read.
    ///
    /// ## What
    /// A `$ref` points to a remote URL (ccforge works offline), to a file that cannot be read, or
    /// to nothing. Relative-file references are loaded; cycles are followed once. Only regular
    /// files under the definition's folder (after resolving `..` and symbolic links), of at most
    /// 16 MiB, are read: a reference to a file elsewhere, a folder, a pipe or a device is
    /// refused.
    ///
    /// ## Why
    /// The referenced part cannot be converted, so it is replaced by an empty schema.
    ///
    /// ## Example
    /// `$ref: https://example.com/schemas/pet.json`.
    ///
    /// ## Fix
    /// Download the referenced file next to the definition and refer to it by relative path.
    pub static REF = Conversion {
        code: "CCF802",
        name: "openapi-ref",
        severity: Error,
    }
}

crate::declare_code! {
    /// A schema construct Swagger 2.0 lacks (oneOf, anyOf, type lists, not, if/then/else, ...), and
    /// what it became.
    ///
    /// ## What
    /// Swagger 2.0 schemas lack several OpenAPI 3 keywords. `nullable` and `type: [T, "null"]`
    /// become `x-nullable`. `oneOf` and `anyOf` follow one policy: object branches merge into one
    /// object with the union of the properties and the intersection of `required`; primitives of
    /// one type merge; anything else becomes the most general schema (no type). `const` becomes a
    /// one-value `enum`, `examples` the first `example`, numeric
    /// `exclusiveMinimum`/`exclusiveMaximum` the boolean form. `not`, `if`/`then`/`else`,
    /// `prefixItems`, `unevaluatedProperties`, `$defs` and a `oneOf` discriminator are dropped;
    /// so is a `pattern` that is not a regular expression the platform reads (an unclosed `[`
    /// or `(`, a quantifier that follows nothing, a reversed range), which Microsoft's validator
    /// would reject. A `type` spelt another way (`Boolean`, `int`, `datetime`, `list`) becomes
    /// the type meant, with the format it implies unless one is given; a `type` that names no
    /// type (`any`) is dropped. `enum` values not of the schema's type are written as the type
    /// when .NET reads them so (`2` for a string), dropped otherwise, and an array's `enum` of
    /// item values moves into `items`. Each change is reported where it happens.
    ///
    /// ## Why
    /// The platform reads Swagger 2.0 only; the designer shows the merged shape.
    ///
    /// ## Example
    /// `oneOf: [Cat, Dog]` becomes one object with the properties of both.
    ///
    /// ## Fix
    /// Check the reported places; describe the alternatives in the description if users need them.
    pub static SCHEMA = Conversion {
        code: "CCF803",
        name: "openapi-schema",
        severity: Warning,
    }
}

crate::declare_code! {
    /// A parameter Swagger 2.0 cannot express (cookie, content-typed, deepObject, exploded form
    /// arrays).
    ///
    /// ## What
    /// Cookie parameters and parameters described by `content` are dropped. An object query
    /// parameter sent one query parameter per property (`style: form`, `explode: true`, the
    /// defaults) becomes one query parameter per property, with an info; `deepObject` and other
    /// object parameters are sent as one string, with a warning. `style`/`explode` become `collectionFormat`
    /// (form with explode is `multi`, which the platform rejects, so it becomes `csv`). A path
    /// parameter whose name the path does not have (`{id}`) is dropped. A header parameter named
    /// `Accept`, `Content-Type` or `Authorization` is dropped too: OpenAPI 3 ignores it, taking
    /// the first two from the media types and the third from the security schemes.
    ///
    /// ## Why
    /// Swagger 2.0 parameters are primitives or arrays of primitives in the path, query, header,
    /// body or form, and a path parameter must name a part of its path.
    ///
    /// ## Example
    /// `{name: session, in: cookie}`.
    ///
    /// ## Fix
    /// Send the value in a header or query parameter if the API accepts it.
    pub static PARAMETER = Conversion {
        code: "CCF804",
        name: "openapi-parameter",
        severity: Warning,
    }
}

crate::declare_code! {
    /// A request body with several media types whose schemas differ, or no JSON form.
    ///
    /// ## What
    /// A request body becomes one `in: body` parameter (JSON first) or `formData` parameters
    /// (urlencoded, multipart; binary properties as files). With several media types, `consumes`
    /// lists them all and the JSON one's schema is used; a diagnostic says when the others' schemas
    /// differ. A form's fields are its schema's properties (and those of its `allOf` parts); a
    /// `oneOf`/`anyOf` form, or one without properties, gives no form parameters and is reported.
    /// Form parameters stop at 50,000 per definition (an error: a form shared by thousands of
    /// operations would otherwise grow without bound).
    ///
    /// ## Why
    /// Swagger 2.0 has one body schema per operation, and lists form fields one by one.
    ///
    /// ## Example
    /// A body accepting `application/json` and `application/xml` with different schemas.
    ///
    /// ## Fix
    /// Nothing to do if the JSON form is the one flows use.
    pub static BODY = Conversion {
        code: "CCF805",
        name: "openapi-body",
        severity: Warning,
    }
}

crate::declare_code! {
    /// A security scheme the platform cannot use as is, and the closest supported option.
    ///
    /// ## What
    /// http basic becomes basic; http bearer an apiKey header `Authorization` (users enter `Bearer
    /// <token>`); apiKey in a header or query is kept, in a cookie dropped; OAuth 2.0
    /// authorizationCode becomes `accessCode`; the implicit, password and clientCredentials flows
    /// are kept in their Swagger 2.0 form and reported, since the platform signs users in with the
    /// authorization code flow only; openIdConnect becomes `accessCode` with `openid` and every
    /// scope its requirements ask for, and needs `--authorization-url` and `--token-url`. A
    /// relative OAuth 2.0 URL (`/oauth/token`) is resolved against the server, as OpenAPI
    /// resolves every relative URL, since the platform calls only absolute ones (an info). A
    /// security requirement naming a scheme that is not declared is reported and left out; an
    /// operation left with none keeps the definition's authentication. A scheme that no
    /// requirement names is left out (an info), unless no requirement names a declared one: the
    /// platform uses one scheme.
    ///
    /// ## Why
    /// The platform supports API key, basic and OAuth 2.0 authorization code sign-in.
    ///
    /// ## Example
    /// An `openIdConnect` scheme.
    ///
    /// ## Fix
    /// Pass the URLs, or choose the auth with `--auth`.
    pub static SECURITY = Conversion {
        code: "CCF806",
        name: "openapi-security",
        severity: Warning,
    }
}

crate::declare_code! {
    /// A part of the definition Swagger 2.0 has no place for (callbacks, webhooks, links, TRACE,
    /// ...).
    ///
    /// ## What
    /// Callbacks, webhooks, response links, the TRACE method and other things Swagger 2.0 cannot
    /// hold are dropped, each with this diagnostic at its place. So is an `externalDocs` whose
    /// `url` is not absolute (a link relative to the API's documentation site, which leads
    /// nowhere from a connector and which the platform rejects), and a key under a request
    /// body's or response's `content` that is no media type (`examples: {}` written one level
    /// too high), which would become an invalid `consumes` or `produces` entry. A keyword
    /// written with no value (YAML's `description:` with nothing after it, which is `null`) is
    /// removed with an info: it says nothing, and Swagger 2.0 accepts no `null` there (`default:
    /// null` and `example: null`, which say something, stay).
    ///
    /// ## Why
    /// Nothing is lost silently.
    ///
    /// ## Example
    /// An operation with `callbacks`.
    ///
    /// ## Fix
    /// Each diagnostic's help says what can replace the part. Webhooks and callbacks can be
    /// modelled by hand as a connector trigger (`x-ms-trigger`) if flows need them.
    pub static DROPPED = Conversion {
        code: "CCF807",
        name: "openapi-dropped",
        severity: Warning,
    }
}

crate::declare_code! {
    /// A response keyed by a status range (`2XX`, `5XX`, ...), which Swagger 2.0 lacks, and what it
    /// became.
    ///
    /// ## What
    /// Swagger 2.0 response keys are `default` and three-digit status codes. A `2XX` response
    /// becomes `200` when the operation has no explicit 2xx response, and is dropped otherwise;
    /// any other range becomes `default` when the operation has none (the first such range in
    /// order), and is dropped otherwise. Each is reported at the response.
    ///
    /// ## Why
    /// A range key makes the definition invalid Swagger 2.0, which the platform refuses.
    ///
    /// ## Example
    /// `responses: {2XX: ..., 5XX: ...}` becomes `{200: ..., default: ...}`.
    ///
    /// ## Fix
    /// Check the converted responses; give the API's actual status codes if they are known.
    pub static RESPONSE_RANGE = Conversion {
        code: "CCF808",
        name: "openapi-response-range",
        severity: Warning,
    }
}

crate::declare_code! {
    /// Keywords a non-body parameter, its `items` or a response header cannot have in Swagger 2.0
    /// were dropped.
    ///
    /// ## What
    /// Swagger 2.0 gives non-body parameters, their `items` and response headers a fixed set of
    /// keywords: `type`, `format`, `items`, `collectionFormat`, `default`, `maximum`,
    /// `exclusiveMaximum`, `minimum`, `exclusiveMinimum`, `maxLength`, `minLength`, `pattern`,
    /// `maxItems`, `minItems`, `uniqueItems`, `enum`, `multipleOf` and `x-` extensions (a
    /// parameter also has its `name`, `in`, `description`, `required` and `allowEmptyValue`; a
    /// header its `description`). Anything else the schema had there (`description` or `title`
    /// inside `items`, `example`, `readOnly`, object keywords, `items` under a type that is not an
    /// array) is dropped, with one diagnostic per parameter or header listing what went: info when
    /// only annotations went, a warning when a constraint did.
    ///
    /// ## Why
    /// Other keywords there make the definition invalid Swagger 2.0, which the platform refuses.
    ///
    /// ## Example
    /// A query parameter `ids`, an array whose items have a `description`.
    ///
    /// ## Fix
    /// Move what the dropped keywords said into the parameter's description if users need it.
    pub static SIMPLE_KEYWORDS = Conversion {
        code: "CCF809",
        name: "openapi-parameter-keywords",
        severity: Info,
    }
}

crate::declare_code! {
    /// A secret in a `default` or example was left out of the converted definition.
    ///
    /// ## What
    /// A `default`, `example` or `examples` value of a parameter, header or schema property
    /// whose name carries a secret (`api_key`, `client_secret`, `password`, `token`, ...), or
    /// any such value shaped like a secret (a JWT, a bearer token, a private key, a well-known API
    /// key format), is not written; the place is named, never the value. A server URL holding
    /// credentials (`https://user:password@host`) gives the host without them.
    ///
    /// ## Why
    /// Connector files go into repositories and solutions; a real key in an example is leaked to
    /// everyone who can read them.
    ///
    /// ## Example
    /// `{name: api_key, in: header, schema: {type: string, default: 9f8a7b6c5d4e3f2a1b0c}}`.
    ///
    /// ## Fix
    /// Use a placeholder such as `<api key>` in the OpenAPI document, and rotate the secret if the
    /// document was shared.
    pub static SECRET = Conversion {
        code: "CCF810",
        name: "openapi-secret",
        severity: Warning,
    }
}

crate::declare_code! {
    /// A key of `paths` that Swagger 2.0 cannot hold was rewritten: a brace outside a path
    /// variable was URL-encoded, a query or fragment was taken out, or a variable's name was
    /// made plain.
    ///
    /// ## What
    /// In a key of `paths`, a `{` or `}` that does not open or close a `{name}` variable within
    /// one segment (a lone `}`, a `{` never closed, an empty `{}`) is written as `%7B` or `%7D`,
    /// the form in which it is sent. The variables of the path are kept.
    ///
    /// A key with a query (`/oauth/token?grant=refresh`) is written without it: its operations
    /// move to the path without the query and send each of the query's values as a required
    /// query parameter with that value as its default, hidden from the user
    /// (`x-ms-visibility: internal`), unless the operation has a parameter of that name
    /// already. The path item's own parameters go with its operations. A fragment (`#top`),
    /// which is never sent, is dropped.
    ///
    /// A path variable whose name holds a `:` or `!` (`{insight_id:}`, from an Express route's
    /// `:insight_id:`) is written with a plain name: a `:` or `!` at its end is dropped, one
    /// inside becomes `_` (`{ns:key}` → `{ns_key}`). Its `in: path` parameters, and a shared
    /// parameter that only renamed paths refer to, are renamed alike; a renamed path that refers
    /// to a shared parameter another path keeps gets a renamed copy of it. A path whose new name
    /// another path has, or whose variables would then clash, is left as it is.
    ///
    /// An operation whose method the path without the query or fragment has already, as in
    /// query-protocol APIs that tell operations apart by their action (`/#Action=CreateQueue`
    /// beside `/#Action=ListQueues`), is written at a path of its own in a connector folder
    /// (`convert --out-dir`): the path, `virtual/` and a segment made from the query or
    /// fragment (`/virtual/CreateQueue`). A route policy (`routerequesttoendpoint`) in
    /// apiProperties.json sends it to the path the API serves it at (with `--split-by`, the
    /// apiProperties.json of the part that holds it). Where no apiProperties.json is written
    /// (`-o`), it is left out. So is one whose path
    /// differs from a path of the definition only by letter case, a trailing slash or the names
    /// of its variables, which the platform takes for that path. A path parameter named only in
    /// a dropped fragment is dropped with it.
    ///
    /// ## Why
    /// Swagger 2.0 validators and Microsoft's (OperationPathTemplateNotValid) reject a path
    /// template with a stray brace, and a path with a query or fragment is not a path
    /// template at all, so the definition could not be imported. OpenAPI validators read a
    /// `:` in a variable's name as the start of a format (`{name:format}`) and a `!` as a
    /// conversion, and then find no parameter for the variable; the name is only a
    /// placeholder, so a plain one sends the same requests.
    ///
    /// ## Example
    /// `/items}` is written as `/items%7D`; `/reports?format=csv` as `/reports` with a query
    /// parameter `format` that always sends `csv`; `/#Action=CreateQueue`, when `/` has a GET
    /// operation already, as `/virtual/CreateQueue`, routed to `/`.
    ///
    /// ## Fix
    /// If the brace was meant to open or close a variable, correct the path in the OpenAPI
    /// document (`/items/{id}`). If a query's values are the user's to choose, describe them as
    /// `in: query` parameters and take the query out of the path.
    pub static PATH = Conversion {
        code: "CCF811",
        name: "openapi-path",
        severity: Warning,
    }
}

pub static ALL: &[&Code] = &[
    &SERVER,
    &REF,
    &SCHEMA,
    &PARAMETER,
    &BODY,
    &SECURITY,
    &DROPPED,
    &RESPONSE_RANGE,
    &SIMPLE_KEYWORDS,
    &SECRET,
    &PATH,
];

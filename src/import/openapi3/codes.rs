//! What the OpenAPI 3 conversion reports.

use crate::diagnostic_meta as meta;
use crate::lint::RuleMeta;

meta!(
    SERVER,
    "CCF801",
    "openapi-server",
    Info,
    "How `servers` became host, basePath and schemes, and what was left out.",
    "## What\nSwagger 2.0 has one `host`, `basePath` and `schemes`. The first server (or \
`--server N`) is used, its variables take their defaults (`--server-var NAME=VALUE` overrides); \
the other servers are listed (info); per-path and per-operation servers that differ are reported \
(warning); a relative server URL with no `--host` is an error.\n\n## Why\nA connector calls one \
host.\n\n## Example\n`servers: [{url: https://{region}.api.example.com/v1}]`.\n\n## Fix\nChoose \
the server with `--server N`, `--server-var` or `--host`."
);

meta!(
    REF,
    "CCF802",
    "openapi-ref",
    Error,
    "A $ref that cannot be followed: remote, missing, or in a file that cannot be read.",
    "## What\nA `$ref` points to a remote URL (ccforge works offline), to a file that cannot be \
read, or to nothing. Relative-file references are loaded; cycles are followed once.\n\n## Why\nThe \
referenced part cannot be converted, so it is replaced by an empty schema.\n\n## Example\n\
`$ref: https://example.com/schemas/pet.json`.\n\n## Fix\nDownload the referenced file next to the \
definition and refer to it by relative path."
);

meta!(
    SCHEMA,
    "CCF803",
    "openapi-schema",
    Warning,
    "A schema construct Swagger 2.0 lacks (oneOf, anyOf, type lists, not, if/then/else, ...), and what it became.",
    "## What\nSwagger 2.0 schemas lack several OpenAPI 3 keywords. `nullable` and `type: [T, \
\"null\"]` become `x-nullable`. `oneOf` and `anyOf` follow one policy: object branches merge into \
one object with the union of the properties and the intersection of `required`; primitives of one \
type merge; anything else becomes the most general schema (no type). `const` becomes a one-value \
`enum`, `examples` the first `example`, numeric `exclusiveMinimum`/`exclusiveMaximum` the boolean \
form. `not`, `if`/`then`/`else`, `prefixItems`, `unevaluatedProperties`, `$defs` and a `oneOf` \
discriminator are dropped; each change is reported where it happens.\n\n## Why\nThe platform reads \
Swagger 2.0 only; the designer shows the merged shape.\n\n## Example\n`oneOf: [Cat, Dog]` becomes \
one object with the properties of both.\n\n## Fix\nCheck the reported places; describe the \
alternatives in the description if users need them."
);

meta!(
    PARAMETER,
    "CCF804",
    "openapi-parameter",
    Warning,
    "A parameter Swagger 2.0 cannot express (cookie, content-typed, deepObject, exploded form arrays).",
    "## What\nCookie parameters and parameters described by `content` are dropped; `deepObject` \
and object-valued query parameters are reported; `style`/`explode` become `collectionFormat` \
(form with explode is `multi`, which the platform rejects, so it becomes `csv`).\n\n## Why\nSwagger \
2.0 parameters are primitives or arrays of primitives in the path, query, header, body or form.\n\n\
## Example\n`{name: session, in: cookie}`.\n\n## Fix\nSend the value in a header or query \
parameter if the API accepts it."
);

meta!(
    BODY,
    "CCF805",
    "openapi-body",
    Warning,
    "A request body with several media types whose schemas differ, or no JSON form.",
    "## What\nA request body becomes one `in: body` parameter (JSON first) or `formData` \
parameters (urlencoded, multipart; binary properties as files). With several media types, \
`consumes` lists them all and the JSON one's schema is used; a diagnostic says when the others' \
schemas differ.\n\n## Why\nSwagger 2.0 has one body schema per operation.\n\n## Example\nA body \
accepting `application/json` and `application/xml` with different schemas.\n\n## Fix\nNothing to \
do if the JSON form is the one flows use."
);

meta!(
    SECURITY,
    "CCF806",
    "openapi-security",
    Warning,
    "A security scheme the platform cannot use as is, and the closest supported option.",
    "## What\nhttp basic becomes basic; http bearer an apiKey header `Authorization` (users enter \
`Bearer <token>`); apiKey in a header or query is kept, in a cookie dropped; OAuth 2.0 \
authorizationCode becomes `accessCode`; the implicit, password and clientCredentials flows are \
kept in their Swagger 2.0 form and reported, since the platform signs users in with the \
authorization code flow only; openIdConnect becomes `accessCode` and needs `--authorization-url` \
and `--token-url`.\n\n## Why\nThe platform supports API key, basic and OAuth 2.0 authorization code \
sign-in.\n\n## Example\nAn `openIdConnect` scheme.\n\n## Fix\nPass the URLs, or choose the auth with \
`--auth`."
);

meta!(
    DROPPED,
    "CCF807",
    "openapi-dropped",
    Warning,
    "A part of the definition Swagger 2.0 has no place for (callbacks, webhooks, links, TRACE, ...).",
    "## What\nCallbacks, webhooks, response links, the TRACE method and other things Swagger 2.0 \
cannot hold are dropped, each with this diagnostic at its place.\n\n## Why\nNothing is lost \
silently.\n\n## Example\nAn operation with `callbacks`.\n\n## Fix\nModel webhooks as a connector \
trigger (`x-ms-trigger`) by hand if flows need them."
);

pub static ALL: &[&RuleMeta] = &[
    &SERVER, &REF, &SCHEMA, &PARAMETER, &BODY, &SECURITY, &DROPPED,
];

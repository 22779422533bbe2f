//! What the Postman conversion reports.

use crate::diagnostic_meta as meta;
use crate::lint::RuleMeta;

meta!(
    UNRESOLVED_VARIABLE,
    "CCF701",
    "postman-unresolved-variable",
    Warning,
    "A {{variable}} has no value: an error in the host, a warning elsewhere.",
    "## What\nA `{{name}}` reference has no value in `--var`, the `--env` environment or the \
collection's variables (or its values refer to each other in a cycle).\n\n## Why\nIn the host it \
leaves the connector without a server (an error); elsewhere the text keeps the `{{name}}` \
literally.\n\n## Example\n`{{baseUrl}}/users` with no `baseUrl` variable.\n\n## Fix\nPass \
`--var baseUrl=https://api.example.com`, `--env environment.json` or `--host api.example.com`."
);

meta!(
    HOSTS,
    "CCF702",
    "postman-host",
    Warning,
    "Requests call several hosts (the most common wins), or a host the platform cannot reach.",
    "## What\nA connector has one host. When requests call several, the most common (scheme, \
host, port and base path) becomes the connector's and each other request is reported; a \
`localhost` host is reported too.\n\n## Why\nEvery operation of the connector will be sent to \
the one host.\n\n## Example\nThree requests to `api.example.com` and one to `auth.example.com`.\n\n\
## Fix\nSplit the collection into one connector per host, or set the host with `--host`."
);

meta!(
    EXCLUDED,
    "CCF703",
    "postman-excluded",
    Info,
    "A disabled query parameter, header or form field was left out.",
    "## What\nPostman sends only enabled parameters; disabled query parameters, headers and form \
fields are left out of the definition and listed here.\n\n## Why\nSo that nothing disappears \
silently.\n\n## Example\nA disabled `?debug=true` query parameter.\n\n## Fix\nEnable it in Postman \
if the API needs it."
);

meta!(
    BODY_ON_GET,
    "CCF704",
    "postman-body-on-get",
    Warning,
    "A GET or HEAD request has a body, which the platform rejects; it was left out.",
    "## What\nA GET (or HEAD) request in the collection has a body.\n\n## Why\nPower Platform \
rejects a GET with a body (`BodyOrFormDataParameterInFetchOperationNotAllowed`).\n\n## Example\n\
`GET /search` with a JSON body.\n\n## Fix\nSend the values as query parameters, or make the request \
a POST."
);

meta!(
    DUPLICATE,
    "CCF705",
    "postman-duplicate-request",
    Warning,
    "Two requests have the same method and path; they were merged into one operation.",
    "## What\nRequests with the same method and path (also when only the path variables' names \
differ, like `/users/{id}` and `/users/{userId}`) become one operation with the parameters and \
responses of both.\n\n## Why\nSwagger 2.0 has one operation per method and path.\n\n## Example\n\
`Get user` and `Get user (admin)` both `GET /users/:id`.\n\n## Fix\nNothing to do; check the merged \
operation's summary and parameters."
);

meta!(
    AUTH,
    "CCF706",
    "postman-auth",
    Warning,
    "An auth type the platform cannot use (with the closest option), or a note about one it can.",
    "## What\nPostman auth becomes `securityDefinitions`: basic → basic, API key → apiKey, bearer \
→ an apiKey header `Authorization` (users enter `Bearer <token>`), OAuth 2.0 authorization code → \
oauth2 `accessCode`. OAuth 2.0 client credentials, password and implicit grants, digest, Hawk, \
OAuth 1.0, AWS Signature, NTLM and the others have no Power Platform equivalent: they are \
reported with the closest supported option.\n\n## Why\nThe platform supports API key, basic and \
OAuth 2.0 authorization-code sign-in only.\n\n## Example\nAn `oauth2` auth with \
`grant_type: client_credentials`.\n\n## Fix\nChoose the auth with `--auth` (and its options) when \
converting."
);

meta!(
    SECRET,
    "CCF707",
    "postman-secret",
    Warning,
    "A secret (password, token, key) was found in the collection; it is never written.",
    "## What\nAn auth field, an `Authorization`/key/token header, a secret-looking variable or a \
body field holds a literal secret value.\n\n## Why\nCollections are shared and committed; \
ccforge never writes these values into the definition or apiProperties.json, and tells you \
where they are so you can rotate them.\n\n## Example\n`\"auth\": {\"type\": \"bearer\", \"bearer\": \
[{\"key\": \"token\", \"value\": \"eyJ...\"}]}`\n\n## Fix\nMove the value into a Postman environment \
(not committed) and reference it as `{{token}}`."
);

meta!(
    SKIPPED,
    "CCF708",
    "postman-skipped",
    Warning,
    "An item could not be converted (malformed, no URL, or a method Swagger 2.0 lacks).",
    "## What\nA collection item that is malformed, has no URL, or uses a method Swagger 2.0 \
cannot describe (such as `COPY`, `LINK`, `PURGE`) was skipped; the rest still converts.\n\n## Why\n\
Every request is either an operation or a diagnostic, never silently lost.\n\n## Example\nAn item \
with neither `request` nor `item`.\n\n## Fix\nCorrect the item in Postman, or drop it."
);

meta!(
    BODY,
    "CCF709",
    "postman-body",
    Warning,
    "A body or saved response could not be read as its declared type; it was kept as a string.",
    "## What\nA raw body (or saved response) declared or looking like JSON does not parse, even \
after resolving variables, so its schema is a plain string.\n\n## Why\nThe schema cannot be \
inferred from text that is not JSON.\n\n## Example\n`{\"count\": {{count}}}` with no `count` \
variable.\n\n## Fix\nPass the variable with `--var`, or correct the JSON in Postman."
);

pub static ALL: &[&RuleMeta] = &[
    &UNRESOLVED_VARIABLE,
    &HOSTS,
    &EXCLUDED,
    &BODY_ON_GET,
    &DUPLICATE,
    &AUTH,
    &SECRET,
    &SKIPPED,
    &BODY,
];

//! Diagnostics that come from reading files and from the engine itself, not from a rule's check.

use super::RuleMeta;
use crate::diagnostic::Severity;

pub static UNREADABLE_FILE: RuleMeta = RuleMeta {
    code: "CCF001",
    name: "unreadable-file",
    severity: Severity::Error,
    summary: "The file cannot be read: missing, empty or binary.",
    docs: "## What\nThe file could not be read as text: it does not exist, is not readable, is empty, \
or is binary.\n\n## Why\nNothing can be checked or converted without the file's text.\n\n\
## Example\nAn empty `apiDefinition.swagger.json` left by a failed export.\n\n\
## Fix\nPass the right path, or restore the file's content.",
    microsoft: "",
    fatal: true,
};

pub static PARSE_ERROR: RuleMeta = RuleMeta {
    code: "CCF002",
    name: "parse-error",
    severity: Severity::Error,
    summary: "The file is not valid JSON or YAML, even read leniently.",
    docs: "## What\nThe text cannot be parsed as JSON (even allowing comments, trailing and missing \
commas) nor as YAML.\n\n## Why\nPower Platform rejects a definition it cannot parse.\n\n\
## Example\n```json\n{ \"swagger\": \"2.0\", \"paths\": {\n```\n(the file is cut off)\n\n\
## Fix\nCorrect the syntax at the reported line and column.",
    microsoft: "",
    fatal: true,
};

pub static LENIENT_SYNTAX: RuleMeta = RuleMeta {
    code: "CCF003",
    name: "lenient-syntax",
    severity: Severity::Warning,
    summary: "Not strict JSON (comments, trailing or missing commas, raw control characters).",
    docs: "## What\nThe file parses only leniently: it has comments, a trailing comma, a missing comma \
between members, a raw tab or newline inside a string, or text after the root value; or a YAML \
file holds more than one document.\n\n## Why\nMicrosoft's importer tolerated these in some \
accepted connectors, but strict JSON tools (and `paconn`'s own checks) reject them, and text after \
the root value is silently ignored.\n\n## Example\n```json\n{\n  \"host\": \"api.contoso.com\",\n}\n```\n\n\
## Fix\nRemove the comment or comma, add the missing comma, or escape the character (`\\t`, `\\n`).",
    microsoft: "",
    fatal: false,
};

pub static NON_UTF8: RuleMeta = RuleMeta {
    code: "CCF004",
    name: "non-utf8",
    severity: Severity::Warning,
    summary: "The file is not UTF-8; it was read as Latin-1.",
    docs: "## What\nThe file contains bytes that are not valid UTF-8. ccforge reads it as Latin-1 and \
names the first bad byte.\n\n## Why\nJSON must be UTF-8; characters such as `ø` saved in a legacy \
code page show up garbled in the connector.\n\n## Example\nA description typed in an editor that \
saved as Windows-1252.\n\n## Fix\nRe-save the file as UTF-8.",
    microsoft: "",
    fatal: false,
};

pub static UNKNOWN_FORMAT: RuleMeta = RuleMeta {
    code: "CCF005",
    name: "unknown-format",
    severity: Severity::Error,
    summary: "The document is none of the formats ccforge reads.",
    docs: "## What\nThe file parsed, but it is not Swagger 2.0, OpenAPI 3.x, a Postman collection or \
environment, nor a connector's apiProperties.json or settings.json.\n\n## Why\nccforge cannot tell \
what to check.\n\n## Example\n`package.json` passed to `ccforge lint`.\n\n## Fix\nPass a supported \
file, or fix the key that marks the format (`swagger: \"2.0\"`, `openapi: 3.0.3`, `info.schema`).",
    microsoft: "",
    fatal: true,
};

pub static NOT_SWAGGER2: RuleMeta = RuleMeta {
    code: "CCF006",
    name: "not-swagger2",
    severity: Severity::Error,
    summary: "OpenAPI 3 or Postman given to lint: Power Platform imports Swagger 2.0 only.",
    docs: "## What\nAn OpenAPI 3.x definition or a Postman collection was given to `ccforge lint`.\n\n\
## Why\nPower Platform imports custom connectors from Swagger 2.0 (OpenAPI 2.0) only.\n\n\
## Example\n`ccforge lint openapi.yaml` where the file starts with `openapi: 3.0.3`.\n\n\
## Fix\nConvert it first: `ccforge convert openapi.yaml -o apiDefinition.swagger.json`, then lint \
the result.",
    microsoft: "",
    fatal: true,
};

pub static UNUSED_SUPPRESSION: RuleMeta = RuleMeta {
    code: "CCF007",
    name: "unused-suppression",
    severity: Severity::Warning,
    summary: "An x-ccforge-ignore entry silences nothing.",
    docs: "## What\nAn `x-ccforge-ignore` entry names a rule that reports nothing at that node or \
below.\n\n## Why\nStale suppressions hide future findings and mislead readers.\n\n## Example\n\
```json\n\"x-ccforge-ignore\": [{\"rule\": \"path-trailing-slash\", \"reason\": \"API needs it\"}]\n```\n\
on an operation whose path no longer ends in `/`.\n\n## Fix\nRemove the entry.",
    microsoft: "",
    fatal: false,
};

pub static INVALID_SUPPRESSION: RuleMeta = RuleMeta {
    code: "CCF008",
    name: "invalid-suppression",
    severity: Severity::Error,
    summary: "An x-ccforge-ignore entry is malformed, lacks a reason or names an unknown rule.",
    docs: "## What\n`x-ccforge-ignore` must be a list of objects `{\"rule\": NAME_OR_CODE, \
\"reason\": TEXT}`, with a non-empty reason and a rule that exists.\n\n## Why\nA suppression \
without a reason cannot be reviewed; one naming no rule silences nothing.\n\n## Example\n\
```json\n\"x-ccforge-ignore\": [{\"rule\": \"path-trailing-slash\"}]\n```\n\n## Fix\nAdd a \
`reason`, or correct the rule name (`ccforge rules` lists them).",
    microsoft: "",
    fatal: false,
};

pub static CONNECTOR_FILE_NAME: RuleMeta = RuleMeta {
    code: "CCF009",
    name: "connector-file-name",
    severity: Severity::Warning,
    summary: "A connector folder's definition is not named apiDefinition.swagger.json.",
    docs: "## What\nA folder has `apiProperties.json` and one Swagger 2.0 file, but that file is not \
named `apiDefinition.swagger.json`.\n\n## Why\n`paconn` and `pac connector` look for \
`apiDefinition.swagger.json` (or the name in settings.json).\n\n## Example\n\
`apiDefination.swagger.json` next to `apiProperties.json`.\n\n## Fix\nRename the file, or set \
`apiDefinition` in settings.json.",
    microsoft: "",
    fatal: false,
};

pub static INVALID_CONFIG: RuleMeta = RuleMeta {
    code: "CCF010",
    name: "invalid-config",
    severity: Severity::Error,
    summary: "ccforge.toml cannot be read or names an unknown rule, level or profile.",
    docs: "## What\nThe configuration file is not valid TOML, has an unknown key, names a rule that \
does not exist, or gives a level other than `off`, `info`, `warning`, `error`.\n\n## Why\nA \
silently ignored setting would lint with rules the team meant to change.\n\n## Example\n```toml\n\
[rules]\npath-trailing-slash = \"loud\"\n```\n\n## Fix\nCorrect the entry; `ccforge rules` lists \
the rule names and codes.",
    microsoft: "",
    fatal: true,
};

/// The engine's own diagnostics, for the registry.
pub static ENGINE: &[&RuleMeta] = &[
    &UNREADABLE_FILE,
    &PARSE_ERROR,
    &LENIENT_SYNTAX,
    &NON_UTF8,
    &UNKNOWN_FORMAT,
    &NOT_SWAGGER2,
    &UNUSED_SUPPRESSION,
    &INVALID_SUPPRESSION,
    &CONNECTOR_FILE_NAME,
    &INVALID_CONFIG,
];

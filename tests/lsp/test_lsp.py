"""`ccforge lsp` driven end to end by a real LSP client (pytest-lsp): initialize, diagnostics of
a connector folder, a quick fix applied, hover, go to definition, an unsaved apiProperties.json
edit re-checking the definition's auth, and shutdown.

    CCFORGE_BIN=target/debug/ccforge python -m pytest tests/lsp
"""
import os
import pathlib
import shutil

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("CCFORGE_BIN", str(ROOT / "target" / "debug" / "ccforge"))
FIXTURE = ROOT / "fixtures" / "lsp" / "connector"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"]))
async def client(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            # Where the rule codes link to (without it, they link nowhere).
            initialization_options={"rulesDocs": "https://example.test/docs/rules.md"},
        )
    )
    assert result.server_info.name == "ccforge"
    assert result.capabilities.hover_provider
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def folder(tmp_path):
    for name in ("apiDefinition.swagger.json", "apiProperties.json"):
        shutil.copy(FIXTURE / name, tmp_path / name)
    return tmp_path


def open_file(client, path, text=None):
    text = path.read_text() if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id="json", version=1, text=text
            )
        )
    )
    return text


async def diagnostics_after(client, uri, change):
    """Sends a change and waits for the diagnostics of `uri` it causes."""
    change()
    while True:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if uri in client.diagnostics:
            return client.diagnostics[uri]


def position_of(text, needle, offset=3):
    at = text.index(needle)
    line = text.count("\n", 0, at)
    col = at - (text.rfind("\n", 0, at) + 1) + offset
    return types.Position(line=line, character=col)


def apply(text, edits):
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        s = starts[e.range.start.line] + e.range.start.character
        t = starts[e.range.end.line] + e.range.end.character
        text = text[:s] + e.new_text + text[t:]
    return text


@pytest.mark.asyncio
async def test_diagnostics_match_lint_and_follow_api_properties(client: LanguageClient, folder):
    definition = folder / "apiDefinition.swagger.json"
    uri = definition.as_uri()
    diags = await diagnostics_after(client, uri, lambda: open_file(client, definition))
    found = sorted((d.code, d.range.start.line + 1, d.range.start.character + 1) for d in diags)
    # The places `ccforge lint` prints.
    assert found == [("CCF203", 26, 7), ("CCF304", 48, 11), ("CCF501", 73, 5)]
    auth = next(d for d in diags if d.code == "CCF501")
    assert auth.severity == types.DiagnosticSeverity.Error
    assert auth.code_description.href.endswith("#ccf501-missing-security-definitions")

    # An unsaved apiProperties.json with an OAuth connection: the definition's auth finding goes.
    props = folder / "apiProperties.json"
    text = props.read_text().replace(
        '"connectionParameters": {}',
        '"connectionParameters": {"token": {"type": "oauthSetting", "oAuthSettings": '
        '{"identityProvider": "oauth2", "clientId": "x", "scopes": [], '
        '"redirectUrl": "https://global.consent.azure-apim.net/redirect"}}}',
    )
    client.diagnostics.pop(uri)
    diags = await diagnostics_after(client, uri, lambda: open_file(client, props, text))
    assert "CCF501" not in [d.code for d in diags]


@pytest.mark.asyncio
async def test_a_quick_fix_applied_clears_its_finding(client: LanguageClient, folder):
    definition = folder / "apiDefinition.swagger.json"
    uri = definition.as_uri()
    text = definition.read_text()
    diags = await diagnostics_after(client, uri, lambda: open_file(client, definition, text))
    missing = next(d for d in diags if d.code == "CCF203")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=missing.range,
            context=types.CodeActionContext(diagnostics=[missing]),
        )
    )
    fix = next(a for a in actions if a.is_preferred)
    edits = fix.edit.changes[uri]
    assert len(edits) == 1 and '"operationId": "PostTasks"' in edits[0].new_text
    fixed = apply(text, edits)
    client.diagnostics.pop(uri)

    def change():
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
            )
        )

    diags = await diagnostics_after(client, uri, change)
    assert "CCF203" not in [d.code for d in diags]


@pytest.mark.asyncio
async def test_hover_and_definition(client: LanguageClient, folder):
    definition = folder / "apiDefinition.swagger.json"
    uri = definition.as_uri()
    text = definition.read_text()
    await diagnostics_after(client, uri, lambda: open_file(client, definition, text))
    doc = types.TextDocumentIdentifier(uri=uri)

    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=position_of(text, '"operationId": "GetTask"'))
    )
    assert "**GET /tasks/{id}**" in hover.contents.value
    assert "Gets one task." in hover.contents.value

    ref = '"$ref": "#/definitions/Task"}\n          }'
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=position_of(text, ref))
    )
    assert '"x-ms-summary": "Title"' in hover.contents.value

    target = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=position_of(text, ref))
    )
    assert target.range.start.line == position_of(text, '"Task": {').line

    target = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=position_of(text, '"x-ms-dynamic-values"'))
    )
    assert target.range.start.line == position_of(text, '"operationId": "ListTasks"').line

// Starts `ccforge lsp` for JSON and YAML files; the server checks the ones that are Swagger 2.0
// definitions or connector files and stays quiet about the rest.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const command = vscode.workspace.getConfiguration("ccforge").get("path") || "ccforge";
  client = new LanguageClient(
    "ccforge",
    "ccforge",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "json" },
        { scheme: "file", language: "jsonc" },
        { scheme: "file", language: "yaml" },
      ],
    },
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

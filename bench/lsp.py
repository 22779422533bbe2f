#!/usr/bin/env python3
"""How long `ccforge lsp` takes to re-check a 1 MB definition after an edit: the time from
sending an incremental `didChange` (one character typed into a description) to receiving the
definition's `publishDiagnostics`, over 40 edits. The definition is the corpus connector
(../shared/corpus/connectors) whose definition is closest to 1 MB, with its apiProperties.json,
or, without the corpus, a generated 1 MB definition.

    cargo build --release && bench/lsp.py [path/to/ccforge] [definition.json]
"""
import json, pathlib, shutil, statistics, subprocess, sys, tempfile, time

root = pathlib.Path(__file__).resolve().parent.parent
binary = sys.argv[1] if len(sys.argv) > 1 else str(root / "target" / "release" / "ccforge")
MB = 1 << 20


def corpus_definition():
    corpus = root.parent / "shared" / "corpus" / "connectors"
    found = [p for p in corpus.rglob("apiDefinition.swagger.json")] if corpus.is_dir() else []
    return min(found, key=lambda p: abs(p.stat().st_size - MB), default=None)


def generated_definition(folder):
    paths, n = {}, 0
    doc = {"swagger": "2.0", "info": {"title": "Big", "description": "A big API.", "version": "1"},
           "host": "api.example.com", "basePath": "/", "schemes": ["https"], "paths": paths,
           "definitions": {}}
    while len(json.dumps(doc, indent=2)) < MB:
        n += 1
        doc["definitions"][f"Item{n}"] = {"type": "object", "properties": {
            f"field{i}": {"type": "string", "description": f"Field {i} of item {n}."} for i in range(12)}}
        paths[f"/items{n}/{{id}}"] = {"get": {
            "summary": f"Get item {n}", "description": f"Gets item {n}.", "operationId": f"GetItem{n}",
            "parameters": [{"name": "id", "in": "path", "required": True, "type": "string",
                            "x-ms-url-encoding": "single", "x-ms-summary": "Id"}],
            "responses": {"200": {"description": "OK", "schema": {"$ref": f"#/definitions/Item{n}"}}}}}
    path = folder / "apiDefinition.swagger.json"
    path.write_text(json.dumps(doc, indent=2))
    return path


class Server:
    def __init__(self):
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.id = 0

    def send(self, msg):
        body = json.dumps({"jsonrpc": "2.0", **msg}).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if line in (b"\r\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        self.id += 1
        self.send({"id": self.id, "method": method, "params": params})
        while (m := self.read()).get("id") != self.id:
            pass
        return m

    def diagnostics_of(self, uri, version):
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri \
                    and m["params"].get("version") == version:
                return m["params"]["diagnostics"]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        given = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else corpus_definition()
        if given:
            shutil.copy(given, folder / "apiDefinition.swagger.json")
            props = given.parent / "apiProperties.json"
            if props.exists():
                shutil.copy(props, folder / "apiProperties.json")
            definition = folder / "apiDefinition.swagger.json"
        else:
            definition = generated_definition(folder)
        text = definition.read_text(encoding="utf-8-sig")
        uri = definition.as_uri()
        s = Server()
        s.request("initialize", {"capabilities": {}, "processId": None, "rootUri": None})
        s.send({"method": "initialized", "params": {}})
        start = time.perf_counter()
        s.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "json", "version": 1, "text": text}}})
        found = s.diagnostics_of(uri, 1)
        opened = time.perf_counter() - start
        # Type into the middle of the file, one character per edit.
        lines = text.split("\n")
        line = next(i for i in range(len(lines) // 2, len(lines)) if '"description": "' in lines[i])
        col = len(lines[line].encode("utf-16-le")) // 2 - 2
        times = []
        for version in range(2, 42):
            start = time.perf_counter()
            s.send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": line, "character": col},
                                              "end": {"line": line, "character": col}},
                                    "text": "x"}]}})
            s.diagnostics_of(uri, version)
            times.append((time.perf_counter() - start) * 1000)
            col += 1
        s.request("shutdown", None)
        s.send({"method": "exit"})
        s.p.wait(timeout=30)
        times.sort()
        print(f"definition: {given or 'generated'} ({len(text.encode()) / MB:.2f} MB), "
              f"{len(found)} findings")
        print(f"open: {opened * 1000:.0f} ms")
        print(f"re-check after an edit over {len(times)} edits: median {statistics.median(times):.1f} ms, "
              f"p90 {times[int(len(times) * 0.9)]:.1f} ms, max {times[-1]:.1f} ms")


main()

#!/usr/bin/env python3
"""How many of the accepted connectors in ../shared/corpus/connectors each rule fires on, by
default severity: the check that an error-level rule is one the platform enforces (a rule at
error level that fires on accepted connectors must say why in its docs). Prints a markdown table
of every rule that fires, errors first, with how many connectors get one of its findings at
error severity (some rules report a milder case at a lower severity).

    cargo build --release && bench/calibrate.py [path/to/ccforge]
"""
import collections, json, pathlib, subprocess, sys

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root.parent / "shared" / "corpus" / "connectors"
binary = sys.argv[1] if len(sys.argv) > 1 else str(root / "target" / "release" / "ccforge")
if not corpus.is_dir():
    sys.exit(f"{corpus} is absent")

rules = {r["code"]: r for r in json.loads(subprocess.run(
    [binary, "rules", "--format", "json"], check=True, capture_output=True).stdout)}
# Exit 2 is expected: a few accepted connectors' files do not parse.
report = json.loads(subprocess.run(
    [binary, "lint", str(corpus), "--format", "json", "--fail-on", "never"],
    capture_output=True).stdout)

folders = collections.defaultdict(set)
error_folders = collections.defaultdict(set)
findings = collections.Counter()
for d in report["diagnostics"]:
    folder = str(pathlib.Path(d["file"]).parent)
    folders[d["code"]].add(folder)
    if d["severity"] == "error":
        error_folders[d["code"]].add(folder)
    findings[d["code"]] += 1
total = len({str(pathlib.Path(d).parent) for d in
             corpus.rglob("apiDefinition.swagger.json")})

order = {"error": 0, "warning": 1, "info": 2}
print(f"{total} connectors\n")
print("| rule | default severity | connectors | with an error | findings |")
print("|---|---|---|---|---|")
for code in sorted(folders, key=lambda c: (order.get(rules.get(c, {}).get("severity"), 3), -len(folders[c]), c)):
    r = rules.get(code, {"name": "?", "severity": "?"})
    print(f"| `{r['name']}` ({code}) | {r['severity']} | {len(folders[code])} | {len(error_folders[code])} | {findings[code]} |")

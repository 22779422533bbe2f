#!/usr/bin/env python3
"""Writes a large, deterministic Postman v2.1 collection for the conversion benchmark: many
folders and requests, each with several saved JSON responses (thousands in all)."""
import json, random, sys

requests_n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
responses_per = int(sys.argv[3]) if len(sys.argv) > 3 else 10
rng = random.Random(7)
words = "account order invoice customer product shipment payment refund ticket user team project task note file".split()

def record(i):
    return {
        "id": rng.randint(1, 10**6),
        "name": f"{rng.choice(words)} {i}",
        "email": f"user{i}@example.com",
        "created": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00Z",
        "amount": round(rng.random() * 1000, 2),
        "active": rng.random() > 0.5,
        "tags": [rng.choice(words) for _ in range(3)],
        "owner": {"id": rng.randint(1, 999), "email": f"owner{i}@example.com", "team": {"id": i % 7, "name": rng.choice(words)}},
        "notes": None if i % 3 else "checked",
    }

folders = []
for f in range(requests_n // 20):
    items = []
    for r in range(20):
        n = f * 20 + r
        resource = f"{words[n % len(words)]}s{n // len(words)}"
        method = ["GET", "POST", "PUT", "DELETE", "GET"][r % 5]
        url = {"raw": "{{baseUrl}}/" + resource + "/:id?page=1&size=50",
               "host": ["{{baseUrl}}"], "path": [resource, ":id"],
               "query": [{"key": "page", "value": "1"}, {"key": "size", "value": "50"}],
               "variable": [{"key": "id", "value": str(n), "description": "The id"}]}
        req = {"method": method, "header": [{"key": "Accept", "value": "application/json"},
                                              {"key": "X-Correlation-Id", "value": f"c-{n}"}], "url": url}
        if method in ("POST", "PUT"):
            req["body"] = {"mode": "raw", "raw": json.dumps(record(n), indent=2), "options": {"raw": {"language": "json"}}}
        responses = []
        for k in range(responses_per):
            code = 200 if k < responses_per - 1 else 404
            body = {"items": [record(n * 10 + k + j) for j in range(3)], "total": 3} if code == 200 else {"error": "not found"}
            responses.append({"name": f"example {k}", "code": code, "status": "OK" if code == 200 else "Not Found",
                              "header": [{"key": "Content-Type", "value": "application/json"}],
                              "body": json.dumps(body, indent=2), "originalRequest": req})
        items.append({"name": f"{method.title()} {resource}", "request": req, "response": responses})
    folders.append({"name": f"Folder {f}", "item": items})

collection = {
    "info": {"name": "Benchmark", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
    "variable": [{"key": "baseUrl", "value": "https://api.example.com/v1"}],
    "item": folders,
}
with open(sys.argv[1], "w") as f:
    json.dump(collection, f, indent=2)

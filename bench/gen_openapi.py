#!/usr/bin/env python3
"""Writes a large, deterministic OpenAPI 3.0 definition for the conversion benchmark: thousands of
component schemas that refer to each other, and hundreds of operations that use them."""
import json, random, sys

out = sys.argv[1]
schemas_n = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
paths_n = int(sys.argv[3]) if len(sys.argv) > 3 else 400
rng = random.Random(11)
words = "account order invoice customer product shipment payment refund ticket user team project task note file".split()

schemas = {}
for i in range(schemas_n):
    props = {
        "id": {"type": "string", "format": "uuid", "description": f"Identifier of item {i}"},
        "name": {"type": "string", "maxLength": 200, "nullable": True},
        "amount": {"type": "number", "minimum": 0},
        "count": {"type": "integer", "format": "int32"},
        "created": {"type": "string", "format": "date-time"},
        "status": {"type": "string", "enum": ["active", "closed", "pending"]},
        "tags": {"type": "array", "items": {"type": "string"}},
    }
    if i > 0:
        props["parent"] = {"$ref": f"#/components/schemas/S{rng.randrange(i)}"}
        props["related"] = {"type": "array", "items": {"$ref": f"#/components/schemas/S{rng.randrange(i)}"}}
    if i % 10 == 5:
        props["choice"] = {"oneOf": [{"$ref": f"#/components/schemas/S{rng.randrange(i)}"}, {"$ref": f"#/components/schemas/S{rng.randrange(i)}"}]}
    schemas[f"S{i}"] = {"type": "object", "description": f"A {words[i % len(words)]} record", "required": ["id"], "properties": props}

paths = {}
for p in range(paths_n):
    s = f"S{rng.randrange(schemas_n)}"
    res = f"/{words[p % len(words)]}s{p}"
    ref = {"$ref": f"#/components/schemas/{s}"}
    paths[res] = {
        "get": {"operationId": f"list{p}", "summary": f"List {res}", "parameters": [
            {"name": "page", "in": "query", "schema": {"type": "integer"}},
            {"name": "tags", "in": "query", "style": "form", "explode": False, "schema": {"type": "array", "items": {"type": "string"}}}],
            "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "array", "items": ref}}}},
                          "default": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}}}},
        "post": {"operationId": f"create{p}", "summary": f"Create in {res}", "requestBody": {"required": True, "content": {"application/json": {"schema": ref}}},
                 "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": ref}}}}},
    }
    paths[res + "/{id}"] = {
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "get": {"operationId": f"get{p}", "summary": f"Get one of {res}", "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": ref}}}}},
        "delete": {"operationId": f"delete{p}", "summary": f"Delete one of {res}", "responses": {"204": {"description": "Deleted"}}},
    }

doc = {"openapi": "3.0.3", "info": {"title": "Benchmark", "version": "1.0"},
       "servers": [{"url": "https://api.example.com/v1"}], "paths": paths,
       "components": {"schemas": schemas, "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}}},
       "security": [{"key": []}]}
with open(out, "w") as f:
    json.dump(doc, f, indent=2)

#!/usr/bin/env python3
"""Writes a deterministic Swagger 2.0 connector definition with N operations (one path with a
`get` each: a path parameter and a response referring to a shared schema), written compactly,
about 190 bytes an operation. Options:

    gen_many_ops.py OUT N            the connector definition
    gen_many_ops.py OUT N --changed  the same with changes for `diff`: every 1000th operation
                                     removed, every 1000th (offset 500) with a new required
                                     query parameter
    gen_many_ops.py OUT N --openapi3 an OpenAPI 3.0 twin of it, for `drift`
"""
import json, sys

out, n = sys.argv[1], int(sys.argv[2])
mode = sys.argv[3] if len(sys.argv) > 3 else ""
words = "account order invoice customer product shipment payment refund ticket user".split()


def swagger_op(i):
    params = [
        {"name": "id", "in": "path", "required": True, "type": "string"},
    ]
    if mode == "--changed" and i % 1000 == 500:
        params.append({"name": "since", "in": "query", "required": True, "type": "string"})
    return {
        "operationId": f"Get{words[i % 10].title()}{i}",
        "summary": f"Get {words[i % 10]} {i}",
        "parameters": params,
        "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Item"}}},
    }


def openapi_op(i):
    return {
        "operationId": f"Get{words[i % 10].title()}{i}",
        "summary": f"Get {words[i % 10]} {i}",
        "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
        ],
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}}},
    }


def path(i):
    return f"/{words[i % 10]}s/{i}/{{id}}"


with open(out, "w") as f:
    if mode == "--openapi3":
        head = {"openapi": "3.0.3", "info": {"title": "Many operations", "version": "1.0", "description": "A benchmark API"},
                "servers": [{"url": "https://api.example.com/v1"}]}
        op = openapi_op
    else:
        head = {"swagger": "2.0", "info": {"title": "Many operations", "version": "1.0", "description": "A benchmark API"},
                "host": "api.example.com", "basePath": "/v1", "schemes": ["https"],
                "consumes": ["application/json"], "produces": ["application/json"]}
        op = swagger_op
    # Written piece by piece: a million operations do not need a million-entry dict in memory.
    f.write(json.dumps(head, separators=(",", ":"))[:-1])
    f.write(',"paths":{')
    first = True
    for i in range(n):
        if mode == "--changed" and i % 1000 == 0:
            continue
        if not first:
            f.write(",")
        first = False
        f.write(json.dumps(path(i)) + ":" + json.dumps({"get": op(i)}, separators=(",", ":")))
    item = {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}
    if mode == "--openapi3":
        f.write("},\"components\":{\"schemas\":{\"Item\":" + json.dumps(item, separators=(",", ":")) + "}}}\n")
    else:
        f.write("},\"definitions\":{\"Item\":" + json.dumps(item, separators=(",", ":")) + "}}\n")

#!/usr/bin/env python3
"""Writes a deterministic Postman v2.1 collection shaped like a real exported one, for the
conversion benchmark (bench/convert.sh).

Usage: gen_collection.py OUT [REQUESTS (600)] [SEED (15)]

The shape follows the Postman exports of public APIs (the Postman app's "Export > Collection
v2.1" of a workspace that was used for a while), as in the collections under
/work/shared/corpus/postman:

- `info` with `_postman_id`, a markdown description and the v2.1 schema URL; collection
  `variable`s (`baseUrl`, tokens, ids) and collection `event`s (prerequest and test scripts);
- collection auth (bearer `{{accessToken}}`), some folders with their own auth (apikey in a
  header), most requests inheriting (an export leaves `auth` out), some with `noauth` or their own
  bearer;
- top-level folders of an API area, a folder per resource below, and for some resources a third
  level (bulk/admin), each with a markdown description;
- requests on `{{baseUrl}}` (host `["{{baseUrl}}"]`), a few on a second, absolute host (a token
  endpoint); path variables as `:id` (with `variable` entries and descriptions) and as
  `{{var}}` segments; query parameters with descriptions, some disabled; request headers (some
  disabled); raw JSON, urlencoded and form-data (text and file) bodies; markdown descriptions;
  prerequest/test scripts per request;
- saved responses (0 to 7 per request, about 3 on average): a name, an `originalRequest` copy of
  the request, status and code (2xx, 4xx, 5xx), `_postman_previewlanguage`, the response headers
  real servers send, `cookie`, and a pretty-printed JSON body. Bodies are large and varied:
  paged lists of 2 to 12 nested records, records whose optional keys differ between responses,
  nulls, integers and floats, ISO dates, nested arrays of objects, and error envelopes.

Sizes with the defaults: about 4 MB, 600 requests, ~1,800 saved responses; the converted
connector is over 1 MB, so the connector's size passes run.
"""
import json
import random
import sys

out_path = sys.argv[1]
requests_n = int(sys.argv[2]) if len(sys.argv) > 2 else 600
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 15)

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
         "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split()
FIRST = "Ada Brook Carol Dmitri Elena Farid Grace Hiro Ines Jonas Kemal Lena Mateo Nia Omar Priya".split()
LAST = "Okafor Lindqvist Tanaka Moreau Silva Kowalski Haddad Novak Reyes Schmidt Ivanova Chen".split()
CITIES = "Lisbon Osaka Denver Nairobi Tallinn Porto Austin Lyon Krakow Quito Perth Bergen".split()
CURRENCIES = ["EUR", "USD", "GBP", "JPY", "CHF"]
STATUSES = ["active", "pending", "archived", "suspended", "draft"]

AREAS = {
    "Sales": ["customers", "orders", "quotes", "opportunities", "leads"],
    "Billing": ["invoices", "payments", "refunds", "subscriptions", "credit-notes"],
    "Catalog": ["products", "categories", "price-lists", "bundles"],
    "Fulfilment": ["shipments", "warehouses", "stock-movements", "carriers"],
    "Support": ["tickets", "comments", "sla-policies", "macros"],
    "Identity": ["users", "teams", "roles", "api-clients"],
    "Projects": ["projects", "tasks", "milestones", "timesheets"],
    "Content": ["documents", "folders", "attachments", "templates"],
    "Analytics": ["reports", "dashboards", "exports"],
    "Integrations": ["webhooks", "connections", "sync-jobs"],
}
APIKEY_AREAS = {"Analytics", "Integrations"}


def singular(res):
    return res[:-3] + "y" if res.endswith("ies") else res[:-1] if res.endswith("s") else res


def camel(res):
    parts = singular(res).split("-")
    return parts[0] + "".join(p.title() for p in parts[1:])


def date():
    return f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}T{rng.randint(0, 23):02}:{rng.randint(0, 59):02}:{rng.randint(0, 59):02}.{rng.randint(0, 999):03}Z"


def person():
    f, l = rng.choice(FIRST), rng.choice(LAST)
    return {"id": rng.randint(1000, 99999), "name": f"{f} {l}", "email": f"{f.lower()}.{l.lower()}@example.com"}


def address():
    return {"line1": f"{rng.randint(1, 300)} {rng.choice(WORDS).title()} Street", "line2": None if rng.random() < 0.7 else f"Suite {rng.randint(1, 90)}",
            "city": rng.choice(CITIES), "postalCode": f"{rng.randint(10000, 99999)}", "country": rng.choice(["PT", "JP", "US", "KE", "EE", "FR"])}


# Each resource has its own fields: (name, generator, probability of being present).
FIELD_KINDS = [
    ("status", lambda: rng.choice(STATUSES)),
    ("amount", lambda: round(rng.random() * 5000, 2)),
    ("currency", lambda: rng.choice(CURRENCIES)),
    ("quantity", lambda: rng.randint(0, 500)),
    ("dueDate", date),
    ("closedAt", lambda: None if rng.random() < 0.5 else date()),
    ("owner", person),
    ("assignee", lambda: None if rng.random() < 0.3 else person()),
    ("address", address),
    ("tags", lambda: [rng.choice(WORDS) for _ in range(rng.randint(0, 5))]),
    ("priority", lambda: rng.randint(1, 5)),
    ("score", lambda: round(rng.random(), 4)),
    ("isDefault", lambda: rng.random() < 0.5),
    ("externalRef", lambda: None if rng.random() < 0.4 else f"EXT-{rng.randint(1, 10**6)}"),
    ("lines", lambda: [{"sku": f"SKU-{rng.randint(100, 999)}", "description": f"{rng.choice(WORDS)} {rng.choice(WORDS)}",
                        "quantity": rng.randint(1, 20), "unitPrice": round(rng.random() * 200, 2),
                        "discount": None if rng.random() < 0.6 else round(rng.random() * 0.3, 2)}
                       for _ in range(rng.randint(1, 4))]),
    ("metadata", lambda: {rng.choice(WORDS): rng.choice(WORDS) for _ in range(rng.randint(0, 3))}),
    ("history", lambda: [{"at": date(), "by": person(), "action": rng.choice(["created", "updated", "approved", "sent"]),
                          "changes": [{"field": rng.choice(WORDS), "from": None, "to": rng.choice(WORDS)}]}
                         for _ in range(rng.randint(0, 3))]),
    ("settings", lambda: {"notify": rng.random() < 0.5, "channel": rng.choice(["email", "sms", "none"]), "retries": rng.randint(0, 5),
                          "window": {"from": "08:00", "to": "18:00", "timezone": rng.choice(["UTC", "Europe/Lisbon", "Asia/Tokyo"])}}),
    ("contact", lambda: {"phone": f"+351 9{rng.randint(10000000, 99999999)}", "person": person(), "preferred": rng.random() < 0.5}),
    ("url", lambda: f"https://files.example.com/{rng.choice(WORDS)}/{rng.randint(1, 10**5)}"),
    ("version", lambda: rng.randint(1, 40)),
    ("ratio", lambda: round(rng.random() * 100, 1)),
]


def resource_fields():
    chosen = rng.sample(FIELD_KINDS, rng.randint(6, 11))
    # Some fields appear in every record, others only in some responses.
    return [(name, gen, 1.0 if rng.random() < 0.5 else rng.choice([0.3, 0.6, 0.8])) for name, gen in chosen]


def record(res, fields, i, extra):
    r = {"id": f"{singular(res)[:3]}_{rng.randint(10**5, 10**6)}", "name": f"{rng.choice(WORDS).title()} {singular(res)} {i}",
         "createdAt": date(), "updatedAt": None if rng.random() < 0.2 else date()}
    for name, gen, p in fields:
        if rng.random() < p:
            r[name] = gen()
    if extra:
        r["_links"] = {"self": {"href": f"/v2/{res}/{r['id']}"}, "owner": {"href": f"/v2/users/{rng.randint(1, 999)}"}}
    return r


def body_text(value):
    # Postman keeps the body as the server sent it; most are pretty-printed with 4 or 2 spaces.
    return json.dumps(value, indent=rng.choice([4, 4, 2]))


def error_body(code):
    msg = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
           422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error"}[code]
    body = {"error": {"code": msg.upper().replace(" ", "_"), "message": f"{msg}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
                      "traceId": f"{rng.getrandbits(64):016x}", "timestamp": date()}}
    if code in (400, 422):
        body["error"]["details"] = [{"field": rng.choice(WORDS), "issue": rng.choice(["required", "too long", "invalid format"]),
                                     "location": rng.choice(["body", "query"])} for _ in range(rng.randint(1, 4))]
    return body


def response_headers(length):
    hs = [("Date", f"{rng.choice(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])}, {rng.randint(1, 28):02} Mar 2024 {rng.randint(0, 23):02}:{rng.randint(0, 59):02}:11 GMT"),
          ("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(length)), ("Connection", "keep-alive"),
          ("X-Request-Id", f"{rng.getrandbits(128):032x}"), ("X-RateLimit-Limit", "1000"), ("X-RateLimit-Remaining", str(rng.randint(0, 999))),
          ("Cache-Control", "no-cache, no-store"), ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
          ("Vary", "Accept-Encoding"), ("Server", "nginx")]
    return [{"key": k, "value": v} for k, v in hs[: rng.randint(4, 8)]]


def md_description(title, res):
    kind = rng.random()
    if kind < 0.15:
        return ""
    text = f"{title}.\n\nWorks on **{res}** of the current tenant."
    if kind > 0.5:
        text += ("\n\n### Notes\n\n- Results are paged; use `page` and `size`.\n- Dates are ISO 8601 in UTC.\n"
                 f"- Requires the `{res}:read` scope.\n\n| field | meaning |\n|---|---|\n| `id` | the {singular(res)} id |\n| `status` | one of {', '.join(STATUSES)} |")
    if kind > 0.8:
        text += f"\n\n```json\n{{\n  \"id\": \"{singular(res)[:3]}_123456\"\n}}\n```"
    return text


def script(listen, lines):
    return {"listen": listen, "script": {"id": f"{rng.getrandbits(64):016x}", "type": "text/javascript", "exec": lines}}


def test_script(code):
    return script("test", [f"pm.test(\"Status code is {code}\", function () {{", f"    pm.response.to.have.status({code});", "});",
                           "const body = pm.response.json();", "pm.test(\"has data\", () => pm.expect(body).to.be.an(\"object\"));"])


def url(path, query, variables, host="{{baseUrl}}"):
    raw = host + "/" + "/".join(path)
    enabled = [q for q in query if not q.get("disabled")]
    if enabled:
        raw += "?" + "&".join(f"{q['key']}={q['value']}" for q in enabled)
    u = {"raw": raw, "host": [host] if host.startswith("{{") else host.split("//")[1].split("/")[0].split("."), "path": path}
    if not host.startswith("{{"):
        u["protocol"] = "https"
    if query:
        u["query"] = query
    if variables:
        u["variable"] = variables
    return u


def list_query():
    q = [{"key": "page", "value": "1", "description": "Page number, from 1"},
         {"key": "size", "value": str(rng.choice([20, 50, 100])), "description": "Items per page (max 100)"},
         {"key": "sort", "value": rng.choice(["createdAt", "-updatedAt", "name"]), "description": "Sort key; a leading `-` sorts descending"},
         {"key": "status", "value": rng.choice(STATUSES), "description": "Only items with this status", "disabled": True},
         {"key": "q", "value": "", "description": "Free-text search", "disabled": True}]
    if rng.random() < 0.4:
        q.append({"key": "include", "value": "owner,lines", "description": "Related objects to embed"})
    if rng.random() < 0.3:
        q.append({"key": "updatedSince", "value": "{{lastSync}}", "description": "ISO date; only items changed since"})
    return q


def headers(extra=()):
    h = [{"key": "Accept", "value": "application/json", "type": "text"}]
    if rng.random() < 0.5:
        h.append({"key": "X-Correlation-Id", "value": "{{$guid}}", "type": "text", "description": "Traces the call in the logs"})
    if rng.random() < 0.2:
        h.append({"key": "X-Debug", "value": "true", "type": "text", "disabled": True})
    return h + list(extra)


def request_item(name, method, u, desc, body=None, auth=None, extra_headers=(), responses_fn=None, events=True):
    req = {"method": method, "header": headers(extra_headers), "url": u}
    if auth is not None:
        req = {"auth": auth, **req}
    if body is not None:
        req["body"] = body
    if desc:
        req["description"] = desc
    item = {"name": name, "request": req}
    if events and rng.random() < 0.6:
        evs = [test_script(200 if method == "GET" else 201 if method == "POST" else 200)]
        if rng.random() < 0.3:
            evs.insert(0, script("prerequest", ["pm.collectionVariables.set(\"now\", new Date().toISOString());"]))
        item["event"] = evs
    saved = []
    for i, (code, body_value, rname) in enumerate(responses_fn() if responses_fn else []):
        orig = json.loads(json.dumps(req))
        orig.pop("description", None)
        text = body_text(body_value) if body_value is not None else ""
        status = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
                  404: "Not Found", 409: "Conflict", 422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error"}[code]
        saved.append({"name": rname, "originalRequest": orig, "status": status, "code": code,
                      "_postman_previewlanguage": "json" if text else "text", "header": response_headers(len(text)),
                      "cookie": [], "body": text})
    item["response"] = saved
    return item


def errors(codes):
    return [(c, error_body(c), f"{c} {['error', 'failure', 'rejected'][c % 3]}") for c in codes]


def resource_requests(area, res, fields, budget):
    s, c = singular(res), camel(res)
    idvar = f"{c}Id"
    items = []

    def page(n_min, n_max, extra):
        n = rng.randint(n_min, n_max)
        return {"data": [record(res, fields, i, extra) for i in range(n)],
                "page": {"number": 1, "size": n, "totalElements": rng.randint(n, 5000), "totalPages": rng.randint(1, 100)},
                **({"links": {"next": f"/v2/{res}?page=2", "prev": None}} if extra else {})}

    def list_responses():
        rs = [(200, page(2, 6, False), f"List {res}"), (200, page(1, 4, True), f"List {res} with links")]
        if rng.random() < 0.5:
            rs.append((200, {"data": [], "page": {"number": 9, "size": 0, "totalElements": 0, "totalPages": 0}}, "Empty page"))
        return rs + errors(rng.sample([400, 401, 403, 429, 500], rng.randint(0, 2)))

    def one_responses(code=200):
        rs = [(code, record(res, fields, 0, rng.random() < 0.5), f"{s.title()} found" if code == 200 else f"{s.title()} created")]
        if rng.random() < 0.6:
            rs.append((code, record(res, fields, 1, True), f"{s.title()} with links"))
        return rs + errors(rng.sample([400, 401, 404, 409, 422], rng.randint(0, 2)))

    id_var = [{"key": "id", "value": f"{{{{{idvar}}}}}", "description": f"The {s}'s id (from the list)"}]
    lst = request_item(f"List {res}", "GET", url(["v2", res], list_query(), None), md_description(f"Lists {res}", res),
                       responses_fn=list_responses)
    get = request_item(f"Get a {s}", "GET", url(["v2", res, ":id"], [], id_var), md_description(f"Returns one {s}", res),
                       responses_fn=one_responses)
    example = record(res, fields, 0, False)
    example.pop("id")
    raw = {"mode": "raw", "raw": json.dumps(example, indent=4), "options": {"raw": {"language": "json"}}}
    create = request_item(f"Create a {s}", "POST", url(["v2", res], [], None), md_description(f"Creates a {s}", res), body=raw,
                          extra_headers=[{"key": "Content-Type", "value": "application/json", "type": "text"}],
                          responses_fn=lambda: one_responses(201))
    patch = dict(example)
    for k in list(patch)[: len(patch) // 2]:
        patch.pop(k)
    update = request_item(f"Update a {s}", rng.choice(["PUT", "PATCH"]), url(["v2", res, f"{{{{{idvar}}}}}"], [], None),
                          md_description(f"Updates a {s}", res),
                          body={"mode": "raw", "raw": json.dumps(patch, indent=4), "options": {"raw": {"language": "json"}}},
                          responses_fn=one_responses)
    delete = request_item(f"Delete a {s}", "DELETE", url(["v2", res, ":id"], [], id_var), md_description(f"Deletes a {s}", res),
                          responses_fn=lambda: [(204, None, "Deleted")] + errors([404]))
    items += [lst, get, create, update, delete]
    # Actions, uploads and sub-resources until the budget is spent; each path once. Fewer of
    # these have saved examples than the CRUD calls, as in real collections.
    actions = ["archive", "restore", "approve", "send", "duplicate", "lock", "unlock", "recalculate", "assign", "export"]
    subs = ["notes", "events", "audit-log", "links", "versions", "permissions", "history", "shares"]
    extras = [("action", a) for a in actions] + [("sub", x) for x in subs] + [("upload", "attachments")]
    rng.shuffle(extras)

    def some(rs):
        return rs[: rng.choice([0, 0, 1, 1, 2])]

    for kind, what in extras[: max(0, budget - len(items))]:
        if kind == "action":
            body = {"mode": "urlencoded", "urlencoded": [
                {"key": "reason", "value": rng.choice(WORDS), "description": "Why, for the audit log", "type": "text"},
                {"key": "notify", "value": "true", "type": "text"},
                {"key": "effectiveDate", "value": "{{now}}", "type": "text", "disabled": rng.random() < 0.5}]}
            items.append(request_item(f"{what.title()} a {s}", "POST", url(["v2", res, ":id", "actions", what], [], id_var),
                                      md_description(f"{what.title()}s a {s}", res), body=body,
                                      responses_fn=lambda: some([(200, record(res, fields, 2, True), f"{s.title()} after the action")] + errors([409]))))
        elif kind == "upload":
            body = {"mode": "formdata", "formdata": [
                {"key": "file", "type": "file", "src": f"/Users/someone/Downloads/{rng.choice(WORDS)}.pdf", "description": "The file to attach"},
                {"key": "title", "value": f"{rng.choice(WORDS)} scan", "type": "text"},
                {"key": "visibility", "value": "internal", "type": "text", "description": "internal or public"}]}
            items.append(request_item(f"Upload an attachment to a {s}", "POST", url(["v2", res, ":id", what], [], id_var),
                                      md_description("Uploads a file", res), body=body,
                                      responses_fn=lambda: some([(201, {"id": rng.randint(1, 10**6), "fileName": f"{rng.choice(WORDS)}.pdf", "size": rng.randint(1000, 10**7),
                                                                        "uploadedAt": date(), "uploadedBy": person(), "checksum": {"sha256": f"{rng.getrandbits(256):064x}"}},
                                                                   "Uploaded")] + errors([400]))))
        else:
            subfields = resource_fields()
            items.append(request_item(f"List {what} of a {s}", "GET",
                                      url(["v2", res, f"{{{{{idvar}}}}}", what], list_query()[:3], None),
                                      md_description(f"Lists the {what} of a {s}", res),
                                      responses_fn=lambda: some([(200, {"data": [record(what, subfields, i, rng.random() < 0.3) for i in range(rng.randint(2, 6))],
                                                                        "page": {"number": 1, "size": 10, "totalElements": 42}}, f"{what} page")]
                                                                + errors(rng.sample([401, 404], 1)))))
    return items[:budget]


areas = list(AREAS.items())
resources = [(area, res) for area, rs in areas for res in rs]
per = [requests_n // len(resources)] * len(resources)
for i in range(requests_n - sum(per)):
    per[i % len(per)] += 1

folders = []
variables = [{"key": "baseUrl", "value": "https://api.contoso-demo.example/api", "type": "string"},
             {"key": "accessToken", "value": "", "type": "string"},
             {"key": "apiKey", "value": "", "type": "string"},
             {"key": "lastSync", "value": "2024-01-01T00:00:00Z", "type": "string"},
             {"key": "now", "value": "", "type": "string"}]
ri = 0
for area, rs in areas:
    sub_folders = []
    for res in rs:
        fields = resource_fields()
        items = resource_requests(area, res, fields, per[ri])
        ri += 1
        variables.append({"key": f"{camel(res)}Id", "value": f"{singular(res)[:3]}_{rng.randint(10**5, 10**6)}", "type": "string"})
        for it in items:
            r = it["request"]
            roll = rng.random()
            if roll < 0.05:
                r["auth"] = {"type": "noauth"}
            elif roll < 0.1:
                r["auth"] = {"type": "bearer", "bearer": [{"key": "token", "value": "{{accessToken}}", "type": "string"}]}
        folder = {"name": res.replace("-", " ").title(), "description": md_description(f"Everything about {res}", res)}
        if len(items) > 10 and rng.random() < 0.6:
            # A third level: the bulk and admin calls in their own folder.
            folder["item"] = items[:8] + [{"name": "Bulk and admin", "description": "Calls for back-office tools.", "item": items[8:]}]
        else:
            folder["item"] = items
        sub_folders.append(folder)
    top = {"name": area, "description": f"## {area}\n\nThe {area.lower()} endpoints. See the [guide](https://docs.example.com/{area.lower()}).",
           "item": sub_folders}
    if area in APIKEY_AREAS:
        top["auth"] = {"type": "apikey", "apikey": [{"key": "value", "value": "{{apiKey}}", "type": "string"},
                                                    {"key": "key", "value": "X-Api-Key", "type": "string"},
                                                    {"key": "in", "value": "header", "type": "string"}]}
    top["event"] = [script("prerequest", [""]), script("test", [""])]
    folders.append(top)

# The token endpoint on its own host, as collections that fetch their own token have.
token = request_item("Get an access token", "POST", url(["oauth2", "v2.0", "token"], [], None, host="https://login.contoso-demo.example"),
                     "Client-credentials grant; the test script stores the token in `accessToken`.",
                     body={"mode": "urlencoded", "urlencoded": [{"key": "grant_type", "value": "client_credentials", "type": "text"},
                                                                {"key": "client_id", "value": "{{clientId}}", "type": "text"},
                                                                {"key": "client_secret", "value": "{{clientSecret}}", "type": "text"},
                                                                {"key": "scope", "value": "api://contoso/.default", "type": "text"}]},
                     auth={"type": "noauth"},
                     responses_fn=lambda: [(200, {"token_type": "Bearer", "expires_in": 3599, "access_token": "eyJ0eXAiOiJKV1Qi..."}, "Token")])
folders.insert(0, {"name": "Auth", "item": [token]})

collection = {
    "info": {"_postman_id": "5f0c8d3e-0b7a-4d8e-9a57-3c2f1e9b7d41", "name": "Contoso Demo API",
             "description": "# Contoso Demo API\n\nThe public API of the Contoso demo tenant.\n\n## Authentication\n\n"
                            "Run **Auth > Get an access token** first; the other calls send it as a bearer token.\n\n"
                            "## Paging\n\nList calls take `page` and `size` and return a `page` object.",
             "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json", "_exporter_id": "12345678"},
    "item": folders,
    "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{accessToken}}", "type": "string"}]},
    "event": [script("prerequest", ["if (!pm.collectionVariables.get(\"accessToken\")) {", "    console.log(\"run Auth first\");", "}"]),
              script("test", [""])],
    "variable": variables,
}
with open(out_path, "w") as f:
    json.dump(collection, f, indent="\t")

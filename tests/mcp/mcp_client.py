#!/usr/bin/env python3
"""A scripted MCP client: starts `recall mcp` on an index of corpus/ and speaks JSON-RPC 2.0
to it over stdio, as an assistant would (initialize, tools/list, tools/call), then sends
what a broken client might (malformed JSON, an unknown tool or method, a path outside the
vault, an oversized line) and checks that each gets its JSON-RPC error and that the server
keeps serving; then serves a vault that recall-index updates and rebuilds under it.
Usage: mcp_client.py RECALL RECALL_INDEX CORPUS"""
import json
import os
import subprocess
import sys
import tempfile

recall, indexer, corpus = sys.argv[1:4]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(tmp, "config"), NO_COLOR="1")
    index = os.path.join(tmp, "index")
    subprocess.run([indexer, "--vault", corpus, "--index", index, "--quiet"], env=env, check=True,
                   stderr=subprocess.DEVNULL)
    server = subprocess.Popen([recall, "mcp", "--index", index], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              env=env, text=True, encoding="utf-8")
    next_id = [0]

    def send_line(line):
        server.stdin.write(line + "\n")
        server.stdin.flush()
        return json.loads(server.stdout.readline())

    def request(method, params=None):
        next_id[0] += 1
        message = {"jsonrpc": "2.0", "id": next_id[0], "method": method}
        if params is not None:
            message["params"] = params
        response = send_line(json.dumps(message))
        check(response.get("id") == next_id[0], f"{method}: the response has the request's id")
        check(response.get("jsonrpc") == "2.0", f"{method}: jsonrpc 2.0")
        return response

    def call(tool, arguments):
        return request("tools/call", {"name": tool, "arguments": arguments})

    init = request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                  "clientInfo": {"name": "test", "version": "1"}})
    check(init["result"]["protocolVersion"] == "2025-06-18", "initialize: protocol revision")
    check("tools" in init["result"]["capabilities"], "initialize: tools capability")
    server.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")  # no answer

    tools = request("tools/list")["result"]["tools"]
    check(sorted(t["name"] for t in tools) == ["get_note", "people", "search", "similar", "tasks"], "tools/list names")
    check(all(t["inputSchema"]["type"] == "object" for t in tools), "tools/list: input schemas")

    # search: the same hits as recall --json.
    found = call("search", {"query": "blob support", "person": "andy", "limit": 3})["result"]
    check(found["isError"] is False, "search: no error")
    hits = found["structuredContent"]["hits"]
    cli = subprocess.run([recall, "--index", index, "blob support", "--person", "andy", "-n", "3", "--json"],
                         env=env, capture_output=True, text=True).stdout.splitlines()
    check([h["path"] for h in hits] == [json.loads(l)["path"] for l in cli], "search: the hits of --json")
    check(json.loads(found["content"][0]["text"]) == found["structuredContent"], "search: text content is the JSON")
    bounded = call("search", {"query": "the", "limit": 1000})["result"]["structuredContent"]["hits"]
    check(0 < len(bounded) <= 50, "search: a limit over the bound gives 50 at most")
    check(call("search", {"query": "the", "limit": "ten"})["error"]["code"] == -32602, "search: a bad limit")

    tasks = call("tasks", {"owner": "rosa-lindqvist"})["result"]["structuredContent"]["tasks"]
    check([t["text"] for t in tasks] == ["Send the supplier scorecard", "Ask for the supplier's carbon report"],
          "tasks: by owner")
    mine = call("tasks", {"owner": "me", "status": "all", "due": "2023-11"})["result"]["structuredContent"]["tasks"]
    check(len(mine) == 3 and all(t["owner"] in ("me", "Myself") for t in mine), "tasks: @me in November 2023")

    note = call("get_note", {"path": "Planning/Rosa - launch budget.md"})["result"]["structuredContent"]
    check(note["text"].startswith("---\ntype:") and "Confirm the launch budget" in note["text"], "get_note: the text")

    people = call("people", {"limit": 5})["result"]["structuredContent"]["people"]
    check(len(people) == 5 and people[0]["notes"] >= people[-1]["notes"], "people: most notes first")
    check(all({"name", "slug", "notes"} <= set(p) for p in people), "people: name, slug, notes")

    similar = call("similar", {"path": "Planning/Rosa - launch budget.md", "limit": 5})["result"]["structuredContent"]
    paths = [h["path"] for h in similar["hits"]]
    check("Planning/Rosa - launch budget.md" not in paths and paths[0].startswith("Planning/"), "similar: others")

    # What a broken or hostile client sends: an error each, and the server goes on.
    check(send_line("{not json")["error"]["code"] == -32700, "malformed JSON: parse error")
    check(send_line('{"jsonrpc": "2.0", "id": 7}')["error"]["code"] == -32600, "no method: invalid request")
    check(send_line('[1, 2]')["error"]["code"] == -32600, "an array: invalid request")
    check(request("no/such/method")["error"]["code"] == -32601, "unknown method")
    check(call("drop_tables", {})["error"]["code"] == -32602, "unknown tool")
    for outside in ["../secret.md", "/etc/passwd", "Planning/../../etc/passwd"]:
        check(call("get_note", {"path": outside})["error"]["code"] == -32602, f"path outside the vault: {outside}")
    check(call("get_note", {"path": "no such note.md"})["error"]["code"] == -32602, "no such note")
    check(call("similar", {"path": "../x.md"})["error"]["code"] == -32602, "similar: path outside the vault")
    bad_query = call("search", {"query": "person:nobody-at-all"})["result"]
    check(bad_query["isError"] is True, "a query the assistant must fix: a tool error")
    huge = json.dumps({"jsonrpc": "2.0", "id": 99, "method": "tools/call",
                       "params": {"name": "search", "arguments": {"query": "x" * (2 << 20)}}})
    check(send_line(huge)["error"]["code"] == -32600, "oversized request")
    check(request("ping")["result"] == {}, "still serving after the errors")
    check(call("search", {"query": "pricing"})["result"]["isError"] is False, "searches after the errors")

    server.stdin.close()
    check(server.wait(timeout=10) == 0, "exits 0 at the end of input")

    # A server that runs for days reads the index as recall-index leaves it: an incremental
    # run's commit, and a nightly --full rebuild that swaps in a new generation.
    vault, live = os.path.join(tmp, "vault"), os.path.join(tmp, "live")
    os.makedirs(vault)

    def write_note(name, text):
        with open(os.path.join(vault, name), "w", encoding="utf-8") as f:
            f.write(f"# {name}\n\n{text}\n\n- [ ] Follow up on {text} @Ann\n")

    def reindex(*extra):
        subprocess.run([indexer, "--vault", vault, "--index", live, "--quiet", *extra], env=env, check=True,
                       stderr=subprocess.DEVNULL)

    write_note("first.md", "aardvark")
    reindex()
    server = subprocess.Popen([recall, "mcp", "--index", live], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              env=env, text=True, encoding="utf-8")

    def found(word):
        hits = call("search", {"query": word})["result"]["structuredContent"]["hits"]
        tasks = call("tasks", {"query": word})["result"]["structuredContent"]["tasks"]
        return [h["path"] for h in hits], [t["path"] for t in tasks]

    check(found("aardvark") == (["first.md"], ["first.md"]), "live index: the first note")
    write_note("second.md", "zebrafish")
    reindex()
    check(found("zebrafish") == (["second.md"], ["second.md"]), "an incremental run's new note is found")
    write_note("third.md", "okapi")
    os.remove(os.path.join(vault, "first.md"))
    reindex("--full")
    check(found("okapi") == (["third.md"], ["third.md"]), "after a --full rebuild: its new note is found")
    check(found("aardvark") == ([], []), "after a --full rebuild: its deleted note is gone")
    server.stdin.close()
    check(server.wait(timeout=10) == 0, "the live server exits 0 at the end of input")

if failures:
    sys.exit(f"{len(failures)} checks failed")
print("all MCP checks passed")

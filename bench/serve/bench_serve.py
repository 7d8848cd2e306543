#!/usr/bin/env python3
"""Throughput of `sftbench-cli serve`: requests/s and generated tokens/s at several concurrency levels.

Starts the server on a free port (or uses --url), then for each concurrency level C keeps C requests in
flight (C threads, each posting /v1/completions back to back) until --requests have completed, and
reports requests/s, completion tokens/s (from the server's usage), and the p50 / p95 latency.
Every request asks for exactly --max-tokens tokens (ignore_eos, sampling with a per-request seed),
so levels are comparable. Standard library only (urllib + threads).

    python3 bench/serve/bench_serve.py --model build/bench-models/demo # starts build/app/sftbench-cli serve
    python3 bench/serve/bench_serve.py --url http://127.0.0.1:8080/v1  # an already running server
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def post(url, body, key, timeout=600):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    if key:
        req.add_header("Authorization", "Bearer " + key)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.load(r)


def run_level(base, concurrency, total, args):
    lock = threading.Lock()
    next_id = [0]
    latencies, tokens, errors = [], [0], []

    def worker():
        while True:
            with lock:
                if next_id[0] >= total:
                    return
                i = next_id[0]
                next_id[0] += 1
            body = {"prompt": args.prompt, "max_tokens": args.max_tokens, "temperature": 0.8,
                    "seed": i, "ignore_eos": True}
            if args.served_model:
                body["model"] = args.served_model
            t0 = time.perf_counter()
            try:
                r = post(base + "/completions", body, args.api_key)
            except Exception as e:  # noqa: BLE001 - reported, not fatal
                with lock:
                    errors.append(str(e))
                continue
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                tokens[0] += r["usage"]["completion_tokens"]

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat = sorted(latencies)
    return {
        "concurrency": concurrency,
        "requests": len(lat),
        "errors": len(errors),
        "seconds": wall,
        "requests_per_s": len(lat) / wall,
        "tokens_per_s": tokens[0] / wall,
        "p50_s": statistics.median(lat) if lat else 0.0,
        "p95_s": lat[min(len(lat) - 1, int(0.95 * len(lat)))] if lat else 0.0,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="base URL of a running server, e.g. http://127.0.0.1:8080/v1")
    ap.add_argument("--model", help="model folder: start `sftbench-cli serve` on it (port 0)")
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "sftbench-cli"))
    ap.add_argument("--serve-args", default="", help="extra arguments for serve, e.g. '--device cuda --dtype bf16'")
    ap.add_argument("--api-key", default=os.environ.get("SFTBENCH_API_KEY", ""),
                    help="default: $SFTBENCH_API_KEY (prefer it: a command line shows in ps)")
    ap.add_argument("--served-model", default="", help="the model name to send (default: none, the server's)")
    ap.add_argument("--concurrency", default="1,4,16")
    ap.add_argument("--requests", type=int, default=64, help="requests per level")
    ap.add_argument("--max-tokens", type=int, default=32)
    ap.add_argument("--prompt", default="Below is an instruction. Write a response.\n\nName three colours.\n\n")
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="one JSON line per level instead of a table")
    args = ap.parse_args()
    if not args.url and not args.model:
        ap.error("give --url or --model")

    server = None
    base = args.url
    if not base:
        cmd = [args.cli, "serve", "--model", args.model, "--port", "0"] + args.serve_args.split()
        # The key through the environment, never the command line (visible to every user in ps).
        env = dict(os.environ)
        env.pop("SFTBENCH_API_KEY", None)
        if args.api_key:
            env["SFTBENCH_API_KEY"] = args.api_key
        server = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
        line = server.stdout.readline()
        if not line:
            sys.exit("the server did not start")
        ev = json.loads(line)
        base = "http://%s:%d/v1" % (ev["host"], ev["port"])
        # Keep reading its request log so its stdout pipe never fills up.
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        print("# server: %s (device %s, dtype %s)" % (base, ev.get("device"), ev.get("dtype")), file=sys.stderr)
    try:
        for i in range(args.warmup):
            post(base + "/completions", {"prompt": args.prompt, "max_tokens": args.max_tokens, "seed": i,
                                         "ignore_eos": True}, args.api_key)
        if not args.json:
            print("| concurrency | requests | req/s | completion tok/s | p50 latency s | p95 latency s | errors |")
            print("|---|---|---|---|---|---|---|")
        for c in [int(x) for x in args.concurrency.split(",")]:
            r = run_level(base, c, args.requests, args)
            if args.json:
                print(json.dumps(r))
            else:
                print("| %d | %d | %.2f | %.1f | %.3f | %.3f | %d |" % (
                    c, r["requests"], r["requests_per_s"], r["tokens_per_s"], r["p50_s"], r["p95_s"], r["errors"]))
            sys.stdout.flush()
    finally:
        if server:
            server.terminate()
            server.wait(timeout=60)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Bounded soak of one workspace under concurrent writers and kill -9.

The GUI (offscreen) stays open on the workspace while sftbench-cli imports,
exports and short training runs start over and over, two imports at a time;
about a third of the imports and training runs are killed with SIGKILL at a
random moment. When the time is up the script stops everything and checks the
file with python3's sqlite3: PRAGMA integrity_check and foreign_key_check, the
full-text index's own integrity check, and that no committed record is lost:
every import that exited 0 is there in full, every killed one is there in full
or not at all, and the per-dataset counts agree with the records. See
README.md for how to run it; it prints what it did and exits 1 on any failure.
"""

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def write_dataset(path, n, tag):
    """n JSONL records (some Chinese); returns (count, total characters) as SQLite's length() counts them."""
    chars = 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            if i % 9 == 0:
                rec = {"instruction": f"{tag} {i}: 把这句话翻译成英文。", "input": "今天天气很好。",
                       "output": "The weather is nice today."}
            else:
                rec = {"instruction": f"{tag} {i}: add {i} and {i * 7 % 1000}.", "input": "",
                       "output": f"The sum is {i + i * 7 % 1000}."}
            chars += len(rec["instruction"]) + len(rec["input"]) + len(rec["output"])
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return n, chars


class Proc:
    def __init__(self, kind, name, args, env, log_dir, kill_at=None, **info):
        self.kind, self.name, self.kill_at, self.info = kind, name, kill_at, info
        self.log = open(os.path.join(log_dir, f"{name}.log"), "w")
        self.p = subprocess.Popen(args, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.started = time.monotonic()
        self.killed = False
        self.code = None

    def poll(self):
        if self.code is None:
            self.code = self.p.poll()
        return self.code

    def kill(self):
        if self.poll() is None:
            os.kill(self.p.pid, signal.SIGKILL)
            self.p.wait()
            self.killed = True
            self.code = self.p.returncode
        self.log.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(REPO, "build"), help="build folder (default: %(default)s)")
    ap.add_argument("--seconds", type=float, default=120, help="length of the load phase (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock)")
    ap.add_argument("--work", default=None, help="work folder (default: a new temporary one, removed unless --keep)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()

    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    cli = os.path.join(args.build, "app", "sftbench-cli")
    gui = os.path.join(args.build, "app", "sftbench")
    for exe in (cli, gui):
        if not os.access(exe, os.X_OK):
            sys.exit(f"missing {exe}: build the sftbench and sftbench-cli targets first")
    work = args.work or tempfile.mkdtemp(prefix="sft-soak-")
    os.makedirs(work, exist_ok=True)
    logs = os.path.join(work, "logs")
    exports = os.path.join(work, "exports")
    for d in (logs, exports):
        os.makedirs(d, exist_ok=True)
    # Keep the GUI's settings and data out of the user's.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8",
               XDG_CONFIG_HOME=os.path.join(work, "xdg-config"), XDG_DATA_HOME=os.path.join(work, "xdg-data"),
               XDG_CACHE_HOME=os.path.join(work, "xdg-cache"), XDG_RUNTIME_DIR=os.path.join(work, "xdg-runtime"))
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    t0 = time.monotonic()
    print(f"soak: seed {seed}, work folder {work}", flush=True)

    # Fixtures: a base dataset that never changes (exported and trained on)
    # and a pool of import files of several sizes.
    base_file = os.path.join(work, "base.jsonl")
    base_expect = write_dataset(base_file, 300, "base")
    pool = []
    for n in (2000, 10000, 30000, 50000):
        path = os.path.join(work, f"pool-{n}.jsonl")
        pool.append((path, write_dataset(path, n, f"pool{n}")))

    ws = os.path.join(work, "soak.sftws")
    runs_root = os.path.join(work, "soak.runs")
    r = subprocess.run([cli, "import", "--workspace", ws, "--file", base_file, "--dataset", "base"], env=env,
                       capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        sys.exit("cannot create the workspace: " + r.stderr)
    model = os.path.join(work, "model")
    r = subprocess.run([cli, "init-model", "--out", model, "--pretrain-steps", "10"], env=env, capture_output=True,
                       text=True, timeout=300)
    if r.returncode != 0:
        sys.exit("cannot create the demo model: " + r.stderr)
    expected = {"base": base_expect}

    gui_log = open(os.path.join(logs, "gui.log"), "w")
    gui_proc = subprocess.Popen([gui, "--workspace", ws], env=env, stdout=gui_log, stderr=subprocess.STDOUT)
    setup_s = time.monotonic() - t0

    procs, done = [], []
    n_import = n_export = n_train = 0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        for p in list(procs):
            if p.poll() is not None:
                p.log.close()
                procs.remove(p)
                done.append(p)
            elif p.kill_at is not None and time.monotonic() >= p.kill_at:
                p.kill()
                procs.remove(p)
                done.append(p)
        running = lambda kind: sum(1 for p in procs if p.kind == kind)
        if running("import") < 2:
            n_import += 1
            path, expect = rng.choice(pool)
            name = f"imp-{n_import:04d}"
            expected[name] = expect
            kill_at = time.monotonic() + rng.uniform(0.1, 4.0) if rng.random() < 0.35 else None
            procs.append(Proc("import", name, [cli, "import", "--workspace", ws, "--file", path, "--dataset", name],
                              env, logs, kill_at))
        if running("export") < 1:
            n_export += 1
            out = os.path.join(exports, f"export-{n_export:04d}.jsonl")
            procs.append(Proc("export", f"export-{n_export:04d}", [cli, "export", "--workspace", ws, "--dataset",
                                                                   "base", "--all", "--format", "jsonl", "--out", out],
                              env, logs, out=out))
        if running("train") < 1 and any(p.kind == "export" and p.code == 0 for p in done):
            n_train += 1
            data = next(p.info["out"] for p in done if p.kind == "export" and p.code == 0)
            run_dir = os.path.join(runs_root, f"soak-{n_train:03d}-lora")
            os.makedirs(run_dir, exist_ok=True)
            with open(os.path.join(run_dir, "config.json"), "w") as f:
                json.dump({"base_model": model, "train_data": data, "method": "lora", "learning_rate": 5e-3,
                           "max_steps": 40, "batch_size": 2, "eval_every": 10, "save_every": 10}, f)
            kill_at = time.monotonic() + rng.uniform(0.3, 3.0) if rng.random() < 0.3 else None
            procs.append(Proc("train", f"train-{n_train:03d}", [cli, "train", "--run-dir", run_dir, "--quiet"], env,
                              logs, kill_at))
        time.sleep(0.05)

    # Stop: no more kills; let what runs finish.
    for p in procs:
        p.kill_at = None
        try:
            p.p.wait(timeout=120)
        except subprocess.TimeoutExpired:
            p.kill()
        p.poll()
        p.log.close()
        done.append(p)
    load_s = time.monotonic() - t0 - setup_s
    gui_alive = gui_proc.poll() is None
    gui_proc.terminate()
    try:
        gui_proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        gui_proc.kill()
        gui_proc.wait()
    gui_log.close()

    # One last clean import brings the search index up to date (a killed
    # import may have committed its records but not indexed them).
    final_file = os.path.join(work, "final.jsonl")
    expected["final"] = write_dataset(final_file, 50, "final")
    r = subprocess.run([cli, "import", "--workspace", ws, "--file", final_file, "--dataset", "final"], env=env,
                       capture_output=True, text=True, timeout=120)
    final_ok = r.returncode == 0

    # Checks.
    failures = []
    if not gui_alive:
        failures.append(f"the GUI exited during the soak (code {gui_proc.returncode}, see {logs}/gui.log)")
    if not final_ok:
        failures.append("the final import failed: " + r.stderr.strip())
    db = sqlite3.connect(ws)
    integrity = db.execute("PRAGMA integrity_check").fetchall()
    integrity_ok = integrity == [("ok",)]
    if not integrity_ok:
        failures.append(f"integrity_check: {integrity[:5]}")
    fk = db.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        failures.append(f"foreign_key_check: {fk[:5]}")
    try:
        db.execute("INSERT INTO records_fts(records_fts) VALUES('integrity-check')")
        fts_ok = True
    except sqlite3.Error as e:
        fts_ok = False
        failures.append(f"full-text index integrity-check: {e}")
    journal = db.execute("PRAGMA journal_mode").fetchone()[0]
    if journal != "wal":
        failures.append(f"journal_mode is {journal}")
    stored = {}
    for name, count, chars, stats_total in db.execute(
            "SELECT d.name, count(r.id), coalesce(sum(length(r.instruction) + length(r.input) + length(r.output)), 0),"
            " s.total FROM datasets d JOIN dataset_stats s ON s.dataset_id = d.id"
            " LEFT JOIN records r ON r.dataset_id = d.id GROUP BY d.id"):
        stored[name] = (count, chars)
        if stats_total != count:
            failures.append(f"dataset {name}: dataset_stats says {stats_total} records, there are {count}")
    total_records = db.execute("SELECT count(*) FROM records").fetchone()[0]
    db.close()
    for name in stored:
        if name not in expected:
            failures.append(f"unexpected dataset {name!r}")

    imports = [p for p in done if p.kind == "import"]
    ok_imports = [p for p in imports if not p.killed and p.code == 0]
    failed_imports = [p for p in imports if not p.killed and p.code != 0]
    killed_imports = [p for p in imports if p.killed]
    killed_committed = killed_absent = 0
    for p in failed_imports:
        with open(os.path.join(logs, f"{p.name}.log")) as f:
            failures.append(f"{p.name} exited {p.code}: {f.read().strip()[-300:]}")
    for name in ["base", "final"] + [p.name for p in ok_imports]:
        if name == "final" and not final_ok:
            continue
        if stored.get(name) != expected[name]:
            failures.append(f"{name}: committed {expected[name]} (records, characters), stored {stored.get(name)}")
    for p in killed_imports:
        got = stored.get(p.name)
        if got is None:
            killed_absent += 1
        elif got == expected[p.name]:
            killed_committed += 1
        else:
            failures.append(f"{p.name} (killed): partial: {got} of {expected[p.name]}")
    expected_total = sum(expected[n][0] for n in stored if n in expected)
    if total_records != expected_total:
        failures.append(f"{total_records} records stored, the datasets account for {expected_total}")

    exports_done = [p for p in done if p.kind == "export"]
    exports_ok = 0
    for p in exports_done:
        if p.code != 0:
            failures.append(f"{p.name} exited {p.code}")
            continue
        with open(p.info["out"], encoding="utf-8") as f:
            lines = sum(1 for _ in f)
        if lines != base_expect[0]:
            failures.append(f"{p.name}: {lines} lines, expected {base_expect[0]}")
        else:
            exports_ok += 1
    trains = [p for p in done if p.kind == "train"]
    trains_ok = sum(1 for p in trains if not p.killed and p.code == 0)
    trains_killed = sum(1 for p in trains if p.killed)
    for p in trains:
        if not p.killed and p.code != 0:
            failures.append(f"{p.name} exited {p.code} (see {logs}/{p.name}.log)")

    total_s = time.monotonic() - t0
    summary = {
        "seed": seed, "setup_s": round(setup_s, 1), "load_s": round(load_s, 1), "total_s": round(total_s, 1),
        "imports_started": len(imports), "imports_ok": len(ok_imports), "imports_failed": len(failed_imports),
        "imports_killed": len(killed_imports), "killed_after_commit": killed_committed,
        "killed_before_commit": killed_absent, "exports_ok": exports_ok, "exports": len(exports_done),
        "train_runs": len(trains), "train_ok": trains_ok, "train_killed": trains_killed,
        "datasets": len(stored), "records": total_records, "integrity_check": integrity[0][0] if integrity else "",
        "fts_integrity": "ok" if fts_ok else "failed", "gui_alive": gui_alive, "failures": failures,
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    print("soak: " + ("OK" if not failures else f"FAILED ({len(failures)} problems)"), flush=True)
    if not args.keep and not args.work and not failures:
        shutil.rmtree(work, ignore_errors=True)
    elif failures or args.keep:
        print(f"soak: work folder kept: {work}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

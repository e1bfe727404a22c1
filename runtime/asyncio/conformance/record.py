"""Run every Python twin with CPython and write expected.json (the outcomes the TS twins must reproduce).

    python3 runtime/asyncio/conformance/record.py            # all twins, rewrite expected.json
    python3 runtime/asyncio/conformance/record.py 05_gather  # run some, print, do not write
"""
import asyncio
import contextlib
import importlib
import io
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import twin  # noqa: E402


def run_one(name):
    mod = importlib.import_module(name)
    buf = io.StringIO()
    outcome = {"output": [], "result": None, "error": None}
    t0 = time.monotonic()
    twin.start_clock()
    with contextlib.redirect_stdout(buf):
        try:
            outcome["result"] = asyncio.run(mod.main())
        except BaseException as e:  # CancelledError is a BaseException
            outcome["error"] = twin.err(e)
    outcome["elapsed"] = round(time.monotonic() - t0, 1)
    outcome["output"] = buf.getvalue().splitlines()
    return outcome


def run_isolated(name):
    # A fresh interpreter per twin, so task names start at Task-1 as in a program of its own.
    proc = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def main(argv):
    if argv[:1] == ["--one"]:
        print(json.dumps(run_one(argv[1])))
        return
    names = sorted(f[:-3] for f in os.listdir(HERE) if f[:2].isdigit() and f.endswith(".py"))
    wanted = [n for n in names if any(n.startswith(a) for a in argv)] if argv else names
    results = {}
    for name in wanted:
        results[name] = run_isolated(name)
        print(name, json.dumps(results[name]), file=sys.stderr)
    if not argv:
        info = {"python": sys.version.split()[0], "twins": results}
        with open(os.path.join(HERE, "expected.json"), "w") as f:
            json.dump(info, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])

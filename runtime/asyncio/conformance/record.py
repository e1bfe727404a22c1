"""Run every Python twin with CPython and write expected.json (the outcomes the TS twins must reproduce).

    python3 runtime/asyncio/conformance/record.py                    # all twins, rewrite expected.json
    python3 runtime/asyncio/conformance/record.py 05_gather          # run some, print, do not write
    python3 runtime/asyncio/conformance/record.py --merge 37_ 38_    # re-record some, keep the others' outcomes

Each twin runs in a fresh interpreter up to RUNS times, until AGREE runs gave the same outcome once the times
are set aside (every "N.N" the twin printed, and the elapsed time): of those runs the earliest is kept (the one
whose times add up to least), as a loaded machine only ever makes CPython's timers fire late, never early. A
twin whose outcome never settles depends on timing luck and is refused.
"""
import asyncio
import contextlib
import importlib
import io
import json
import os
import re
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


RUNS = 5
AGREE = 3
TIME = re.compile(r"\b\d+\.\d\b")


def shape(outcome):
    """The outcome with its times masked: what must agree between runs."""
    return json.dumps({**outcome, "elapsed": 0, "output": [TIME.sub("T", line) for line in outcome["output"]]})


def lateness(outcome):
    return outcome["elapsed"] + sum(float(x) for line in outcome["output"] for x in TIME.findall(line))


def settle(name):
    """The earliest of AGREE runs that agree, or None when RUNS runs never agreed."""
    runs = []
    while len(runs) < RUNS:
        runs.append(run_isolated(name))
        agreeing = [r for r in runs if shape(r) == shape(runs[-1])]
        if len(agreeing) >= AGREE:
            return min(agreeing, key=lateness)
    for r in runs:
        print(name, "UNSTABLE", json.dumps(r), file=sys.stderr)
    return None


def main(argv):
    if argv[:1] == ["--one"]:
        print(json.dumps(run_one(argv[1])))
        return
    merge = argv[:1] == ["--merge"]
    if merge:
        argv = argv[1:]
    names = sorted(f[:-3] for f in os.listdir(HERE) if f[:2].isdigit() and f.endswith(".py"))
    wanted = [n for n in names if any(n.startswith(a) for a in argv)] if argv else names
    results = {}
    unstable = []
    for name in wanted:
        settled = settle(name)
        if settled is None:
            unstable.append(name)
            continue
        results[name] = settled
        print(name, json.dumps(settled), file=sys.stderr)
    if unstable:
        sys.exit(f"outcomes changed between runs: {', '.join(unstable)}; expected.json left as it was")
    if merge:
        with open(os.path.join(HERE, "expected.json")) as f:
            kept = json.load(f)["twins"]
        results = {n: results.get(n, kept.get(n)) for n in names if n in results or n in kept}
    if merge or not argv:
        info = {"python": sys.version.split()[0], "twins": results}
        with open(os.path.join(HERE, "expected.json"), "w") as f:
            json.dump(info, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])

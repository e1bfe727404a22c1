"""Run every Python twin of a conformance folder with CPython and write its expected.json.

    python3 runtime/threading/conformance/record.py                 # all threading twins, rewrite expected.json
    python3 runtime/threading/conformance/record.py 03_             # run some, print, do not write
    python3 runtime/threading/conformance/record.py --dir runtime/queue/conformance

Each twin runs in a fresh interpreter (thread names start at Thread-1), up to RUNS times, until AGREE runs gave
the same outcome (elapsed time aside: the earliest of those runs is kept, as real threads on a loaded machine
only ever come out late); a twin whose outcome never settles depends on timing luck, and is refused. Twins print
the duration of a phase they time, not the time since start, so lateness does not add up in what they print.
"""
import contextlib
import importlib
import io
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = 5
AGREE = 3


def run_one(folder, name):
    sys.path.insert(0, HERE)
    sys.path.insert(0, folder)
    import twin
    mod = importlib.import_module(name)
    buf = io.StringIO()
    outcome = {"output": [], "result": None, "error": None}
    t0 = time.monotonic()
    twin.start_clock()
    with contextlib.redirect_stdout(buf):
        try:
            outcome["result"] = mod.main()
        except BaseException as e:
            outcome["error"] = twin.err(e)
    outcome["elapsed"] = round(time.monotonic() - t0, 1)
    outcome["output"] = buf.getvalue().splitlines()
    return outcome


def run_isolated(folder, name):
    proc = subprocess.run([sys.executable, __file__, "--one", folder, name], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def main(argv):
    if argv[:1] == ["--one"]:
        print(json.dumps(run_one(argv[1], argv[2])))
        return
    folder = HERE
    if argv[:1] == ["--dir"]:
        folder = os.path.abspath(argv[1])
        argv = argv[2:]
    names = sorted(f[:-3] for f in os.listdir(folder) if f[:2].isdigit() and f.endswith(".py"))
    wanted = [n for n in names if any(n.startswith(a) for a in argv)] if argv else names
    results = {}
    unstable = []
    for name in wanted:
        runs = []
        settled = None
        while settled is None and len(runs) < RUNS:
            runs.append(run_isolated(folder, name))
            # Elapsed time is compared apart: real threads only ever come out late, so keep the earliest.
            same = lambda a, b: {**a, "elapsed": 0} == {**b, "elapsed": 0}  # noqa: E731
            agreeing = next(([r for r in runs if same(r, x)] for x in runs if sum(same(r, x) for r in runs) >= AGREE), None)
            if agreeing is not None:
                settled = min(agreeing, key=lambda r: r["elapsed"])
        if settled is None:
            unstable.append(name)
            for r in runs:
                print(name, "UNSTABLE", json.dumps(r), file=sys.stderr)
            continue
        results[name] = settled
        print(name, json.dumps(settled), file=sys.stderr)
    if unstable:
        sys.exit(f"outcomes changed between runs: {', '.join(unstable)}; expected.json left as it was")
    if not argv:
        info = {"python": sys.version.split()[0], "twins": results}
        with open(os.path.join(folder, "expected.json"), "w") as f:
            json.dump(info, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])

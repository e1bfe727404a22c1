"""The CPython 3.11 conformance sweep: list the test functions of CPython's own suites for the modules the runtime
ports, mark each as observable by a student or not (rules.py), say which twin or documented difference covers
it (a '# cpython: <pattern>' line in a conformance twin, or coverage.py), and write docs/cpython-sweep.md (counts and the listing).

    python3 scripts/cpython-sweep/sweep.py            # rewrite docs/cpython-sweep.md
    python3 scripts/cpython-sweep/sweep.py --check    # exit 1 if the doc is stale or a coverage entry is wrong

The map is the installed interpreter's Lib/test (python3 -c "import test, os; print(os.path.dirname(test.__file__))").
Tests inherited from a shared base (test_threading's lock tests come from lock_tests.py) are listed under the
file that defines them, grouped with the suite that runs them.
"""
import ast
import fnmatch
import os
import sys

import test as cpython_test

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rules import RULES  # noqa: E402
from coverage import COVERAGE  # noqa: E402

COVERS = []  # twin markers first, then coverage.py (filled in main)
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TEST_DIR = os.path.dirname(cpython_test.__file__)
DOC = os.path.join(ROOT, "docs", "cpython-sweep.md")

# Suite -> the files that define its test functions.
SUITES = {
    "test_threading.py": ["test_threading.py", "lock_tests.py"],
    "test_queue.py": ["test_queue.py"],
    "test_asyncio/": sorted(
        "test_asyncio/" + f for f in os.listdir(os.path.join(TEST_DIR, "test_asyncio")) if f.startswith("test_") and f.endswith(".py")
    ),
    "_test_multiprocessing.py": ["_test_multiprocessing.py"],
}


def list_tests(path):
    """(class or '', function, line) for every test function defined in the file, in source order."""
    tree = ast.parse(open(os.path.join(TEST_DIR, path), encoding="utf-8").read())
    out = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.startswith("test"):
                    out.append((node.name, item.name, item.lineno))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            out.append(("", node.name, node.lineno))
    return out


def test_id(path, cls, name):
    return f"{path}::{cls}.{name}" if cls else f"{path}::{name}"


def twin_markers():
    """(pattern, 'twin:<path>') for every '# cpython: <pattern>' line in a conformance folder's Python twins."""
    out = []
    runtime = os.path.join(ROOT, "runtime")
    for module in sorted(os.listdir(runtime)):
        folder = os.path.join(runtime, module, "conformance")
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".py"):
                continue
            rel = os.path.relpath(os.path.join(folder, name), ROOT)
            for line in open(os.path.join(folder, name), encoding="utf-8"):
                if line.startswith("# cpython:"):
                    for pattern in line[len("# cpython:"):].split():
                        out.append((pattern, f"twin:{rel}"))
    return out


def first_match(table, tid):
    for pattern, *rest in table:
        if fnmatch.fnmatchcase(tid, pattern):
            return rest
    return None


def classify(tid):
    rule = first_match(RULES, tid)
    if rule is None:
        raise SystemExit(f"no observability rule for {tid}: add one to scripts/cpython-sweep/rules.py")
    observable, reason = rule
    return observable, reason


def sweep():
    rows = []
    for suite, files in SUITES.items():
        for path in files:
            for cls, name, line in list_tests(path):
                tid = test_id(path, cls, name)
                observable, reason = classify(tid)
                cover = first_match(COVERS, tid) if observable else None
                rows.append({"suite": suite, "file": path, "id": tid, "line": line, "observable": observable,
                             "reason": reason, "cover": cover[0] if cover else None})
    return rows


def check_coverage_paths(rows):
    missing = set()
    for row in rows:
        cover = row["cover"]
        if cover is None:
            continue
        kind, _, where = cover.partition(":")
        path = where.split("#")[0]
        if kind not in ("twin", "diff", "test") or not os.path.exists(os.path.join(ROOT, path)):
            missing.add(cover)
    unused = [p for p, *_ in COVERS if not any(fnmatch.fnmatchcase(r["id"], p) for r in rows if r["observable"])]
    return sorted(missing), unused


def render(rows):
    lines = [
        "# CPython 3.11 conformance sweep",
        "",
        "The map: the test functions of CPython's own suites for the modules the runtime ports (the installed",
        f"Python {sys.version.split()[0]}'s `Lib/test`). Each is marked *observable* when a student using the course's",
        "runtime could hit the behaviour it checks, or not (CPython internals, or an API the runtime does not port),",
        "with the reason. Each observable one is covered by a **twin** (a Python program and its TypeScript copy in",
        "the module's conformance folder, the TS run on the virtual clock compared with what CPython recorded), by a",
        "**test** of the runtime that pins the same behaviour, or by a **documented difference**; the rest are",
        "open. Generated by `python3 scripts/cpython-sweep/sweep.py` from `scripts/cpython-sweep/rules.py`",
        "(observability) and `coverage.py` (what covers each); do not edit by hand.",
        "",
        "| suite | listed | observable | twinned | pinned by a runtime test | documented differences | open |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    totals = [0] * 6
    for suite in SUITES:
        sel = [r for r in rows if r["suite"] == suite]
        obs = [r for r in sel if r["observable"]]
        twin = sum(1 for r in obs if r["cover"] and r["cover"].startswith("twin:"))
        test = sum(1 for r in obs if r["cover"] and r["cover"].startswith("test:"))
        diff = sum(1 for r in obs if r["cover"] and r["cover"].startswith("diff:"))
        counts = [len(sel), len(obs), twin, test, diff, len(obs) - twin - test - diff]
        totals = [a + b for a, b in zip(totals, counts)]
        lines.append(f"| {suite} | " + " | ".join(str(c) for c in counts) + " |")
    lines.append("| **total** | " + " | ".join(f"**{c}**" for c in totals) + " |")
    lines += ["", "## Why tests are not observable", ""]
    reasons = {}
    for r in rows:
        if not r["observable"]:
            reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
    for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
        lines.append(f"- {n}: {reason}")
    lines += ["", "## The listing", "",
              "`obs` is observable (yes/no); `covered by` names the twin, runtime test or documented difference.", ""]
    for suite in SUITES:
        lines += [f"### {suite}", "", "| test | obs | covered by / why not observable |", "|---|---|---|"]
        for r in rows:
            if r["suite"] != suite:
                continue
            if r["observable"]:
                note = r["cover"] or f"**open** ({r['reason']})"
            else:
                note = r["reason"]
            lines.append(f"| `{r['id']}` | {'yes' if r['observable'] else 'no'} | {note} |")
        lines.append("")
    return "\n".join(lines)


def main(argv):
    COVERS.extend(twin_markers() + COVERAGE)
    rows = sweep()
    missing, unused = check_coverage_paths(rows)
    text = render(rows)
    if missing or unused:
        for m in missing:
            print("coverage points at a missing file or unknown kind:", m, file=sys.stderr)
        for u in unused:
            print("coverage pattern matches no observable test:", u, file=sys.stderr)
        sys.exit(1)
    if "--check" in argv:
        current = open(DOC, encoding="utf-8").read() if os.path.exists(DOC) else ""
        if current != text:
            sys.exit("docs/cpython-sweep.md is stale: run python3 scripts/cpython-sweep/sweep.py")
        return
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(text)
    print(text.split("## Why")[0])


if __name__ == "__main__":
    main(sys.argv[1:])

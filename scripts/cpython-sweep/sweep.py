"""The CPython 3.11 conformance sweep: list the test functions of CPython's own suites for the modules the runtime
ports, mark each as observable by a student or not (rules.py), say which twin or documented difference covers
it (a '# cpython: <pattern>' line in a conformance twin, or coverage.py), and write docs/cpython-sweep.md (counts and the listing).

    python3 scripts/cpython-sweep/sweep.py            # re-read CPython's Lib/test, rewrite the map and the doc
    python3 scripts/cpython-sweep/sweep.py --check    # exit 1 if the doc is stale, a coverage entry is wrong or
                                                      # an observable test is neither covered nor listed in OPEN

The map is CPython 3.11's Lib/test (python3 -c "import test, os; print(os.path.dirname(test.__file__))"), read
when the doc is rewritten and stored in map.json (the test functions per file, with the Python version), so that
--check (run by `npm run verify`) needs neither Python 3.11 nor its test package, which most installs leave out.
Tests inherited from a shared base (test_threading's lock tests come from lock_tests.py) are listed under the
file that defines them, grouped with the suite that runs them.
"""
import ast
import fnmatch
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rules import RULES  # noqa: E402
from coverage import COVERAGE, OPEN  # noqa: E402

COVERS = []  # twin markers first, then coverage.py (filled in main)
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOC = os.path.join(ROOT, "docs", "cpython-sweep.md")
MAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "map.json")
SUITE_NAMES = ["test_threading.py", "test_queue.py", "test_asyncio/", "_test_multiprocessing.py"]


def read_cpython():
    """The map from the installed CPython's Lib/test: {version, suites: {suite: {file: [[cls, name, line]]}}}."""
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"the sweep's map is CPython 3.11's Lib/test; this is Python {sys.version.split()[0]}")
    try:
        import test as cpython_test
    except ImportError:
        sys.exit("CPython's test package is not installed (Debian/Ubuntu: apt-get install libpython3.11-testsuite)")
    test_dir = os.path.dirname(cpython_test.__file__)
    asyncio_dir = os.path.join(test_dir, "test_asyncio")
    # Suite -> the files that define its test functions.
    suites = {
        "test_threading.py": ["test_threading.py", "lock_tests.py"],
        "test_queue.py": ["test_queue.py"],
        "test_asyncio/": sorted("test_asyncio/" + f for f in os.listdir(asyncio_dir) if f.startswith("test_") and f.endswith(".py")),
        "_test_multiprocessing.py": ["_test_multiprocessing.py"],
    }
    return {"python": sys.version.split()[0],
            "suites": {s: {f: [list(t) for t in list_tests(test_dir, f)] for f in files} for s, files in suites.items()}}


def list_tests(test_dir, path):
    """(class or '', function, line) for every test function defined in the file, in source order."""
    tree = ast.parse(open(os.path.join(test_dir, path), encoding="utf-8").read())
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


def sweep(cpython):
    rows = []
    for suite, files in cpython["suites"].items():
        for path, tests in files.items():
            for cls, name, line in tests:
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


def render(rows, python):
    lines = [
        "# CPython 3.11 conformance sweep",
        "",
        "The map: the test functions of CPython's own suites for the modules the runtime ports (the installed",
        f"Python {python}'s `Lib/test`, stored in `scripts/cpython-sweep/map.json`). Each is marked *observable* when a student using the course's",
        "runtime could hit the behaviour it checks, or not (CPython internals, or an API the runtime does not port),",
        "with the reason. Each observable one is covered by a **twin** (a Python program and its TypeScript copy in",
        "the module's conformance folder, the TS run on the virtual clock compared with what CPython recorded), by a",
        "**test** of the runtime that pins the same behaviour, or by a **documented difference**; the rest are",
        "open. Generated by `python3 scripts/cpython-sweep/sweep.py` from `scripts/cpython-sweep/rules.py`",
        "(observability), the `# cpython:` lines of the twins and `coverage.py` (the rest); do not edit by hand.",
        "",
        "What the columns mean:",
        "- *twinned*: a twin reproduces what the CPython test asserts that a program can see (one twin often covers",
        "  several tests; assertions on private attributes such as `_waiters` are left out). The twins run in the",
        "  test suite: `runtime/threading/twins.test.ts`, `runtime/queue/twins.test.ts`,",
        "  `runtime/asyncio/conformance.test.ts`, `runtime/multiprocessing/conformance.test.ts`.",
        "- *pinned by a runtime test*: a test of the runtime asserts the same behaviour (written from CPython's",
        "  documented behaviour, not compared with a CPython run).",
        "- *documented differences*: the docs say how and why the runtime differs.",
        "- *open*: observable, and neither twinned nor pinned nor documented yet: listed in `coverage.py`'s `OPEN`.",
        "  `python3 scripts/cpython-sweep/sweep.py --check` (a step of `npm run verify`) fails when this page is",
        "  stale, when a coverage entry points nowhere, and when an observable test is open without being listed",
        "  there (or listed there and covered now), so the open list can only shrink.",
        "",
        "Every observable test is covered. The twins group many CPython tests per file (each names the tests it",
        "covers on `# cpython:` lines); asyncio's twins compare against what CPython recorded (`record.py`, the",
        "earliest of three agreeing runs), multiprocessing's run both programs side by side. Multiprocessing's",
        "Process/Queue/Lock/Semaphore/Value/Array/Manager basics rest on the runtime's own tests (*pinned*).",
        "",
        "| suite | listed | observable | twinned | pinned by a runtime test | documented differences | open |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    totals = [0] * 6
    for suite in SUITE_NAMES:
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
    for suite in SUITE_NAMES:
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


def check_open(rows):
    """Observable tests neither covered nor listed in OPEN, and OPEN entries that no longer name an open test."""
    open_ids = {r["id"] for r in rows if r["observable"] and r["cover"] is None}
    unlisted = sorted(open_ids - set(OPEN))
    stale = sorted(set(OPEN) - open_ids)
    return unlisted, stale


def main(argv):
    check = "--check" in argv
    if check:
        with open(MAP, encoding="utf-8") as f:
            cpython = json.load(f)
    else:
        cpython = read_cpython()
    COVERS.extend(twin_markers() + COVERAGE)
    rows = sweep(cpython)
    missing, unused = check_coverage_paths(rows)
    unlisted, stale = check_open(rows)
    problems = [f"coverage points at a missing file or unknown kind: {m}" for m in missing]
    problems += [f"coverage pattern matches no observable test: {u}" for u in unused]
    problems += [f"observable, neither twinned nor pinned nor documented (twin it, or document the difference): {u}"
                 for u in unlisted]
    problems += [f"listed in OPEN but covered or not observable now: remove it from coverage.py's OPEN: {s}" for s in stale]
    if problems:
        sys.exit("\n".join(problems))
    text = render(rows, cpython["python"])
    if check:
        current = open(DOC, encoding="utf-8").read() if os.path.exists(DOC) else ""
        if current != text:
            sys.exit("docs/cpython-sweep.md is stale: run python3 scripts/cpython-sweep/sweep.py")
        return
    with open(MAP, "w", encoding="utf-8") as f:
        # One test per line: diffs of a new CPython's map stay readable.
        f.write('{"python": %s, "suites": {\n' % json.dumps(cpython["python"]))
        suites = []
        for suite, files in cpython["suites"].items():
            entries = [f"  {json.dumps(path)}: [\n" + ",\n".join("   " + json.dumps(t) for t in tests) + "\n  ]"
                       for path, tests in files.items()]
            suites.append(f" {json.dumps(suite)}: {{\n" + ",\n".join(entries) + "\n }")
        f.write(",\n".join(suites) + "\n}}\n")
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(text)
    print(text.split("## Why")[0])


if __name__ == "__main__":
    main(sys.argv[1:])

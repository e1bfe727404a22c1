"""Harness for the Python side of the threading and queue conformance pairs.

Each twin (NN_name.py) defines a plain `def main()` and prints with print(). `record.py` runs every twin under
CPython with real threads and writes expected.json: printed lines, the returned value, the exception that
escaped main() (type and message) and the elapsed time rounded to 0.1 s. The TS twin of the same name must
reproduce all of it on the virtual clock. Twins order their threads with sleeps and waits, never with luck:
record.py runs each one several times and refuses an outcome that changes between runs.

`t()` is the time since main() started, formatted like the TS side prints it ("1.0").
"""
import time

_T0 = [0.0]


def start_clock():
    _T0[0] = time.monotonic()


def t():
    return f"{round(time.monotonic() - _T0[0], 1):.1f}"


def err(e):
    """'TypeName: message' or just 'TypeName' when the message is empty, as the TS twins print errors."""
    s = str(e)
    return f"{type(e).__name__}: {s}" if s else type(e).__name__

"""Harness for the Python side of the asyncio conformance pairs.

Each twin (NN_name.py) defines `async def main()` and prints with plain print(). `record.py` runs every twin
under CPython's asyncio.run on the real clock and writes expected.json: printed lines, the returned value,
the exception that escaped run() (type and message) and the elapsed time rounded to 0.1 s. The TS twin of the
same name must reproduce all of it on the virtual clock.

`t()` is the time since run() started, formatted like the TS side prints it ("1.0").
"""
import asyncio
import time

_T0 = [0.0]


def start_clock():
    _T0[0] = time.monotonic()


def t():
    # loop.time() is time.monotonic() in CPython; round away scheduling noise.
    return f"{round(asyncio.get_running_loop().time() - _T0[0], 1):.1f}"


def err(e):
    """'TypeName: message' or just 'TypeName' when the message is empty, as the TS twins print errors."""
    s = str(e)
    return f"{type(e).__name__}: {s}" if s else type(e).__name__


_LAP = [None]


def lap():
    """Seconds since the previous lap() (or since run() started), one decimal. Twins that time many phases print
    laps rather than t(): lateness on a loaded machine then does not add up from phase to phase."""
    now = asyncio.get_running_loop().time()
    start = _T0[0] if _LAP[0] is None else _LAP[0]
    _LAP[0] = now
    return f"{round(now - start, 1):.1f}"

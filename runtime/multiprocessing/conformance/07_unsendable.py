# What happens when a value cannot be sent to another process (it cannot be pickled).
import multiprocessing as mp
import time

BAD = lambda: 1  # noqa: E731  a function nothing can find by name in another process


def square(x, scale=1):
    return x * x * scale


def show(label, call):
    try:
        print(label, "->", call())
    except Exception as error:
        print(label, "raised", type(error).__name__)


if __name__ == "__main__":
    mp.set_start_method("spawn")
    with mp.Pool(1) as pool:
        bad_arg = pool.apply_async(square, (BAD,))
        show("apply_async, a lambda in args: get()", lambda: bad_arg.get(timeout=10))
        bad_kwds = pool.apply_async(square, (3,), {"scale": BAD})
        show("apply_async, a lambda in kwds: get()", lambda: bad_kwds.get(timeout=10))
        not_dict = pool.apply_async(square, (3,), [2])
        show("apply_async, a list as kwds: get()", lambda: not_dict.get(timeout=10))
        show("the pool still works", lambda: pool.apply_async(square, (4,)).get(timeout=10))
        show("map with a lambda among the items", lambda: pool.map(square, [1, BAD]))
    q = mp.Queue()
    show("Queue.put of a lambda", lambda: q.put(BAD))
    time.sleep(0.5)
    q.put(5)
    show("the next item arrives", lambda: q.get(timeout=10))
    a, b = mp.Pipe()
    show("Pipe send of a lambda", lambda: a.send(BAD))
    a.send(6)
    show("the pipe still works", lambda: b.recv())
    p = mp.Process(target=square, args=(BAD,))
    show("Process.start with a lambda in args", p.start)
    print("done")

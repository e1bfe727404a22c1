# Pool as _test_multiprocessing.py's _TestPool, _TestPoolWorkerErrors and _TestPoolWorkerLifetime check it:
# starmap_async and map_async results, map_async's callback and error_callback, an iterable that raises
# (at once, or after some items) for map and imap (the error reaches the caller after the results before it),
# a pool used after its with block (ValueError), an error raised in a worker reaching apply() as itself,
# map() failing without deadlocking close()/join(), a result that cannot be sent back (the error reaches get()
# and the error callback, and the pool keeps working), maxtasksperchild replacing workers and its validation,
# and closing a pool of short-lived workers before its tasks are done.
# cpython: _test_multiprocessing.py::_TestPool.test_starmap_async _test_multiprocessing.py::_TestPool.test_map_async
# cpython: _test_multiprocessing.py::_TestPool.test_map_async_callbacks _test_multiprocessing.py::_TestPool.test_context
# cpython: _test_multiprocessing.py::_TestPool.test_*_handle_iterable_exception
# cpython: _test_multiprocessing.py::_TestPool.test_wrapped_exception _test_multiprocessing.py::_TestPool.test_map_no_failfast
# cpython: _test_multiprocessing.py::_TestPoolWorkerErrors.test_unpickleable_result
# cpython: _test_multiprocessing.py::_TestPoolWorkerLifetime.*
import time
from multiprocessing import Pool


class SayWhenError(ValueError):
    pass


def exception_throwing_generator(total, when):
    if when == -1:
        raise SayWhenError("Somebody said when")
    for i in range(total):
        if i == when:
            raise SayWhenError("Somebody said when")
        yield i


def sqr(x, wait=0.0):
    time.sleep(wait)
    return x * x


def mul(x, y):
    return x * y


def to_int(s):
    return int(s)


def raise_valueerror(wait):
    time.sleep(wait)
    raise ValueError('x' * 1024)


def raise_runtimeerror():
    raise RuntimeError('foo')


def unpickleable_result():
    return lambda: 42


def name(e):
    return type(e).__name__


if __name__ == '__main__':
    with Pool(2) as p:
        tuples = list(zip(range(100), range(99, -1, -1)))
        print('starmap_async:', p.starmap_async(mul, tuples).get() == [x * y for x, y in tuples])
        print('map_async:', p.map_async(sqr, list(range(10))).get())
        calls = []
        p.map_async(to_int, ['1'], callback=calls.append, error_callback=calls.append).wait()
        p.map_async(to_int, ['a'], callback=calls.append, error_callback=calls.append).wait()
        print('map_async callbacks:', calls[0], name(calls[1]))
        for total, when in ((1, -1), (1, -1), (10, 3)):
            try:
                p.map(sqr, exception_throwing_generator(total, when), 1)
            except SayWhenError as e:
                print('map over a failing iterable:', name(e))
        for total, when, chunksize, take in ((1, -1, 1, 0), (10, 3, 1, 3), (20, 7, 2, 6), (20, 7, 4, 4)):
            it = p.imap(sqr, exception_throwing_generator(total, when), chunksize)
            got = [next(it) for _ in range(take)]
            try:
                next(it)
            except SayWhenError as e:
                print('imap(chunksize=%d) over a failing iterable:' % chunksize, got, name(e))
            # Unordered: the error can come before results of earlier chunks; those that came are right.
            it = p.imap_unordered(sqr, exception_throwing_generator(total, when), chunksize)
            got = []
            try:
                for _ in range(take + 1):
                    got.append(next(it))
            except SayWhenError as e:
                print('imap_unordered(chunksize=%d) over a failing iterable:' % chunksize, name(e),
                      all(v in [i * i for i in range(max(when, 0))] for v in got))
        r = p.map_async(sqr, list(range(10)))
        print('map_async in the block:', r.get())
    p.join()
    try:
        p.map_async(sqr, [1])
    except ValueError as e:
        print('map_async after the block:', name(e))

    with Pool(1) as p:
        try:
            p.apply(raise_runtimeerror)
        except RuntimeError as e:
            print('error in a worker:', name(e), e)
    p.join()

    t0 = time.monotonic()
    try:
        with Pool(2) as p:
            try:
                p.map(raise_valueerror, [0, 0.3])
            finally:
                p.close()
                p.join()
    except ValueError as e:
        print('map fails, close and join still return:', name(e), 'waited for every job:', time.monotonic() - t0 > 0.25)

    p = Pool(2)
    errors = []
    for _ in range(3):
        res = p.apply_async(unpickleable_result, error_callback=errors.append)
        try:
            res.get()
        except Exception as e:
            print('unsendable result:', name(e), 'error callback got', name(errors[-1]))
    print('the pool keeps working:', p.apply(sqr, (7,)))
    p.close()
    p.join()

    p = Pool(3, maxtasksperchild=10)
    before = sorted(w.pid for w in p._pool)
    results = [p.apply_async(sqr, (i,)) for i in range(100)]
    print('maxtasksperchild=10 results:', [r.get() for r in results] == [i * i for i in range(100)])
    time.sleep(0.5)
    after = sorted(w.pid for w in p._pool)
    print('workers replaced:', None not in before and None not in after and before != after, len(after))
    p.close()
    p.join()

    p = Pool(3, maxtasksperchild=1)
    results = [p.apply_async(sqr, (i, 0.3)) for i in range(6)]
    p.close()
    p.join()
    print('short-lived workers, closed early:', [r.get() for r in results])

    for value in [0, -1, 0.5, "12"]:
        try:
            Pool(3, maxtasksperchild=value)
        except ValueError as e:
            print('maxtasksperchild=%r:' % (value,), name(e), e)

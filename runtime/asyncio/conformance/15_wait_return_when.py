# wait() with FIRST_COMPLETED, FIRST_EXCEPTION and ALL_COMPLETED, with and without timeouts. wait() never cancels.
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_wait
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_wait_first_exception
# cpython: test_asyncio/test_tasks.py::BaseTaskTests.test_wait_with_timeout
import asyncio
from twin import t, err


async def get(n):
    await asyncio.sleep(n)
    return n


async def fail(n):
    await asyncio.sleep(n)
    raise KeyError('k')


def names(tasks):
    return sorted(x.get_name() for x in tasks)


async def main():
    a, b, c = (asyncio.create_task(get(n), name=f'get{n}') for n in (3, 1, 2))
    done, pending = await asyncio.wait({a, b, c}, timeout=0.5, return_when=asyncio.FIRST_COMPLETED)
    print('FIRST_COMPLETED timeout 0.5:', names(done), names(pending), t())
    done, pending = await asyncio.wait({a, b, c}, return_when=asyncio.FIRST_COMPLETED)
    print('FIRST_COMPLETED:', names(done), names(pending), t())
    f = asyncio.create_task(fail(0.5), name='fail')
    done, pending = await asyncio.wait({a, c, f}, return_when=asyncio.FIRST_EXCEPTION)
    print('FIRST_EXCEPTION:', names(done), names(pending), err(f.exception()), t())
    done, pending = await asyncio.wait({a, c}, timeout=0.2, return_when=asyncio.FIRST_EXCEPTION)
    print('FIRST_EXCEPTION timeout 0.2:', names(done), names(pending), t())
    done, pending = await asyncio.wait({a, b, c, f}, timeout=0.5)
    print('ALL_COMPLETED timeout 0.5:', names(done), names(pending), t(), 'a cancelled:', a.cancelled())
    done, pending = await asyncio.wait({a, b, c, f})
    print('ALL_COMPLETED:', names(done), names(pending), t())
    # FIRST_EXCEPTION with no exception behaves like ALL_COMPLETED.
    x = asyncio.create_task(get(1), name='x')
    done, pending = await asyncio.wait([x], return_when=asyncio.FIRST_EXCEPTION)
    print('FIRST_EXCEPTION none failed:', names(done), names(pending), t())
    # Errors in the arguments, as Python reports them.
    for bad in ([], 'nope'):
        try:
            await asyncio.wait(bad) if bad == [] else await asyncio.wait({x}, return_when=bad)
        except ValueError as e:
            print(err(e))

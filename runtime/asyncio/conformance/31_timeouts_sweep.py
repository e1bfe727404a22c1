# asyncio.timeout() and timeout_at() as test_timeouts.py checks them: disabled deadlines, zero and past
# deadlines, foreign errors and foreign cancellation, the outer task not cancelled, nested timeouts (inner in a
# finally, the outer stopping work after the inner expired), reschedule, reprs, the cause of TimeoutError,
# timeouts after a cancellation, and the state errors (entered twice, finished, expired, expiring).
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_disabled
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_at_disabled
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_at_basic
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_zero
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_foreign_exception_passed
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_foreign_exception_on_timeout
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_foreign_cancel_doesnt_timeout_if_not_expired
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_outer_task_is_not_cancelled
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_nested_timeouts_loop_busy
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_repr_active
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_repr_expired
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_repr_finished
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_repr_disabled
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_nested_timeout_in_finally
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_after_cancellation
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_cancel_in_timeout_after_cancellation
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_exception_cause
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_already_entered
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_double_enter
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_expired
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_expiring
# cpython: test_asyncio/test_timeouts.py::TimeoutTests.test_timeout_not_entered
import asyncio
import re
from twin import t, err


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(0.1)
    print('timeout(None): expired', cm.expired(), 'when', cm.when())
    async with asyncio.timeout_at(None) as cm:
        await asyncio.sleep(0.1)
    print('timeout_at(None): expired', cm.expired(), 'when', cm.when())
    try:
        async with asyncio.timeout_at(loop.time() + 0.1) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print('timeout_at: TimeoutError, expired', cm.expired(), t())
    try:
        async with asyncio.timeout(0) as cm:
            await asyncio.sleep(10)
    except TimeoutError as e:
        print('timeout(0): expired', cm.expired(), 'cause', type(e.__cause__).__name__, t())
    try:
        async with asyncio.timeout(0.1) as cm:
            raise KeyError('k')
    except KeyError as e:
        print('foreign error passes:', err(e), 'expired', cm.expired())

    async def crash():
        try:
            await asyncio.sleep(1)
        finally:
            1 / 0
    try:
        async with asyncio.timeout(0.1):
            await crash()
    except ZeroDivisionError as e:
        print('error in cleanup on timeout:', err(e), t())
    try:
        async with asyncio.timeout(10) as cm:
            asyncio.current_task().cancel()
            await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('foreign cancel: CancelledError, expired', cm.expired(), t())

    async def outer():
        try:
            async with asyncio.timeout(0.1):
                await asyncio.sleep(10)
        except TimeoutError:
            print('outer task caught TimeoutError')
    task = asyncio.create_task(outer())
    await task
    print('outer task cancelled', task.cancelled(), 'done', task.done(), t())

    try:
        async with asyncio.timeout(1):
            try:
                async with asyncio.timeout(0.1):
                    await asyncio.sleep(10)
            except TimeoutError:
                print('inner expired at', t())
            await asyncio.sleep(10)
    except TimeoutError:
        print('outer expired at', t())

    async with asyncio.timeout(10) as cm:
        print('repr active:', re.sub(r'when=\d+\.\d*', 'when=<t>', repr(cm)))
    print('repr finished:', repr(cm))
    try:
        async with asyncio.timeout(0.1) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print('repr expired:', repr(cm))
    async with asyncio.timeout(None) as cm:
        print('repr disabled:', repr(cm))

    try:
        async with asyncio.timeout(0.1):
            try:
                await asyncio.sleep(1)
            finally:
                try:
                    async with asyncio.timeout(0.1):
                        await asyncio.sleep(10)
                except TimeoutError:
                    print('timeout in finally expired', t())
    except TimeoutError:
        print('outer timeout expired', t())

    try:
        asyncio.current_task().cancel()
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('cancelled once')
    finally:
        try:
            async with asyncio.timeout(0.0):
                await asyncio.sleep(1)
        except TimeoutError:
            print('timeout after a cancellation still times out', t())
    try:
        asyncio.current_task().cancel()
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        pass
    finally:
        try:
            async with asyncio.timeout(1.0):
                asyncio.current_task().cancel()
                await asyncio.sleep(2)
        except asyncio.CancelledError:
            print('a cancel inside the timeout stays CancelledError', t())

    async with asyncio.timeout(0.1) as cm:
        try:
            async with cm:
                pass
        except RuntimeError as e:
            print('enter while entered:', err(e))
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print('enter again:', err(e))
    try:
        async with asyncio.timeout(0.1) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        try:
            cm.reschedule(0.2)
        except RuntimeError as e:
            print('reschedule expired:', err(e))
    async with asyncio.timeout(0.1) as cm:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            try:
                cm.reschedule(0.2)
            except RuntimeError as e:
                print('reschedule expiring:', err(e))
    print('expiring block swallowed its CancelledError: no TimeoutError', t())

    try:
        asyncio.timeout(0.01).reschedule(0.02)
    except RuntimeError as e:
        print('reschedule before entering:', err(e))

    fut = loop.create_future()
    loop.call_later(0.1, fut.cancel)
    try:
        async with asyncio.timeout(1):
            await fut
    except asyncio.CancelledError:
        print('awaited future cancelled: CancelledError, not TimeoutError', t())

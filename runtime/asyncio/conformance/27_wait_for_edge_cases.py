# wait_for with a Task: a timeout cancels the task itself; timeout <= 0 fails at once unless already done.
# cpython: test_asyncio/test_waitfor.py::AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0
# cpython: test_asyncio/test_waitfor.py::AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_future_done
# cpython: test_asyncio/test_waitfor.py::AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started
import asyncio
from twin import t, err


async def job():
    await asyncio.sleep(2)
    return 'job'


async def main():
    task = asyncio.create_task(job())
    try:
        await asyncio.wait_for(task, 1)
    except TimeoutError:
        print('timeout; task cancelled:', task.cancelled(), t())
    try:
        await asyncio.wait_for(job(), 0)
    except TimeoutError:
        print('zero timeout', t())
    done = asyncio.get_running_loop().create_future()
    done.set_result('ready')
    print('zero timeout on a done future:', await asyncio.wait_for(done, 0))
    # Cancelling the task that runs wait_for cancels the awaited work too.
    inner = asyncio.create_task(job())
    outer = asyncio.create_task(asyncio.wait_for(inner, 10))
    await asyncio.sleep(0.5)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError as e:
        print('outer cancelled:', err(e), 'inner cancelled:', inner.cancelled(), t())

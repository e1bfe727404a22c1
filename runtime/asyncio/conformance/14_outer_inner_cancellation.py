# Cancelling a task that awaits another task cancels the inner one too; the message travels with it.
import asyncio
from twin import t, err


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print('inner: cancelled with', err(e), t())
        raise


async def outer(task):
    try:
        await task
    except asyncio.CancelledError as e:
        print('outer: cancelled with', err(e), t())
        raise


async def main():
    i = asyncio.create_task(inner(), name='inner')
    o = asyncio.create_task(outer(i), name='outer')
    await asyncio.sleep(1)
    o.cancel('stop now')
    try:
        await o
    except asyncio.CancelledError as e:
        print('main:', err(e))
    print('inner cancelled:', i.cancelled(), 'outer cancelled:', o.cancelled())
    # A task that awaits a plain coroutine: cancellation reaches the innermost await.
    async def nested():
        try:
            await inner()
        finally:
            print('nested: finally', t())
    n = asyncio.create_task(nested())
    await asyncio.sleep(0.5)
    n.cancel()
    await asyncio.gather(n, return_exceptions=True)
    print('nested cancelled:', n.cancelled(), t())

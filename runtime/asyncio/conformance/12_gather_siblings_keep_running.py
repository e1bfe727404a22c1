# The first error of gather propagates at once; the other awaitables keep running (not cancelled).
import asyncio
from twin import t, err


async def sibling():
    print('sibling: start')
    await asyncio.sleep(2)
    print('sibling: finished at', t())
    return 'sibling'


async def failing():
    await asyncio.sleep(1)
    raise RuntimeError('failing')


async def main():
    s = asyncio.create_task(sibling())
    try:
        await asyncio.gather(s, failing())
    except RuntimeError as e:
        print('main:', err(e), t(), 'sibling done:', s.done())
    print('main: sibling returned', await s, t())

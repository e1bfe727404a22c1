# Course: asyncio.run() prints Hello, waits 1 s, prints World.
import asyncio
from twin import t


async def main():
    print('Hello ...')
    await asyncio.sleep(1)
    print('... World!')
    print(t())

# Course: wait_for gives up after 1 s and cancels the hour-long sleep.
import asyncio
from twin import t


async def eternity():
    await asyncio.sleep(3600)
    print('yay!')


async def main():
    try:
        await asyncio.wait_for(eternity(), timeout=1.0)
    except asyncio.TimeoutError:
        print('timeout!', t())

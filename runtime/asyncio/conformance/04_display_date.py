# Course: loop.time() drives a loop that prints once a second for 5 seconds (the date becomes t()).
import asyncio
from twin import t


async def main():
    loop = asyncio.get_running_loop()
    end_time = loop.time() + 5.0
    while True:
        print(t())
        if (loop.time() + 1.0) >= end_time:
            break
        await asyncio.sleep(1)

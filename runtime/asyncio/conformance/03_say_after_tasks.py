# Course: two tasks run concurrently, so 1 s and 2 s finish in 2 s, not 3 s.
import asyncio
from twin import t


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    task1 = asyncio.create_task(say_after(1, 'hello'))
    task2 = asyncio.create_task(say_after(2, 'world'))
    print(f"started at {t()}")
    await task1
    await task2
    print(f"finished at {t()}")

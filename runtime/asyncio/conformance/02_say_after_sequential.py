# Course: awaiting coroutines one after the other takes 1 + 2 = 3 s.
import asyncio
from twin import t


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {t()}")
    await say_after(1, 'hello')
    await say_after(2, 'world')
    print(f"finished at {t()}")

# Course: gather runs three factorials concurrently and returns results in argument order.
# cpython: test_asyncio/test_tasks.py::GatherTestsBase.test_success
import asyncio
from twin import t


async def factorial(name, number):
    f = 1
    for i in range(2, number + 1):
        print(f"Task {name}: Compute factorial({i})...")
        await asyncio.sleep(1)
        f *= i
    print(f"Task {name}: factorial({number}) = {f}")
    return f


async def main():
    results = await asyncio.gather(
        factorial("A", 2),
        factorial("B", 3),
        factorial("C", 4),
    )
    print(results, t())
    return results

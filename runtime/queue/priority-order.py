# Records CPython 3.11's PriorityQueue pop order for items that compare equal but print differently
# (1 == True, 0 == False): the order depends on heapq's exact sift algorithm. Output: JSON [pushed, popped].
import json, queue, random

rng = random.Random(7)
runs = []
for _ in range(5):
    pushed = [rng.choice([0, False, 1, True, 2]) for _ in range(12)]
    q = queue.PriorityQueue()
    for item in pushed:
        q.put(item)
    popped = [q.get() for _ in pushed]
    runs.append([pushed, popped])
print(json.dumps(runs))

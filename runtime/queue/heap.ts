// Python's heapq, step for step (heappush's _siftdown, heappop's bottom-up _siftup), so PriorityQueue pops
// equal-priority items in the order CPython does and raises its TypeError from the same comparison.
import { pyLess } from './ordering.ts';

function siftDown<T>(heap: T[], start: number, position: number): void {
  const item = heap[position] as T;
  let pos = position;
  while (pos > start) {
    const parentPos = (pos - 1) >> 1;
    const parent = heap[parentPos] as T;
    if (!pyLess(item, parent)) break;
    heap[pos] = parent;
    pos = parentPos;
  }
  heap[pos] = item;
}

function siftUp<T>(heap: T[], position: number): void {
  const end = heap.length;
  const start = position;
  const item = heap[position] as T;
  let pos = position;
  let child = 2 * pos + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !pyLess(heap[child], heap[right])) child = right;
    heap[pos] = heap[child] as T;
    pos = child;
    child = 2 * pos + 1;
  }
  heap[pos] = item;
  siftDown(heap, start, pos);
}

/** heapq.heappush: like Python, the item stays appended even when a comparison raises. */
export function heappush<T>(heap: T[], item: T): void {
  heap.push(item);
  siftDown(heap, 0, heap.length - 1);
}

/** heapq.heappop on a non-empty heap. */
export function heappop<T>(heap: T[]): T {
  const last = heap.pop() as T;
  if (heap.length === 0) return last;
  const top = heap[0] as T;
  heap[0] = last;
  siftUp(heap, 0);
  return top;
}

// queue.PriorityQueue: the smallest item (Python ordering) is taken first; use [priority, data] pairs, or
// [priority, counter, data] when data cannot be compared, as in Python.
import { heappop, heappush } from './heap.ts';
import { Queue } from './queue.ts';

export class PriorityQueue<T = unknown> extends Queue<T> {
  private heap: T[] = [];

  protected override _init(): void {
    this.heap = [];
  }

  protected override _qsize(): number {
    return this.heap.length;
  }

  protected override _put(item: T): void {
    heappush(this.heap, item);
  }

  protected override _get(): T {
    return heappop(this.heap);
  }
}

// queue.LifoQueue: the last item put is the first taken (a stack).
import { Queue } from './queue.ts';

export class LifoQueue<T = unknown> extends Queue<T> {
  private stack: T[] = [];

  protected override _init(): void {
    this.stack = [];
  }

  protected override _qsize(): number {
    return this.stack.length;
  }

  protected override _put(item: T): void {
    this.stack.push(item);
  }

  protected override _get(): T {
    return this.stack.pop() as T;
  }
}

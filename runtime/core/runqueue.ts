// The fibers ready to run, in arrival order. FIFO takes the head in O(1); an exploring strategy picks any one
// and the pick is recorded so the run can be replayed.
import type { Fiber } from './fiber.ts';
import type { Strategy } from './strategy.ts';

export class RunQueue {
  private items: Fiber[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(fiber: Fiber): void {
    this.items.push(fiber);
  }

  /**
   * Removes the next fiber to run. With two or more candidates, a non-FIFO strategy chooses, and the chosen
   * fiber's id is appended to `choices`; `step` counts decisions (PCT's change points are steps).
   */
  take(strategy: Strategy, choices: number[], step: () => number): Fiber | undefined {
    const count = this.size;
    if (count === 0) return undefined;
    let index = this.head;
    if (count > 1) {
      const n = step();
      if (strategy.name !== 'fifo') {
        index = this.head + strategy.pick(this.items.slice(this.head), n);
        choices.push(this.items[index]!.id);
      }
    }
    const fiber = this.items[index]!;
    if (index === this.head) {
      this.items[this.head++] = undefined as unknown as Fiber;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
    } else {
      this.items.splice(index, 1);
    }
    return fiber;
  }
}

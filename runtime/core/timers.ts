// A min-heap of timers ordered by (deadline, insertion), so timers due at the same instant fire in the order
// they were set, as asyncio's ready queue and CPython's sleeping threads do in practice.
export interface Timer {
  deadline: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

export class TimerHeap {
  private heap: Timer[] = [];
  private seq = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  add(deadline: number, callback: () => void): Timer {
    const timer: Timer = { deadline, seq: this.seq++, callback, cancelled: false };
    this.heap.push(timer);
    this.up(this.heap.length - 1);
    this.live++;
    return timer;
  }

  cancel(timer: Timer): void {
    if (timer.cancelled) return;
    timer.cancelled = true;
    this.live--;
  }

  /** The earliest live timer, dropping cancelled ones lazily. */
  peek(): Timer | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.popRaw();
    return this.heap[0];
  }

  /** Removes and returns the earliest live timer if it is due at `now`. */
  popDue(now: number): Timer | undefined {
    const top = this.peek();
    if (top === undefined || top.deadline > now) return undefined;
    this.popRaw();
    top.cancelled = true;
    this.live--;
    return top;
  }

  private popRaw(): void {
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  private less(a: Timer, b: Timer): boolean {
    return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

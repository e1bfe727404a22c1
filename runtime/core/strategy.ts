// Scheduling strategies: who runs next when more than one fiber could. FIFO is the default (and what programs
// use); random and PCT explore interleavings from a seed; replay follows a recorded choice string.
import type { Fiber } from './fiber.ts';

export type StrategyName = 'fifo' | 'random' | 'pct';

/** mulberry32: small, fast, good enough for schedule exploration, and reproducible from a 32-bit seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Strategy {
  readonly name: StrategyName | 'replay';
  /** Whether every scheduling point may switch (exploration), or only blocking ones (FIFO). */
  readonly preemptive: boolean;
  /** Index into `candidates` of the fiber to run; called only when there are two or more. */
  pick(candidates: readonly Fiber[], step: number): number;
  onSpawn(fiber: Fiber): void;
  /** An explicit yield (sleep(0)): PCT pushes the yielder down so others get to run. */
  onYield(fiber: Fiber): void;
}

export class FifoStrategy implements Strategy {
  readonly name = 'fifo';
  readonly preemptive = false;
  pick(): number {
    return 0;
  }
  onSpawn(): void {}
  onYield(): void {}
}

export class RandomStrategy implements Strategy {
  readonly name = 'random';
  readonly preemptive = true;
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = prng(seed);
  }
  pick(candidates: readonly Fiber[]): number {
    return Math.floor(this.random() * candidates.length);
  }
  onSpawn(): void {}
  onYield(): void {}
}

/**
 * Probabilistic Concurrency Testing (Burckhardt et al.): random distinct priorities, the highest runnable runs,
 * and at `depth - 1` random steps the running fiber drops to the lowest priority.
 */
export class PctStrategy implements Strategy {
  readonly name = 'pct';
  readonly preemptive = true;
  private readonly random: () => number;
  private readonly changePoints: number[];
  private low = 0;
  constructor(seed: number, depth = 3, expectedSteps = 200) {
    this.random = prng(seed);
    this.changePoints = [];
    for (let i = 0; i < depth - 1; i++) this.changePoints.push(1 + Math.floor(this.random() * expectedSteps));
  }
  pick(candidates: readonly Fiber[], step: number): number {
    if (this.changePoints.includes(step)) {
      // Demote whoever would run now, then choose again.
      const top = this.best(candidates);
      candidates[top]!.priority = --this.low;
    }
    return this.best(candidates);
  }
  private best(candidates: readonly Fiber[]): number {
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (candidates[i]!.priority > candidates[best]!.priority) best = i;
    return best;
  }
  onSpawn(fiber: Fiber): void {
    fiber.priority = 1 + this.random();
  }
  onYield(fiber: Fiber): void {
    fiber.priority = --this.low;
  }
}

/** Follows a recorded choice string ("3.1.2": the fiber id chosen at each decision). */
export class ReplayStrategy implements Strategy {
  readonly name = 'replay';
  readonly preemptive: boolean;
  private index = 0;
  private readonly choices: readonly number[];
  constructor(choices: readonly number[], preemptive: boolean) {
    this.choices = choices;
    this.preemptive = preemptive;
  }
  pick(candidates: readonly Fiber[]): number {
    const want = this.choices[this.index++];
    if (want === undefined) return 0;
    const i = candidates.findIndex((f) => f.id === want);
    if (i < 0) {
      throw new Error(
        `replay diverged at decision ${this.index}: fiber ${want} is not runnable ` +
          `(runnable: ${candidates.map((f) => f.id).join(', ')}); the code or runtime version changed`,
      );
    }
    return i;
  }
  onSpawn(): void {}
  onYield(): void {}
}

export function parseChoices(schedule: string): number[] {
  if (schedule.trim() === '') return [];
  return schedule.split('.').map((part) => {
    const n = Number(part);
    if (!Number.isInteger(n) || n < 0) throw new Error(`invalid schedule string ${JSON.stringify(schedule)}`);
    return n;
  });
}

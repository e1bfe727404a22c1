// #runtime/testing — run threads deterministically: simulate() on a virtual clock, explore() many schedules,
// replay() one.
export {
  simulate,
  activeSimulations,
  lastSimulation,
  clearLastSimulation,
  DEFAULT_EPOCH,
  type SimulateOptions,
  type SimulationResult,
  type SimulationFailure,
  type Schedule,
} from './simulate.ts';
export { explore, replay, type ExploreOptions, type FailingSchedule } from './explore.ts';
export { formatInterleaving } from './interleaving.ts';
export { DeadlockError, tapChildOutput, tapUnawaitedWaits } from '../core/index.ts';
export type { ChildChunk, UnawaitedWait } from '../core/index.ts';
/** The seeded generator the schedule explorer uses (mulberry32): the same sequence for the same seed. */
export { prng as seeded } from '../core/index.ts';
export type { DeadlockReport, TraceEvent } from '../core/index.ts';
// What a child prints for an error that ends it (Process Process-1:\nTraceback ...), to compare with.
export { formatTraceback } from '../multiprocessing/traceback.ts';
export { enableRaceDetection, locksHeld, watchRaces, type RaceWatch, type SharedWriteRace } from '../multiprocessing/races.ts';
export { recordLifecycle, startAfterJoin, type LifecycleEvent } from './lifecycle.ts';
export { onLifecycle } from '../core/lifecycle.ts';
export { programState, endProgram, childWaits, type ProgramState, type ProgramWait, type ChildWait, type ChildWaits } from './boundary.ts';

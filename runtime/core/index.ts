// The scheduler core, for the runtime's modules (not for students: they use #runtime/threading & co).
export { Scheduler, fiberStorage, TIMEOUT, SLEEP, ASYNCIO_SLEEP, isSleep } from './scheduler.ts';
export type { ClockKind, ExternalWait, SchedulerOptions, TraceEvent, TimerHandle } from './scheduler.ts';
export { Fiber } from './fiber.ts';
export { ParkingLot, type ParkInfo } from './parking-lot.ts';
export type { Blocker, FiberKind, FiberState } from './fiber.ts';
export { currentScheduler, currentFiber, awaitExternal, programScheduler, freshProgram, onFreshProgram,
  onDescribeProgram, describeProgramResources } from './runtime.ts';
export { askChildren, onAskChildren, programWaits } from './child-waits.ts';
export type { ChildWait, ChildWaits } from './child-waits.ts';
export { beginTest, markAtRest, programParked, trackOutsideTimers, untrackedTimers } from './quiescence.ts';
export type { ParkedReport } from './quiescence.ts';
export { progressCount } from './progress.ts';
export { tapUnawaitedWaits, tappingUnawaited, notifyUnawaited } from './unawaited.ts';
export type { UnawaitedWait } from './unawaited.ts';
export { writeOutput, activeCapture, tapChildOutput, notifyChildOutput, setOutputGate } from './output.ts';
export type { Stream, ChildChunk } from './output.ts';
export { buildDeadlockReport, userSite, captureSite } from './deadlock.ts';
export type { DeadlockReport, BlockedThread } from './deadlock.ts';
export { DeadlockError } from './errors.ts';
export { processInfo } from './process-info.ts';
export type { StrategyName } from './strategy.ts';
export { parseChoices, prng } from './strategy.ts';
export { emitLifecycle, onLifecycle } from './lifecycle.ts';
export type { LifecycleEvent } from './lifecycle.ts';

// Every mutation operator, in the order the kill matrix lists them.
import type { Operator } from '../operator.ts';
import { argsNotList } from './args-not-list.ts';
import { blockingCall } from './blocking-call.ts';
import { callTarget } from './call-target.ts';
import { dropAwait } from './drop-await.ts';
import { dropCancel } from './drop-cancel.ts';
import { dropJoin } from './drop-join.ts';
import { dropLock } from './drop-lock.ts';
import { dropMainGuard } from './drop-main-guard.ts';
import { dropRun } from './drop-run.ts';
import { dropSignal } from './drop-signal.ts';
import { flipFlag } from './flip-flag.ts';
import { joinInStartLoop } from './join-in-start-loop.ts';
import { offByOne } from './off-by-one.ts';
import { plainValue } from './plain-value.ts';
import { resize } from './resize.ts';
import { runInStart } from './run-in-start.ts';
import { startRun } from './start-run.ts';
import { swallow } from './swallow.ts';
import { swapMode } from './swap-mode.ts';
import { unwrapThunk } from './unwrap-thunk.ts';

export const OPERATORS: readonly Operator[] = [
  dropAwait, dropLock, joinInStartLoop, dropJoin, startRun, callTarget, flipFlag, resize, swapMode, dropSignal, dropCancel,
  swallow, offByOne, plainValue, dropMainGuard, unwrapThunk, dropRun, argsNotList, runInStart, blockingCall,
];

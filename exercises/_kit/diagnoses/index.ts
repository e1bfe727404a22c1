// The registry: every diagnosis of the course, in the order they are tried (the first that matches names the
// failure). More specific causes come first: a thread's called target explains the "already waiting" after it.
// To add one: write diagnoses/<id>.ts exporting a Diagnosis, add it here, and add its unit test (tests/kit/).
import type { Diagnosis } from '../diagnosis.ts';
import { childDied } from './child-died.ts';
import { deadlock } from './deadlock.ts';
import { hang } from './hang.ts';
import { joinInStartLoop } from './join-in-start-loop.ts';
import { missingAwait } from './missing-await.ts';
import { noEventLoop } from './no-event-loop.ts';
import { notImplemented } from './not-implemented.ts';
import { notJoined } from './not-joined.ts';
import { notStarted } from './not-started.ts';
import { promiseAll } from './promise-all.ts';
import { releaseUnlocked } from './release-unlocked.ts';
import { runningPromise } from './running-promise.ts';
import { sharedPipeEnd } from './shared-pipe-end.ts';
import { targetCalled } from './target-called.ts';
import { unprotectedSharedWrite } from './unprotected-shared-write.ts';
import { waitWithoutTimeout } from './wait-without-timeout.ts';

export const DIAGNOSES: readonly Diagnosis[] = [
  notImplemented,
  targetCalled,
  runningPromise,
  promiseAll,
  missingAwait,
  joinInStartLoop,
  noEventLoop,
  notStarted,
  releaseUnlocked,
  unprotectedSharedWrite,
  sharedPipeEnd,
  waitWithoutTimeout,
  notJoined,
  deadlock,
  hang,
  childDied,
];

// The course test kit (`#course/kit`): what every exercise's tests share. Course material, protected like the
// tests: bilingual messages (`say`), seeded data, the guarded simulation of the asyncio exercises, and the
// diagnosis layer that names a student's mistake (see diagnoses/ and grader/README.md).
export { courseLang, langFromLocale, say, type CourseLang } from './lang.ts';
export { seeded, intBetween, distinctInts } from './random.ts';
export { sim, isNotImplemented, rethrowIfNotImplemented, WALL_LIMIT } from './simulate.ts';
export { explain, type Explanation } from './explain.ts';
export { render, studentLine, text, type Diagnosis, type Evidence, type Finding, type ErrorLike, type ChildTraceback } from './diagnosis.ts';
export { DIAGNOSES } from './diagnoses/index.ts';
export { expectNoRaces, SharedWriteRaceError, UNPROTECTED_SHARED_WRITE } from './races.ts';
export { expectOwnPipeEnds, SharedPipeEndError, SHARED_PIPE_END } from './pipe-ends.ts';
export { failLesson, expectLesson, LessonFailure, LESSONS, type LessonId } from './lesson.ts';

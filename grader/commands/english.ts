// The course check's language guard: in a Spanish run, no student-facing text may carry an English sentence.
// Code is not a sentence: code spans, quoted strings, identifiers, unquoted TypeScript statements, the student's
// source lines quoted in a message (`exercise.ts:24  │ ...`), a Python/runtime exception's own text (CPython's
// words, e.g. "OSError: connection is write-only") and the stub's bilingual "not implemented" marker are removed
// before English function words are counted.
import type { ExerciseResult } from '../result.ts';

/** English function words with no Spanish homograph (so "a", "no", "en", "con"... never count). */
const STOPWORDS = new Set([
  'the', 'and', 'is', 'are', 'was', 'were', 'with', 'should', 'must', 'when', 'every', 'which', 'that', 'this',
  'from', 'into', 'after', 'before', 'only', 'than', 'does', 'did', 'not', 'of', 'to', 'it', 'its', 'by', 'be',
  'been', 'has', 'have', 'for', 'or', 'at', 'returns', 'waits', 'once', 'still', 'while', 'your', 'you',
]);

/** How many English function words it takes to call a text English. */
const THRESHOLD = 2;

/** Text with code and quotations removed: what is left is prose. */
export function proseOf(text: string): string {
  return text
    .replace(/Aún no implementado \/ Not implemented yet: \S+/g, ' ')
    .replace(/^.*\.[cm]?[jt]s:\d+\s*│.*$/gm, ' ') // a quoted source line: "exercise.ts:24  │ code"
    .replace(/\b[A-Z]\w*(?:Error|Exception)(?::\s[^:.\n]*)?/g, ' ') // "OSError: connection is write-only"
    .replace(/\b(?:for|while|if)\s*\([^)]*\)[^;:\n]*;?/g, ' ') // for (const t of threads) t.start();
    .replace(/\b(?:const|let|await|void|return|throw)\s[^;\n]*;/g, ' ') // await t.join();
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/'[^']*'/g, ' ')
    .replace(/«[^»]*»/g, ' ')
    .replace(/\b[\w$]+(\.[\w$]+)+(\([^)]*\))?/g, ' ') // a.b.c(...)
    .replace(/\b[\w$]+\([^)]*\)/g, ' ') // call(...)
    .replace(/\b[a-z]+[A-Z][\w$]*\b/g, ' '); // camelCase identifiers
}

/** The English function words found in the prose of `text`. */
export function englishWords(text: string): string[] {
  return proseOf(text).toLowerCase().split(/[^a-záéíóúñü]+/).filter((word) => STOPWORDS.has(word));
}

/** True when the prose of `text` reads as English. */
export function looksEnglish(text: string): boolean {
  return englishWords(text).length >= THRESHOLD;
}

/**
 * Vitest's own assertion lines (expected/received) are framework text, translated by the trusted assertions of the
 * grader-hardening work, not by the course: left out here.
 */
function withoutAssertionLines(message: string): string {
  return message
    .split('\n')
    .filter((line) => !/^\s*(expected |Expected|Received|[-+] |\/\/ Object\.is)/.test(line) && !/^\s*[-+]?\s*[[\]{}"]/.test(line))
    .map((line) => line.replace(/: expected .*$/, ''))
    .join('\n');
}

/**
 * Every student-facing text of one exercise's result that reads as English: title, test titles, messages (with
 * the hang report and a child's traceback explanation they carry), the hints released and each test's own hint.
 */
export function englishTexts(result: ExerciseResult): string[] {
  const texts = [
    result.title,
    result.hint ?? '',
    ...result.hints,
    result.error?.message ?? '',
    ...result.tests.flatMap((test) => [test.name, withoutAssertionLines(test.message ?? ''), test.hint ?? '']),
  ];
  return [...new Set(texts.flatMap((text) => text.split('\n')).filter(looksEnglish))];
}

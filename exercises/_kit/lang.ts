// The course language: bilingual failure messages for exercise tests (and the grader's own default language).
// Tests write `expect(x, say('mensaje', 'message')).toBe(y)`; the grader sets COURSE_LANG from
// --lang, so a student reading the report sees every message in one language.

export type CourseLang = 'es' | 'en';

/** Reads a language out of a POSIX locale string such as `es_ES.UTF-8`, `en_US`, `C`. */
export function langFromLocale(locale: string | undefined): CourseLang | undefined {
  if (locale === undefined || locale === '') return undefined;
  const lower = locale.toLowerCase();
  if (lower.startsWith('es')) return 'es';
  return 'en';
}

/**
 * The course language: env COURSE_LANG (`es` | `en`), else the system locale
 * (LC_ALL, then LC_MESSAGES, then LANG, the POSIX precedence), else English.
 */
export function courseLang(env: NodeJS.ProcessEnv = process.env): CourseLang {
  const explicit = env['COURSE_LANG']?.trim().toLowerCase();
  if (explicit === 'es' || explicit === 'en') return explicit;
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const lang = langFromLocale(env[name]);
    if (lang !== undefined) return lang;
  }
  return 'en';
}

/** Picks the Spanish or English text according to `courseLang()`. */
export function say(es: string, en: string): string {
  return courseLang() === 'es' ? es : en;
}

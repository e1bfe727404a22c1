// Message language for the grader's own output (reports, CLI). Tests use the course kit's `say` (exercises/_kit).
import { courseLang, type CourseLang } from '../exercises/_kit/lang.ts';

export type Lang = CourseLang;

/** Text in both languages; reports pick one at render time. */
export interface Bilingual {
  es: string;
  en: string;
}

export function bi(es: string, en: string): Bilingual {
  return { es, en };
}

export function pick(text: Bilingual, lang: Lang): string {
  return text[lang];
}

/** --lang if given and valid, else COURSE_LANG/locale (see exercises/_kit/lang.ts), else English. */
export function resolveLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined) {
    const lower = flag.trim().toLowerCase();
    if (lower === 'es' || lower === 'en') return lower;
    throw new Error(`--lang must be "es" or "en", not "${flag}"`);
  }
  return courseLang(env);
}

import { afterEach, describe, expect, test, vi } from 'vitest';
import { courseLang, langFromLocale, say } from '../../exercises/_kit/lang.ts';

describe('courseLang', () => {
  test('COURSE_LANG wins over the locale', () => {
    expect(courseLang({ COURSE_LANG: 'en', LANG: 'es_ES.UTF-8' })).toBe('en');
    expect(courseLang({ COURSE_LANG: 'es', LANG: 'en_US.UTF-8' })).toBe('es');
    expect(courseLang({ COURSE_LANG: ' ES ' })).toBe('es');
  });

  test('an unknown COURSE_LANG falls back to the locale', () => {
    expect(courseLang({ COURSE_LANG: 'fr', LANG: 'es_AR.UTF-8' })).toBe('es');
  });

  test('LC_ALL beats LC_MESSAGES beats LANG', () => {
    expect(courseLang({ LC_ALL: 'es_ES.UTF-8', LANG: 'en_US.UTF-8' })).toBe('es');
    expect(courseLang({ LC_ALL: 'C', LANG: 'es_ES.UTF-8' })).toBe('en');
    expect(courseLang({ LC_MESSAGES: 'es_MX', LANG: 'en_GB' })).toBe('es');
    expect(courseLang({ LC_ALL: '', LANG: 'es' })).toBe('es');
  });

  test('English when nothing is set', () => {
    expect(courseLang({})).toBe('en');
  });

  test('langFromLocale', () => {
    expect(langFromLocale('es_ES.UTF-8')).toBe('es');
    expect(langFromLocale('C.UTF-8')).toBe('en');
    expect(langFromLocale('')).toBeUndefined();
    expect(langFromLocale(undefined)).toBeUndefined();
  });
});

describe('say', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('follows COURSE_LANG of the running process', () => {
    vi.stubEnv('COURSE_LANG', 'es');
    expect(say('hola', 'hello')).toBe('hola');
    vi.stubEnv('COURSE_LANG', 'en');
    expect(say('hola', 'hello')).toBe('hello');
  });
});

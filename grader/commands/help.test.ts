// --help of every command in the student's language, typo suggestions, and the list of valid ids.
import { describe, expect, test } from 'vitest';
import { main } from '../cli.ts';
import { FIXTURE_COURSE } from '../test-support/course-builder.ts';
import { closest, editDistance, type Io } from './common.ts';
import { HELP } from './help.ts';

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => { out += t; }, err: (t) => { err += t; }, env: { ...env }, color: false };
  const code = await main(args, io);
  return { code, out, err };
}

describe('help', () => {
  test.each(Object.keys(HELP))('%s --help prints its usage in Spanish and in English, exit 0', async (name) => {
    const es = await run([name, '--help'], { COURSE_LANG: 'es' });
    expect(es.code).toBe(0);
    expect(es.out).toMatch(/^uso: /);
    expect(es.out).toContain('opciones:');
    const en = await run([name, '-h', '--lang', 'en'], { COURSE_LANG: 'es' });
    expect(en.out).toMatch(/^usage: /);
    expect(en.out).toContain('--help  this help'.replace('  ', ' ').split(' ')[0]);
  });

  test('npm test -- --help also lists the other student commands', async () => {
    const { out } = await run(['test', '--help'], { LANG: 'es_ES.UTF-8' });
    expect(out).toContain('npm run watch');
    expect(out).toContain('npm run progress');
  });

  test('a mistyped option names the closest one; an option of another command names that command', async () => {
    expect((await run(['grade', '--verbsoe'])).err).toBe('grade: unknown option --verbsoe: did you mean --verbose?\n');
    expect((await run(['grade', '--verbsoe'], { COURSE_LANG: 'es' })).err).toContain('opción desconocida --verbsoe: ¿quisiste decir --verbose?');
    const watch = await run(['test', '--watch'], { COURSE_LANG: 'es' });
    expect(watch.code).toBe(2);
    expect(watch.err).toContain('npm run watch');
    expect(watch.err).not.toContain('ERR_PARSE_ARGS');
  });

  test('a mistyped command names the closest one', async () => {
    const { code, err } = await run(['tset']);
    expect(code).toBe(2);
    expect(err).toContain('unknown command "tset" (did you mean "test"?)');
  });

  test('an unknown exercise id lists the valid ids with their titles', async () => {
    const { code, err } = await run(['test', '99', '--course', FIXTURE_COURSE, '--lang', 'es']);
    expect(code).toBe(2);
    expect(err).toContain('ningún ejercicio se llama "99"');
    expect(err).toMatch(/ {2}01 {2}01-add\s+Sumar/);
  });

  test('closest: typos and prefixes match, unrelated words do not', () => {
    expect(editDistance('tset', 'test')).toBe(1);
    expect(closest('verbos', ['verbose', 'out'])).toBe('verbose');
    expect(closest('sol', ['solutions', 'submission'])).toBe('solutions');
    expect(closest('banana', ['verbose', 'out'])).toBeUndefined();
  });
});

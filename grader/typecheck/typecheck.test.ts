// The type warning of npm test: the edited file's first type error, found by the detached checker, cached by content.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startTypeCheck, typeWarning } from './edited.ts';

const scratch = mkdtempSync(join(tmpdir(), 'typecheck-'));
// As in a student's checkout: an ES module package (under module nodenext a bare .ts would be CommonJS).
writeFileSync(join(scratch, 'package.json'), '{ "type": "module" }\n');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('type check of the edited file', () => {
  test('finds the first error with its place; the same content is answered from the cache at once', async () => {
    const file = join(scratch, 'exercise.ts');
    writeFileSync(file, `export const ok = 1;\nexport const broken: number = 'no';\nexport const again: string = 2;\n`);
    const error = await startTypeCheck(file).result(90_000);
    expect(error).toEqual({ line: 2, column: 14, message: 'Type \'string\' is not assignable to type \'number\'.', count: 2 });
    const started = performance.now();
    expect(await startTypeCheck(file).result(0)).toEqual(error);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(typeWarning(error as NonNullable<typeof error>, file, scratch, 'es'))
      .toBe('⚠ Error de tipos en exercise.ts:2:14 (y 1 más); los tests se ejecutan igual, pero corrígelo: Type \'string\' is not assignable to type \'number\'.');
  }, 120_000);

  test('a clean file has no warning', async () => {
    const file = join(scratch, 'clean.ts');
    writeFileSync(file, 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    expect(await startTypeCheck(file).result(90_000)).toBeNull();
  }, 120_000);
});

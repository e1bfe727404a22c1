import { describe, expect, test } from 'vitest';
import { englishTexts, looksEnglish, proseOf } from './english.ts';
import type { ExerciseResult } from '../result.ts';

describe('the Spanish-run language guard', () => {
  test('Spanish prose passes, English prose does not', () => {
    expect(looksEnglish('una subida cancelada borra su archivo a medias y termina cancelada')).toBe(false);
    expect(looksEnglish('a cancelled upload removes its half-written file and ends cancelled')).toBe(true);
    expect(looksEnglish('waitFor gives up at its deadline, once the upload has cleaned up')).toBe(true);
  });

  test('code, quotations and the stub marker are not prose', () => {
    expect(proseOf('Aún no implementado / Not implemented yet: uploadReceipt')).not.toMatch(/Not implemented/);
    expect(looksEnglish('usa `if (error instanceof CancelledError) throw error` y relánzala')).toBe(false);
    expect(looksEnglish('el mensaje "the lock is not free" viene del runtime')).toBe(false);
    expect(looksEnglish('llama a task.cancelled() antes que exception()')).toBe(false);
  });

  test('finds English test titles and messages in an exercise result, not vitest assertion lines', () => {
    const result = {
      title: 'Cancelar bien', hint: 'Piensa en la cancelación', error: null,
      tests: [
        { id: 'an upload writes every chunk, then commits', name: 'una subida escribe todos los trozos', message: 'faltan 2 € en Derecho: expected 10 to be 12 // Object.is equality' },
        { name: 'the lock is released when the bank refuses an amount', message: null },
      ],
    } as unknown as ExerciseResult;
    expect(englishTexts(result)).toEqual(['the lock is released when the bank refuses an amount']);
  });
});

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

  test('unquoted statements, quoted source lines and a runtime error\'s own words are not prose', () => {
    expect(looksEnglish('Arráncalos todos en un bucle y espéralos en otro: for (const t of threads) t.start(); y después for (...) await t.join();')).toBe(false);
    expect(looksEnglish('exercise.ts:27  │ counter.value += 1; // a read and a write: without the lock another core can write in between')).toBe(false);
    expect(looksEnglish('OSError: connection is write-only: usaste el extremo equivocado de una tubería')).toBe(false);
    expect(looksEnglish('superviseUploads([]) lanzó ValueError: Set of Tasks/Futures is empty. wait() no acepta una lista vacía')).toBe(false);
    // Prose around them still counts.
    expect(looksEnglish('for (const t of threads) t.start(); then wait for each of the threads')).toBe(true);
    expect(looksEnglish('OSError: handle is closed: the end was handed to another process')).toBe(true);
  });

  test('finds English test titles, messages and hints in an exercise result, not vitest assertion lines', () => {
    const result = {
      title: 'Cancelar bien', hint: 'Piensa en la cancelación', error: null,
      hints: ['Piensa en la cancelación', 'Release the lock in a finally block, so that it is always freed'],
      tests: [
        { id: 'an upload writes every chunk, then commits', name: 'una subida escribe todos los trozos', message: 'faltan 2 € en Derecho: expected 10 to be 12 // Object.is equality', hint: null },
        { name: 'the lock is released when the bank refuses an amount', message: null, hint: 'Suelta el cerrojo en un finally' },
        { name: 'el hilo espera', message: 'se quedó esperando', hint: 'Wait for the thread before you read its result' },
      ],
    } as unknown as ExerciseResult;
    expect(englishTexts(result)).toEqual([
      'Release the lock in a finally block, so that it is always freed',
      'the lock is released when the bank refuses an amount',
      'Wait for the thread before you read its result',
    ]);
  });
});

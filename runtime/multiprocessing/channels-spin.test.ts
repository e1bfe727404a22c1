// The spin before a Pipe wait (channels-spin.ts): what each policy does with the shared word. Whether spinning
// pays off is a benchmark question; Pipe behaviour with spinning forced on is covered by running the Pipe tests
// with RUNTIME_SPIN=always.
import { afterEach, describe, expect, it } from 'vitest';
import { setSpinPolicy, spinWhileEqual } from './channels-spin.ts';

afterEach(() => setSpinPolicy('auto'));

describe('spinWhileEqual', () => {
  const word = new Int32Array(new SharedArrayBuffer(4));

  it('reports a word that already changed at once', () => {
    setSpinPolicy('always');
    word[0] = 1;
    expect(spinWhileEqual(word, 0, 0)).toBe(true);
  });

  it('gives up after its short budget when nothing changes', () => {
    setSpinPolicy('always');
    word[0] = 0;
    expect(spinWhileEqual(word, 0, 0)).toBe(false);
  });

  it("never spins with 'never', even when the word changed", () => {
    setSpinPolicy('never');
    word[0] = 1;
    expect(spinWhileEqual(word, 0, 0)).toBe(false);
  });
});

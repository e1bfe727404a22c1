import { describe, expect, test } from 'vitest';
import { generateKey, KeyError, keyFromEnv, parseKey, parseSealed, seal, unseal } from './seal.ts';

describe('sealing hidden tests', () => {
  const key = parseKey(generateKey());
  const source = "test('secret', () => { expect(add(2, 2)).toBe(4); });\n";

  test('round trip, and the sealed file does not contain the source', () => {
    const sealed = seal(source, key, '01-add', 1, 1);
    expect(JSON.stringify(sealed)).not.toContain('secret');
    expect(unseal(parseSealed(JSON.stringify(sealed), 'x'), key, '01-add')).toBe(source);
  });

  test('a wrong key is refused with a clear error', () => {
    const sealed = seal(source, key, '01-add', 1, 1);
    expect(() => unseal(sealed, parseKey(generateKey()), '01-add')).toThrow(/wrong GRADER_KEY/);
  });

  test('the header is authenticated: relabelled counts or another exercise are refused', () => {
    const sealed = seal(source, key, '01-add', 1, 1);
    expect(() => unseal({ ...sealed, tests: 0 }, key, '01-add')).toThrow(KeyError);
    expect(() => unseal(sealed, key, '02-words')).toThrow(/belong to "01-add"/);
  });

  test('key format: base64 of 32 bytes', () => {
    expect(generateKey()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(() => parseKey('c2hvcnQ=')).toThrow(/32 bytes/);
    expect(keyFromEnv({})).toBeUndefined();
    expect(keyFromEnv({ GRADER_KEY: generateKey() })?.length).toBe(32);
  });

  test('a file that is not sealed tests is named in the error', () => {
    expect(() => parseSealed('{"format":"x"}', 'exercises/01-add/hidden.sealed.json')).toThrow(/hidden\.sealed\.json/);
  });
});

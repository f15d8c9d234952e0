import { jest } from '@jest/globals';
import { ByteKeyDictionary } from './byte-key.dictionary.js';

describe('ByteKeyDictionary', () => {
  it('gives each distinct byte key one dense index, in first-seen order, across table growth', () => {
    const decode = jest.fn((source: Uint8Array, start: number, length: number) => Buffer.from(source.subarray(start, start + length)).toString());
    const dictionary = new ByteKeyDictionary(decode);
    const keys = Array.from({ length: 5000 }, (_, k) => Buffer.from(`key-${k}`));
    for (const key of keys) dictionary.index(key, 0, key.length);
    const padded = Buffer.from('xxkey-4321yy');
    expect(dictionary.index(padded, 2, 8)).toBe(4321);
    expect(dictionary.index(keys[0], 0, keys[0].length)).toBe(0);
    expect(dictionary.values).toHaveLength(5000);
    expect(dictionary.values[4999]).toBe('key-4999');
    expect(decode).toHaveBeenCalledTimes(5000);
    expect(dictionary.index(Buffer.from('key-4'), 0, 4)).toBe(5000);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDotEnv } from './dot-env.js';

describe('loadDotEnv', () => {
  it('adds the variables of .env beneath those already in the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotpath-env-'));
    writeFileSync(join(dir, '.env'), 'HOTPATH_TEST_FROM_FILE=file\nHOTPATH_TEST_BOTH=file\n');
    process.env.HOTPATH_TEST_BOTH = 'environment';
    loadDotEnv(join(dir, '.env'), process.env);
    expect(process.env.HOTPATH_TEST_FROM_FILE).toBe('file');
    expect(process.env.HOTPATH_TEST_BOTH).toBe('environment');
    delete process.env.HOTPATH_TEST_FROM_FILE;
    delete process.env.HOTPATH_TEST_BOTH;
  });
});

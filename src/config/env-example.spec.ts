import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_SCHEMA } from './config.schema.js';
import { loadConfig } from './load-config.js';

/** `.env.example` documents every variable the app reads, with values the app accepts. */
describe('.env.example', () => {
  const entries = Object.fromEntries(
    readFileSync(join(import.meta.dirname, '../../.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

  it('lists exactly the variables of the config schema', () => {
    expect(Object.keys(entries).sort()).toEqual(Object.keys(CONFIG_SCHEMA).sort());
  });

  it('shows each default, and the file as a whole loads', () => {
    const config = loadConfig(entries);
    for (const [name, field] of Object.entries(CONFIG_SCHEMA)) expect([name, config[name as keyof typeof config]]).toEqual([name, field.default]);
  });

  it('states the allowed range of each variable in its comment', () => {
    const text = readFileSync(join(import.meta.dirname, '../../.env.example'), 'utf8');
    for (const [name, field] of Object.entries(CONFIG_SCHEMA)) {
      const comment = text.slice(0, text.indexOf(`\n${name}=`)).split('\n').pop() ?? '';
      const words = field.range.replace(/^(integer|number) /, '').split(/[ |]/)[0];
      expect([name, comment]).toEqual([name, expect.stringContaining(words)]);
    }
  });
});

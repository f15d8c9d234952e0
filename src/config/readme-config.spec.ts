import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_SCHEMA } from './config.schema.js';

/** The README's configuration table names every variable of the schema (grouped rows may name a suffix: `_SESSION`). */
describe('README configuration table', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  const rows = table.split('\n').filter((line) => line.startsWith('| `'));

  it('has a row for every variable', () => {
    const missing = Object.keys(CONFIG_SCHEMA).filter((name) => !rows.some((row) => row.includes(`\`${name}\``) || row.includes(`\`_${name.split('_').pop()}\``)));
    expect(missing).toEqual([]);
  });

  it('names no variable the schema does not have', () => {
    const named = rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]));
    expect(named.filter((name) => !(name in CONFIG_SCHEMA))).toEqual([]);
  });
});

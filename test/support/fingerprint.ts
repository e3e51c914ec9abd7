/** A fingerprint of every table (row count and a hash of its rows in key order), engine-independent. */
import { createHash } from 'node:crypto';
import type { DbHandle } from '../../src/db/create-db.js';
import { TABLES } from '../../src/db/schema.js';
import { pageRows, type Row } from '../../src/db/repos/tables.js';
import { encodeRow } from '../../src/services/backup/backup-format.js';

const sorted = (r: Row): Row =>
  Object.fromEntries(Object.entries(encodeRow(r)).sort(([a], [b]) => (a < b ? -1 : 1)));

export async function fingerprint(handle: DbHandle): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const hash = createHash('sha256');
    let n = 0;
    let after: Row | null = null;
    for (;;) {
      const page = await pageRows(handle.db, t, after, 1000);
      if (page.length === 0) break;
      for (const r of page) hash.update(JSON.stringify(sorted(r)) + '\n');
      n += page.length;
      after = page[page.length - 1]!;
    }
    out[t] = `${n} ${hash.digest('hex').slice(0, 16)}`;
  }
  return out;
}

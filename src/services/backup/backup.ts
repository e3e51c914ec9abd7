/**
 * `kaoping backup FILE`: every table as gzipped JSON lines (backup-format.ts), read inside one
 * snapshot transaction (handle.ops.snapshot) so that the file holds one state that existed even
 * while the server writes, paged in key order so that memory stays at one page, and written
 * atomically: a temporary file, fsync, rename, fsync of the folder.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { KpError } from '../../shared/errors.js';
import type { DbHandle } from '../../db/create-db.js';
import { TABLES } from '../../db/schema.js';
import { countRows, pageRows, type Row } from '../../db/repos/tables.js';
import type { Db } from '../../db/repos/common.js';
import {
  encodeRow,
  FORMAT,
  VERSION,
  type BackupHeader,
  type Counts,
  type EndMarker,
} from './backup-format.js';

export { restore } from './restore.js';

/** rows per page; answer blocks are large (up to 2,000,000 answers each), so fewer of them */
const pageSize = (t: string) => (t === 'response_blocks' ? 4 : 2000);

async function* lines(db: Db, counts: Counts): AsyncGenerator<string> {
  const hash = createHash('sha256');
  const emit = (s: string) => {
    const line = s + '\n';
    hash.update(line);
    return line;
  };
  const header: BackupHeader = { format: FORMAT, version: VERSION, tables: [...TABLES], counts };
  yield emit(JSON.stringify(header));
  let total = 0;
  for (const t of TABLES) {
    let after: Row | null = null;
    for (;;) {
      const page = await pageRows(db, t, after, pageSize(t));
      if (page.length === 0) break;
      // one string per page keeps the stream's per-chunk overhead off millions of rows
      yield page.map((r) => emit(JSON.stringify({ t, r: encodeRow(r) }))).join('');
      total += page.length;
      after = page[page.length - 1]!;
    }
  }
  const end: EndMarker = { end: true, counts, rows: total, sha256: hash.digest('hex') };
  yield JSON.stringify(end) + '\n';
}

function fsyncPath(p: string, flags: string): void {
  const fd = fs.openSync(p, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a consistent snapshot of the whole store to `file`; returns the number of rows. */
export async function backup(handle: DbHandle, file: string): Promise<number> {
  const folder = path.dirname(path.resolve(file));
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory())
    throw new KpError('KP_BAD_ARGUMENT', { file, why: `no such folder: ${folder}` });
  if (fs.existsSync(file) && fs.statSync(file).isDirectory())
    throw new KpError('KP_BAD_ARGUMENT', {
      file,
      why: 'a folder: give the name of the backup file to write',
    });
  const tmp = path.join(folder, `.${path.basename(file)}.${process.pid}.partial`);
  try {
    const rows = await handle.ops.snapshot(handle.db, async (trx) => {
      const counts: Counts = {};
      for (const t of TABLES) counts[t] = await countRows(trx, t);
      await pipeline(Readable.from(lines(trx, counts)), zlib.createGzip(), fs.createWriteStream(tmp));
      return Object.values(counts).reduce((a, b) => a + b, 0);
    });
    fsyncPath(tmp, 'r+');
    fs.renameSync(tmp, file);
    fsyncPath(folder, 'r');
    return rows;
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

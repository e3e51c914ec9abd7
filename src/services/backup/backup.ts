/**
 * Logical backup: every table as gzipped JSON lines, readable by either engine, so a backup
 * taken on SQLite restores on PostgreSQL and back. Restore replaces all data in one transaction.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { badFile } from '../../shared/errors.js';
import type { DbHandle } from '../../db/create-db.js';
import { TABLES } from '../../db/schema.js';
import { audit } from '../../db/repos/audit.js';
import { insertChunked } from '../../db/repos/common.js';

const FORMAT = 'kaoping-backup';
const VERSION = 1;

function encodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = v instanceof Uint8Array ? { $b64: Buffer.from(v).toString('base64') } : v;
  return out;
}

function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] =
      v !== null && typeof v === 'object' && '$b64' in v
        ? Buffer.from(String((v as { $b64: string }).$b64), 'base64')
        : v;
  }
  return out;
}

export async function backup(handle: DbHandle, file: string): Promise<number> {
  let rows = 0;
  async function* lines() {
    yield JSON.stringify({ format: FORMAT, version: VERSION, tables: TABLES }) + '\n';
    for (const t of TABLES) {
      const data = await handle.db.selectFrom(t).selectAll().execute();
      for (const r of data) {
        rows++;
        yield JSON.stringify({ t, r: encodeRow(r) }) + '\n';
      }
    }
  }
  const tmp = `${file}.partial`;
  await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(tmp));
  fs.renameSync(tmp, file);
  return rows;
}

export async function restore(handle: DbHandle, file: string, actor: string, now: Date): Promise<number> {
  if (!fs.existsSync(file)) throw badFile(file, 'no such file');
  const byTable = new Map<string, Record<string, unknown>[]>(TABLES.map((t) => [t, []]));
  const rl = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  let lineNo = 0;
  try {
    for await (const line of rl) {
      lineNo++;
      if (line === '') continue;
      const obj = JSON.parse(line) as {
        format?: string;
        version?: number;
        t?: string;
        r?: Record<string, unknown>;
      };
      if (lineNo === 1) {
        if (obj.format !== FORMAT || obj.version !== VERSION)
          throw badFile(file, 'not a kaoping backup (version 1)');
        continue;
      }
      const list = obj.t ? byTable.get(obj.t) : undefined;
      if (!list || !obj.r) throw badFile(file, `line ${lineNo}: unknown table "${obj.t}"`);
      list.push(decodeRow(obj.r));
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'KpError') throw e;
    throw badFile(file, `not a readable kaoping backup: ${(e as Error).message}`);
  }
  if (lineNo === 0) throw badFile(file, 'empty file');
  let total = 0;
  await handle.db.transaction().execute(async (trx) => {
    for (const t of [...TABLES].reverse()) await trx.deleteFrom(t).execute();
    for (const t of TABLES) {
      const rows = byTable.get(t)!;
      total += rows.length;
      // rows are checked by the database itself
      await insertChunked(trx, t, rows as never[]);
      if (handle.engine === 'postgres' && typeof rows[0]?.id === 'number') {
        await sql`select setval(pg_get_serial_sequence(${t}, 'id')::regclass, (select max(id) from ${sql.table(t)})::bigint)`.execute(
          trx,
        );
      }
    }
    await audit(
      trx,
      { actor, action: 'restore', assessmentId: null, details: { file, rows: total } },
      now.toISOString(),
    );
  });
  return total;
}

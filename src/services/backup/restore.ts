/**
 * `kaoping restore FILE`: replaces the whole store with a backup, all or nothing, without ever
 * holding the file in memory. A first streaming pass validates the whole file (gzip, header,
 * every row's table, section and column types, the end marker's counts and checksum) and touches
 * nothing; a second pass deletes everything and inserts the rows in one write transaction,
 * checking the file again as it goes, so a file changed between the passes rolls back.
 */
import { KpError } from '../../shared/errors.js';
import type { DbHandle } from '../../db/create-db.js';
import { TABLES } from '../../db/schema.js';
import { columnKinds } from '../../db/columns.js';
import { audit } from '../../db/repos/audit.js';
import { insertChunked, type Db } from '../../db/repos/common.js';
import { deleteAllRows, type Row } from '../../db/repos/tables.js';
import { rebuildUnitChannelCounts } from '../../db/repos/unit-channel-counts.js';
import type { TableName } from './backup-format.js';
import { readBackup, type BackupVisitor } from './backup-reader.js';

const BATCH_ROWS = 1000;
const BATCH_BYTES = 16 << 20;

function rowBytes(row: Row): number {
  let n = 64;
  for (const v of Object.values(row))
    n += v instanceof Uint8Array ? v.length : typeof v === 'string' ? v.length * 3 : 8;
  return n;
}

/** Inserts rows in batches bounded by count and bytes (answer blocks can be tens of MB each). */
function inserter(file: string, trx: Db, resetSequence: (t: TableName) => Promise<void>): BackupVisitor {
  let batch: Row[] = [];
  let bytes = 0;
  let table: TableName | undefined;
  let firstLine = 0;
  const flush = async () => {
    if (table !== undefined && batch.length > 0) {
      try {
        await insertChunked(trx, table, batch as never[]);
      } catch (e) {
        // well-formed rows the database still refuses (a reference to a missing row, a duplicate
        // key): the transaction rolls back, and the message says where
        throw new KpError('KP_BACKUP_INVALID', {
          file,
          line: firstLine,
          table,
          why: `the database refuses the rows from this line on: ${e instanceof Error ? e.message : String(e)}`,
        });
      }
    }
    batch = [];
    bytes = 0;
  };
  return {
    async row(t, row, line) {
      if (t !== table) await flush();
      table = t;
      if (batch.length === 0) firstLine = line;
      batch.push(row);
      bytes += rowBytes(row);
      if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
    },
    async endTable(t) {
      await flush();
      // tables with a generated integer key (assessments.id is text)
      if (columnKinds(t).id === 'integer') await resetSequence(t);
    },
  };
}

/** Replaces all data with the backup in `file`; returns the number of rows restored. */
export async function restore(handle: DbHandle, file: string, actor: string, now: Date): Promise<number> {
  const checked = await readBackup(file);
  const { ops } = handle;
  return ops.writeTransaction(handle.db, async (trx) => {
    for (const t of [...TABLES].reverse()) await deleteAllRows(trx, t);
    const visitor = inserter(file, trx, (t) => ops.resetSequence(trx, t));
    const done = await readBackup(file, visitor);
    if (done.rows !== checked.rows) throw new Error(`${file} changed while it was being restored`);
    // a backup from before migration 0030 has no fieldwork counts: computed from its blocks
    if (!done.counts.unit_channel_counts) await rebuildUnitChannelCounts(trx);
    await audit(
      trx,
      {
        actor,
        action: 'restore',
        assessmentId: null,
        details: { file, rows: done.rows, counts: done.counts },
      },
      now.toISOString(),
    );
    return done.rows;
  });
}

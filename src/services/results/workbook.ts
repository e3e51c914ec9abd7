/**
 * The results workbook of one snapshot (results.xlsx): every stored table, read chunk by chunk
 * into the streaming writer of src/reports, with the names of the assessment's groups and items.
 * Opening it is a view of results, audited like a table read (SPEC: every view of rankings is
 * audited). Used by the server's download and by `kaoping report`.
 */
import type { Writable } from 'node:stream';
import { loadConfig } from '../../db/repos/assessments.js';
import { audit } from '../../db/repos/audit.js';
import type { SnapshotRow } from '../../db/repos/snapshots.js';
import type { Db } from '../../db/repos/common.js';
import { streamResultsWorkbook, type WorkbookTable } from '../../reports/results-xlsx.js';
import type { StoredCell } from '../../shared/api/result-tables.js';
import type { ServiceContext } from '../context.js';
import { readRows, tablesOf, type StoredTableMeta } from './snapshot-meta.js';
import { requireSnapshot } from './snapshots.js';

type ActingCtx = Pick<ServiceContext, 'handle' | 'now' | 'actor'>;

export interface SnapshotWorkbook {
  /** the file's name in Chinese, and a plain ASCII one for old clients */
  fileName: string;
  asciiName: string;
  /** writes the workbook to `out` and ends it */
  write(out: Writable): Promise<void>;
}

/** A stored table's rows, one chunk in memory at a time. */
async function* chunkedRows(db: Db, sid: number, t: StoredTableMeta): AsyncGenerator<readonly StoredCell[]> {
  for (let offset = 0; offset < t.rows; offset += t.chunkRows)
    yield* await readRows(db, sid, t, offset, t.chunkRows);
}

/** The tables of a snapshot as the workbook writer reads them. */
export function workbookTables(db: Db, row: SnapshotRow): WorkbookTable[] {
  return tablesOf(row).map((t) => ({ name: t.name, columns: t.columns, rows: chunkedRows(db, row.id, t) }));
}

/**
 * Checks that the snapshot exists (404 otherwise) and audits the view before a byte is sent;
 * the caller then streams `write`.
 */
export async function snapshotWorkbook(
  ctx: ActingCtx,
  assessmentId: string,
  sid: number,
): Promise<SnapshotWorkbook> {
  const db = ctx.handle.db;
  const row = await requireSnapshot(ctx, assessmentId, sid);
  const config = await loadConfig(db, assessmentId);
  await audit(
    db,
    { actor: ctx.actor, action: 'results.view', assessmentId, details: { snapshotId: sid, workbook: true } },
    ctx.now().toISOString(),
  );
  const meta = {
    snapshotId: row.id,
    createdAt: row.created_at,
    methodVersion: row.method_version,
    params: JSON.parse(row.params) as { replicates: number; seed: number },
  };
  return {
    fileName: `考评结果-${assessmentId}-快照${sid}.xlsx`,
    asciiName: `results-${assessmentId.replace(/[^A-Za-z0-9._-]/g, '_')}-${sid}.xlsx`,
    write: (out) => streamResultsWorkbook(workbookTables(db, row), config, out, { meta }),
  };
}

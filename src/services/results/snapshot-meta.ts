/**
 * Snapshot rows as the API shows them (SnapshotMeta), and the reading of a table's rows from its
 * chunks. The one place that knows the stored layout besides store.ts.
 */
import zlib from 'node:zlib';
import type { Db } from '../../db/repos/common.js';
import { loadChunks, type SnapshotRow } from '../../db/repos/snapshots.js';
import type { ResultTableName, StoredCell } from '../../shared/api/result-tables.js';
import type { SnapshotMeta } from '../../shared/api/results.js';

/** A table's entry in result_snapshots.tables. */
export interface StoredTableMeta {
  name: ResultTableName;
  columns: string[];
  rows: number;
  chunkRows: number;
  chunks: number;
}

export const tablesOf = (row: SnapshotRow): StoredTableMeta[] => JSON.parse(row.tables) as StoredTableMeta[];

export interface MetaFacts {
  now: Date;
  currentFingerprint: string;
  latestId: number | undefined;
  publishedId: number | undefined;
}

export function snapshotMeta(row: SnapshotRow, f: MetaFacts): SnapshotMeta {
  return {
    id: row.id,
    assessmentId: row.assessment_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    ageSeconds: ageSeconds(row.created_at, f.now),
    methodVersion: row.method_version,
    params: JSON.parse(row.params) as SnapshotMeta['params'],
    fingerprint: row.fingerprint,
    stale: row.fingerprint !== f.currentFingerprint,
    latest: row.id === f.latestId,
    published: row.id === f.publishedId,
    sizeBytes: row.size_bytes,
    jobId: row.job_id,
    tables: tablesOf(row).map(({ name, columns, rows }) => ({ name, columns, rows })),
  };
}

export const ageSeconds = (at: string, now: Date): number =>
  Math.max(0, (now.getTime() - Date.parse(at)) / 1000);

/** Rows offset .. offset+limit-1 of a stored table, inflating only the chunks they are in. */
export async function readRows(
  db: Db,
  snapshotId: number,
  t: StoredTableMeta,
  offset: number,
  limit: number,
): Promise<StoredCell[][]> {
  const end = Math.min(t.rows, offset + limit);
  if (end <= offset) return [];
  const first = Math.floor(offset / t.chunkRows);
  const last = Math.floor((end - 1) / t.chunkRows);
  const chunks = await loadChunks(db, snapshotId, t.name, first, last);
  const rows = chunks.flatMap((c) => JSON.parse(zlib.gunzipSync(c).toString('utf8')) as StoredCell[][]);
  const skip = offset - first * t.chunkRows;
  return rows.slice(skip, skip + (end - offset));
}

/** Every row of a stored table as objects keyed by its columns (small tables only). */
export async function readObjects(
  db: Db,
  snapshotId: number,
  t: StoredTableMeta,
): Promise<Record<string, StoredCell>[]> {
  const rows = await readRows(db, snapshotId, t, 0, t.rows);
  return rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i] ?? null])));
}

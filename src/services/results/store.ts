/**
 * Stores the tables of one analysis run as a results snapshot. Each table is cut into chunks
 * of CHUNK_ROWS rows, each a gzip-compressed JSON array of rows, so that a page of a big table
 * (response_validity has a row per response) reads and inflates one chunk, not the whole table.
 */
import zlib from 'node:zlib';
import { METHOD_VERSION } from '../../core/method-version.js';
import type { Db } from '../../db/repos/common.js';
import { insertSnapshot, type NewChunk } from '../../db/repos/snapshots.js';
import { storedCell, type ResultTable } from '../analyze/result-tables.js';
import type { StoredTableMeta } from './snapshot-meta.js';

/** Rows per stored chunk: ~10k rows is ~50–300 kB of JSON, inflated in a few milliseconds. */
export const CHUNK_ROWS = 10_000;

export interface SnapshotInput {
  assessmentId: string;
  actor: string;
  now: Date;
  fingerprint: string;
  params: { replicates: number; seed: number };
  tables: readonly ResultTable[];
  jobId?: number | null | undefined;
}

export interface StoredSnapshot {
  id: number;
  /** bytes of the compressed chunks */
  sizeBytes: number;
}

/** Stores a snapshot in one transaction (the caller's, when given one); returns its id and size. */
export async function storeSnapshot(db: Db, s: SnapshotInput): Promise<StoredSnapshot> {
  const chunks: NewChunk[] = [];
  const meta: StoredTableMeta[] = [];
  let sizeBytes = 0;
  for (const t of s.tables) {
    // an empty table still gets its one (empty) chunk: every table reads the same way
    const nChunks = Math.max(1, Math.ceil(t.nRows / CHUNK_ROWS));
    for (let chunk = 0; chunk < nChunks; chunk++) {
      const rows = t.rowsAt(chunk * CHUNK_ROWS, (chunk + 1) * CHUNK_ROWS).map((r) => r.map(storedCell));
      const data = zlib.gzipSync(JSON.stringify(rows));
      chunks.push({ table: t.name, chunk, data });
      sizeBytes += data.length;
    }
    meta.push({
      name: t.name,
      columns: [...t.columns],
      rows: t.nRows,
      chunkRows: CHUNK_ROWS,
      chunks: nChunks,
    });
  }
  const insert = (trx: Db) =>
    insertSnapshot(
      trx,
      {
        assessmentId: s.assessmentId,
        createdAt: s.now.toISOString(),
        createdBy: s.actor,
        methodVersion: METHOD_VERSION,
        params: JSON.stringify(s.params),
        fingerprint: s.fingerprint,
        tables: JSON.stringify(meta),
        sizeBytes,
        jobId: s.jobId ?? null,
      },
      chunks,
    );
  const id = db.isTransaction ? await insert(db) : await db.transaction().execute(insert);
  return { id, sizeBytes };
}

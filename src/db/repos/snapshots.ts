/**
 * Repository of results snapshots (result_snapshots, snapshot_chunks), the publication pointer
 * (result_publications), and the cheap aggregates an assessment's inputs' fingerprint is made of.
 */
import type { Selectable } from 'kysely';
import type { ResultSnapshotTable } from '../schema.js';
import type { Db } from './common.js';

export type SnapshotRow = Selectable<ResultSnapshotTable>;

export interface NewSnapshot {
  assessmentId: string;
  createdAt: string;
  createdBy: string;
  methodVersion: string;
  params: string;
  fingerprint: string;
  tables: string;
  sizeBytes: number;
  jobId: number | null;
}

export interface NewChunk {
  table: string;
  chunk: number;
  data: Buffer;
}

/** Inserts a snapshot and its chunks (the caller runs this in a transaction); returns its id. */
export async function insertSnapshot(db: Db, s: NewSnapshot, chunks: readonly NewChunk[]): Promise<number> {
  const { id } = await db
    .insertInto('result_snapshots')
    .values({
      assessment_id: s.assessmentId,
      created_at: s.createdAt,
      created_by: s.createdBy,
      method_version: s.methodVersion,
      params: s.params,
      fingerprint: s.fingerprint,
      tables: s.tables,
      size_bytes: s.sizeBytes,
      job_id: s.jobId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // one row per statement: a chunk is up to a few hundred kB, and blobs do not batch any faster
  for (const c of chunks)
    await db
      .insertInto('snapshot_chunks')
      .values({ snapshot_id: id, table_name: c.table, chunk: c.chunk, data: c.data })
      .execute();
  return id;
}

/** The snapshots of an assessment, newest first. */
export async function listSnapshots(db: Db, assessmentId: string): Promise<SnapshotRow[]> {
  return db
    .selectFrom('result_snapshots')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('id', 'desc')
    .execute();
}

/** One snapshot of an assessment, or undefined. */
export async function findSnapshot(
  db: Db,
  assessmentId: string,
  snapshotId: number,
): Promise<SnapshotRow | undefined> {
  return db
    .selectFrom('result_snapshots')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .where('id', '=', snapshotId)
    .executeTakeFirst();
}

/** The newest snapshot of an assessment, or undefined. */
export async function latestSnapshot(db: Db, assessmentId: string): Promise<SnapshotRow | undefined> {
  return db
    .selectFrom('result_snapshots')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Chunks from .. to (inclusive) of one table of a snapshot, in order. */
export async function loadChunks(
  db: Db,
  snapshotId: number,
  table: string,
  from: number,
  to: number,
): Promise<Buffer[]> {
  const rows = await db
    .selectFrom('snapshot_chunks')
    .select('data')
    .where('snapshot_id', '=', snapshotId)
    .where('table_name', '=', table)
    .where('chunk', '>=', from)
    .where('chunk', '<=', to)
    .orderBy('chunk')
    .execute();
  return rows.map((r) => r.data);
}

export interface Publication {
  snapshotId: number;
  publishedAt: string;
  publishedBy: string;
}

export async function findPublication(db: Db, assessmentId: string): Promise<Publication | undefined> {
  const row = await db
    .selectFrom('result_publications')
    .select(['snapshot_id', 'published_at', 'published_by'])
    .where('assessment_id', '=', assessmentId)
    .executeTakeFirst();
  return row && { snapshotId: row.snapshot_id, publishedAt: row.published_at, publishedBy: row.published_by };
}

/** Points the assessment's publication at a snapshot (creating or replacing it). */
export async function setPublication(db: Db, assessmentId: string, p: Publication): Promise<void> {
  const values = { snapshot_id: p.snapshotId, published_at: p.publishedAt, published_by: p.publishedBy };
  await db
    .insertInto('result_publications')
    .values({ assessment_id: assessmentId, ...values })
    .onConflict((oc) => oc.column('assessment_id').doUpdateSet(values))
    .execute();
}

/**
 * What the results of an assessment depend on, cheaply: the configuration, the (small) agency,
 * score and phone-case tables in full, and aggregates of the (large) response tables — rows are
 * only ever added to those, in blocks, so counts and the largest ids change whenever they do.
 */
export interface InputAggregates {
  config: string | null;
  units: unknown[];
  scores: unknown[];
  cases: unknown[];
  responses: unknown;
  blocks: unknown;
  comments: unknown;
}

export async function inputAggregates(db: Db, assessmentId: string): Promise<InputAggregates> {
  const [config, units, scores, cases, responses, blocks, comments] = await Promise.all([
    db.selectFrom('assessments').select('config').where('id', '=', assessmentId).executeTakeFirst(),
    db
      .selectFrom('units')
      .select(['code', 'name', 'category', 'has_window', 'position'])
      .where('assessment_id', '=', assessmentId)
      .orderBy('position')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('performance_scores')
      .select(['unit_code', 'daily', 'bonus'])
      .where('assessment_id', '=', assessmentId)
      .orderBy('unit_code')
      .execute(),
    db
      .selectFrom('phone_cases')
      .select(['case_id', 'unit_code', 'disposition'])
      .where('assessment_id', '=', assessmentId)
      .orderBy('case_id')
      .execute(),
    db
      .selectFrom('responses')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('max_id')])
      .where('assessment_id', '=', assessmentId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('response_blocks')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('id').as('max_id'),
        eb.fn.sum<number>('n_responses').as('responses'),
        eb.fn.sum<number>('n_answers').as('answers'),
      ])
      .where('assessment_id', '=', assessmentId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('comments')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('max_id')])
      .where('assessment_id', '=', assessmentId)
      .executeTakeFirstOrThrow(),
  ]);
  // the same numbers from both engines (pg returns some aggregates as strings or null)
  const nums = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? null : Number(v)]));
  return {
    config: config?.config ?? null,
    units: units.map((u) => [u.code, u.name, u.category, Number(u.has_window), Number(u.position)]),
    scores: scores.map((s) => [s.unit_code, s.daily, s.bonus]),
    cases: cases.map((c) => [c.case_id, c.unit_code, c.disposition]),
    responses: nums(responses),
    blocks: nums(blocks),
    comments: nums(comments),
  };
}

/**
 * Repositories: plain functions taking a Kysely handle (or a transaction) first.
 * Row ↔ domain mapping happens here and nowhere else.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { parseAssessmentConfig, type AssessmentConfig } from '../core/config.js';
import type { UnitInfo, PerformanceScore } from '../core/analysis-types.js';
import { KpError } from '../core/errors.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface AssessmentSummary {
  id: string;
  name: string;
  year: number;
}

/** Inserts rows in chunks that stay under both engines' bound-parameter limits. */
export async function insertChunked<T extends keyof Database>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(30_000 / cols));
  for (let i = 0; i < rows.length; i += size) {
    await db.insertInto(table).values(rows.slice(i, i + size)).execute();
  }
}

export async function listAssessments(db: Db): Promise<AssessmentSummary[]> {
  return db.selectFrom('assessments').select(['id', 'name', 'year']).orderBy('year', 'desc').orderBy('id').execute();
}

export async function loadConfig(db: Db, id: string): Promise<AssessmentConfig> {
  const row = await db.selectFrom('assessments').select('config').where('id', '=', id).executeTakeFirst();
  if (!row) throw new KpError('KP_NOT_FOUND', `assessment "${id}" does not exist (see: kaoping assessments)`);
  const parsed = parseAssessmentConfig(JSON.parse(row.config));
  if (!parsed.ok) throw new Error(`stored configuration of "${id}" is invalid: ${parsed.error}`);
  return parsed.value;
}

export async function assessmentExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('assessments').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Creates or replaces an assessment's configuration and its mirrored groups and items. */
export async function saveConfig(db: Db, config: AssessmentConfig, now: string): Promise<void> {
  const json = JSON.stringify(config);
  await db
    .insertInto('assessments')
    .values({ id: config.id, name: config.name, year: config.year, config: json, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: config.name, year: config.year, config: json, updated_at: now }))
    .execute();
  await db.deleteFrom('respondent_groups').where('assessment_id', '=', config.id).execute();
  await db.deleteFrom('items').where('assessment_id', '=', config.id).execute();
  await insertChunked(
    db,
    'respondent_groups',
    config.groups.map((g, i) => ({
      assessment_id: config.id,
      code: g.code,
      name: g.name ?? g.code,
      weight: g.weight ?? null,
      min_n: g.minN ?? null,
      rates: g.rates ?? null,
      channels: g.channels.join(','),
      position: i,
    })),
  );
  await insertChunked(
    db,
    'items',
    config.items.map((it, i) => ({
      assessment_id: config.id,
      code: it.code,
      text: it.text,
      type: it.type,
      required: it.required ? 1 : 0,
      groups: it.groups.join(','),
      position: i,
    })),
  );
}

export interface UnitRow extends UnitInfo {
  position: number;
}

export async function listUnits(db: Db, assessmentId: string): Promise<UnitRow[]> {
  const rows = await db
    .selectFrom('units')
    .select(['code', 'name', 'category', 'has_window', 'position'])
    .where('assessment_id', '=', assessmentId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    category: r.category,
    hasWindow: r.has_window === 1,
    position: r.position,
  }));
}

export async function upsertUnits(db: Db, assessmentId: string, units: readonly UnitRow[]): Promise<void> {
  for (const u of units) {
    await db
      .insertInto('units')
      .values({
        assessment_id: assessmentId,
        code: u.code,
        name: u.name,
        category: u.category,
        has_window: u.hasWindow ? 1 : 0,
        position: u.position,
      })
      .onConflict((oc) =>
        oc.columns(['assessment_id', 'code']).doUpdateSet({
          name: u.name,
          category: u.category,
          has_window: u.hasWindow ? 1 : 0,
        }),
      )
      .execute();
  }
}

/** Stored content hashes of the given response ids (those that exist). */
export async function responseHashes(
  db: Db,
  assessmentId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('responses')
      .select(['response_id', 'content_hash'])
      .where('assessment_id', '=', assessmentId)
      .where('response_id', 'in', ids.slice(i, i + 5000))
      .execute();
    for (const r of rows) out.set(r.response_id, r.content_hash);
  }
  return out;
}

export async function insertBlock(
  db: Db,
  assessmentId: string,
  data: Buffer,
  nResponses: number,
  nAnswers: number,
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('response_blocks')
    .values({ assessment_id: assessmentId, n_responses: nResponses, n_answers: nAnswers, data, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function loadBlocks(db: Db, assessmentId: string): Promise<Uint8Array[]> {
  const rows = await db
    .selectFrom('response_blocks')
    .select('data')
    .where('assessment_id', '=', assessmentId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.data);
}

/** The response blocks of an assessment in storage order, without their data. */
export async function listBlocks(
  db: Db,
  assessmentId: string,
): Promise<{ id: number; n_responses: number; n_answers: number }[]> {
  return db
    .selectFrom('response_blocks')
    .select(['id', 'n_responses', 'n_answers'])
    .where('assessment_id', '=', assessmentId)
    .orderBy('id')
    .execute();
}

export async function loadBlock(db: Db, blockId: number): Promise<Uint8Array> {
  const row = await db.selectFrom('response_blocks').select('data').where('id', '=', blockId).executeTakeFirstOrThrow();
  return row.data;
}

export async function countResponses(db: Db, assessmentId: string): Promise<number> {
  const row = await db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assessment_id', '=', assessmentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function loadScores(db: Db, assessmentId: string): Promise<Map<string, PerformanceScore>> {
  const rows = await db
    .selectFrom('performance_scores')
    .select(['unit_code', 'daily', 'bonus'])
    .where('assessment_id', '=', assessmentId)
    .execute();
  return new Map(rows.map((r) => [r.unit_code, { daily: r.daily, bonus: r.bonus }]));
}

export async function loadDispositions(
  db: Db,
  assessmentId: string,
): Promise<{ unit_code: string; disposition: string | null }[]> {
  return db
    .selectFrom('phone_cases')
    .select(['unit_code', 'disposition'])
    .where('assessment_id', '=', assessmentId)
    .orderBy('case_id')
    .execute();
}

export async function loadComments(
  db: Db,
  assessmentId: string,
): Promise<{ response_id: string; target_unit: string | null; item: string; text: string }[]> {
  return db
    .selectFrom('comments')
    .select(['response_id', 'target_unit', 'item', 'text'])
    .where('assessment_id', '=', assessmentId)
    .orderBy('id')
    .execute();
}

export async function audit(
  db: Db,
  entry: { actor: string; action: string; assessmentId: string | null; details: unknown },
  now: string,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now,
      actor: entry.actor,
      action: entry.action,
      assessment_id: entry.assessmentId,
      details: JSON.stringify(entry.details),
    })
    .execute();
}

/** True when the database answers a trivial query (for /healthz). */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

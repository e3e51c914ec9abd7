/** Repository of assessments and their configuration (groups and items mirrored for queries). */
import { parseAssessmentConfig, type AssessmentConfig } from '../../core/config.js';
import { KpError } from '../../shared/errors.js';
import { insertChunked, type Db } from './common.js';

export interface AssessmentSummary {
  id: string;
  name: string;
  year: number;
}

export async function listAssessments(db: Db): Promise<AssessmentSummary[]> {
  return db
    .selectFrom('assessments')
    .select(['id', 'name', 'year'])
    .orderBy('year', 'desc')
    .orderBy('id')
    .execute();
}

export async function loadConfig(db: Db, id: string): Promise<AssessmentConfig> {
  const config = await loadConfigIfExists(db, id);
  if (!config)
    throw new KpError('KP_NOT_FOUND', `assessment "${id}" does not exist (see: kaoping assessments)`);
  return config;
}

/** The stored configuration, or undefined when the assessment does not exist. */
export async function loadConfigIfExists(db: Db, id: string): Promise<AssessmentConfig | undefined> {
  const row = await db.selectFrom('assessments').select('config').where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
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
    .values({
      id: config.id,
      name: config.name,
      year: config.year,
      config: json,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ name: config.name, year: config.year, config: json, updated_at: now }),
    )
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

/** When the configuration was last stored (its version for the console's editor), or undefined. */
export async function configUpdatedAt(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('assessments').select('updated_at').where('id', '=', id).executeTakeFirst();
  return row?.updated_at;
}

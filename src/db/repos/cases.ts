/** Repository of the phone sample (电话回访样本) and its AAPOR dispositions. */
import type { Insertable } from 'kysely';
import type { Database } from '../schema.js';
import type { Db } from './common.js';

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

/** The case ids already stored for an assessment. */
export async function listCaseIds(db: Db, assessmentId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('phone_cases')
    .select('case_id')
    .where('assessment_id', '=', assessmentId)
    .execute();
  return new Set(rows.map((r) => r.case_id));
}

export type CaseRow = Insertable<Database['phone_cases']>;

/** Creates or updates cases; a row without a phone number keeps the stored one. */
export async function upsertCases(db: Db, rows: readonly CaseRow[]): Promise<void> {
  for (const r of rows) {
    const { phone_enc, phone_hash, ...rest } = r;
    await db
      .insertInto('phone_cases')
      .values(r)
      .onConflict((oc) =>
        oc.columns(['assessment_id', 'case_id']).doUpdateSet({
          ...rest,
          ...(phone_enc === null ? {} : { phone_enc, phone_hash }),
        }),
      )
      .execute();
  }
}

/**
 * Migration 0080: the duplicate drill-down's lookup of the responses sharing a respondent key
 * is answered from the partial index responses_respondent_key on both engines, not by scanning
 * the assessment's responses.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responsesSharingKey, sharingKeyQuery } from '../src/db/repos/responses.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { loadSmall, SMALL_ID } from './support/results.js';

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`respondent key index (${engine})`, () => {
    let t: TestDb;
    let key: { group_code: string; respondent_key: string };
    beforeAll(async () => {
      t = await createTestDb(engine);
      await loadSmall(t);
      const row = await t.handle.db
        .selectFrom('responses')
        .select(['group_code', 'respondent_key'])
        .where('assessment_id', '=', SMALL_ID)
        .where('respondent_key', 'is not', null)
        .executeTakeFirstOrThrow();
      key = { group_code: row.group_code, respondent_key: row.respondent_key! };
    });
    afterAll(() => t.dispose());

    it('finds the responses sharing a key through the index', async () => {
      const found = await responsesSharingKey(t.handle.db, SMALL_ID, key.group_code, key.respondent_key);
      expect(found.length).toBeGreaterThan(0);
      expect(new Set(found.map((r) => r.respondent_key))).toEqual(new Set([key.respondent_key]));
      const q = sharingKeyQuery(t.handle.db, SMALL_ID, key.group_code, key.respondent_key).compile();
      let plan: string;
      if (engine === 'sqlite') {
        const rows = await sql
          .raw<{ detail: string }>(`explain query plan ${q.sql.replace(/\?/g, () => "'x'")}`)
          .execute(t.handle.db);
        plan = rows.rows.map((r) => r.detail).join('\n');
      } else {
        // a tiny table is cheaper to scan: forbid that, so the plan shows what the index can serve
        plan = await t.handle.db.transaction().execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          const text = `explain ${q.sql.replace(/\$\d+/g, "'x'")}`;
          const rows = await sql.raw<{ 'QUERY PLAN': string }>(text).execute(trx);
          return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
        });
      }
      expect(plan).toContain('responses_respondent_key');
    });
  });
}

/**
 * Repository of answer usage statistics (schema.ts AnswerUsageTable): written with every
 * stored block, read by the configuration-change check.
 */
import type { UsageCount } from '../codec/answer-usage.js';
import type { Db } from './common.js';

/** Adds counts to the assessment's statistics (call inside the transaction storing the answers). */
export async function addAnswerUsage(
  db: Db,
  assessmentId: string,
  rows: readonly UsageCount[],
): Promise<void> {
  // at most groups × items × channels × values rows per block: a few hundred, far under the
  // bound-parameter limits, so one statement
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('answer_usage')
      .values(
        rows.slice(i, i + 2000).map((r) => ({
          assessment_id: assessmentId,
          group_code: r.group,
          item_code: r.item,
          channel: r.channel,
          value: r.value,
          n: r.n,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['assessment_id', 'group_code', 'item_code', 'channel', 'value'])
          .doUpdateSet((eb) => ({ n: eb('answer_usage.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  }
}

/** All usage rows of an assessment (groups × items × channels × distinct values: small). */
export async function answerUsage(db: Db, assessmentId: string): Promise<UsageCount[]> {
  const rows = await db
    .selectFrom('answer_usage')
    .select(['group_code', 'item_code', 'channel', 'value', 'n'])
    .where('assessment_id', '=', assessmentId)
    .where('n', '>', 0)
    .execute();
  return rows.map((r) => ({
    group: r.group_code,
    item: r.item_code,
    channel: r.channel,
    value: Number(r.value),
    n: Number(r.n),
  }));
}

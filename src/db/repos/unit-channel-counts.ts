/**
 * Repository of the fieldwork counts (schema.ts UnitChannelCountTable): added to with every
 * stored block, read by the progress wallboard (services/fieldwork/progress.ts).
 */
import { ALL_RESPONSES, countsOfBlock, type UnitChannelCount } from '../codec/unit-channel-counts.js';
import type { Db } from './common.js';

/** Adds counts to the assessment's (call inside the transaction storing the responses). */
export async function addUnitChannelCounts(
  db: Db,
  assessmentId: string,
  rows: readonly UnitChannelCount[],
): Promise<void> {
  // agencies × channels × groups: a few hundred rows per block, 5 parameters each
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('unit_channel_counts')
      .values(
        rows.slice(i, i + 2000).map((r) => ({
          assessment_id: assessmentId,
          unit_code: r.unit,
          channel: r.channel,
          group_code: r.group,
          n: r.n,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['assessment_id', 'unit_code', 'channel', 'group_code'])
          .doUpdateSet((eb) => ({ n: eb('unit_channel_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  }
}

/** Every count of an assessment (agencies × channels × groups: small). */
export async function unitChannelCounts(db: Db, assessmentId: string): Promise<UnitChannelCount[]> {
  const rows = await db
    .selectFrom('unit_channel_counts')
    .select(['unit_code', 'channel', 'group_code', 'n'])
    .where('assessment_id', '=', assessmentId)
    .execute();
  return rows.map((r) => ({ unit: r.unit_code, channel: r.channel, group: r.group_code, n: Number(r.n) }));
}

/**
 * What changes whenever the progress of an assessment does, for many assessments in one
 * query: the number of stored responses (the '' rows, read by primary-key prefix), the newest
 * answer block (a restore may replace the data with as many responses), the newest results
 * snapshot (the firm's rating) and the configuration's last change (the quotas).
 */
export async function progressVersions(
  db: Db,
  assessmentIds: readonly string[],
): Promise<Map<string, string>> {
  if (assessmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('assessments as a')
    .select((eb) => [
      'a.id',
      'a.updated_at',
      eb
        .selectFrom('unit_channel_counts as c')
        .select((e) => e.fn.sum<number>('c.n').as('s'))
        .whereRef('c.assessment_id', '=', 'a.id')
        .where('c.unit_code', '=', ALL_RESPONSES)
        .as('responses'),
      eb
        .selectFrom('response_blocks as b')
        .select((e) => e.fn.max('b.id').as('m'))
        .whereRef('b.assessment_id', '=', 'a.id')
        .as('block'),
      eb
        .selectFrom('result_snapshots as s')
        .select((e) => e.fn.max('s.id').as('m'))
        .whereRef('s.assessment_id', '=', 'a.id')
        .as('snapshot'),
    ])
    .where('a.id', 'in', assessmentIds)
    .execute();
  // pg returns sums as strings: Number() gives both engines the same version text
  return new Map(
    rows.map((r) => [
      r.id,
      [r.updated_at, Number(r.responses ?? 0), Number(r.block ?? 0), Number(r.snapshot ?? 0)].join('|'),
    ]),
  );
}

/**
 * Computes every assessment's counts from its stored blocks into the (empty) table: the backfill
 * of migration 0030, and a restore of a backup taken before it. One block in memory at a time;
 * the sums (agencies × channels × groups per assessment: small) are written once per assessment,
 * since SQLite runs a migration outside a transaction and a commit per block would take minutes
 * at 100,000 submission-sized blocks.
 */
export async function rebuildUnitChannelCounts(db: Db): Promise<void> {
  const sums = new Map<string, Map<string, UnitChannelCount>>();
  for (let after = 0; ;) {
    const block = await db
      .selectFrom('response_blocks')
      .select(['id', 'assessment_id', 'data'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!block) break;
    let m = sums.get(block.assessment_id);
    if (!m) sums.set(block.assessment_id, (m = new Map<string, UnitChannelCount>()));
    for (const c of countsOfBlock(block.data)) {
      const key = `${c.unit}\u0000${c.channel}\u0000${c.group}`;
      const had = m.get(key);
      if (had) had.n += c.n;
      else m.set(key, { ...c });
    }
    after = block.id;
  }
  for (const [assessmentId, m] of sums) await addUnitChannelCounts(db, assessmentId, [...m.values()]);
}

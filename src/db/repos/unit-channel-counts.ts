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
 * results snapshot (the firm's rating) and the configuration's last change (the quotas). Not
 * the newest block: finding it scans the assessment's blocks on PostgreSQL (4 ms at 5,000), and
 * the one case it would add, a restore to as many responses, shows within the feed's minute.
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
        .selectFrom('result_snapshots as s')
        .select((e) => e.fn.max('s.id').as('m'))
        .whereRef('s.assessment_id', '=', 'a.id')
        .as('snapshot'),
    ])
    .where('a.id', 'in', assessmentIds)
    .execute();
  // pg returns sums as strings: Number() gives both engines the same version text
  return new Map(
    rows.map((r) => [r.id, [r.updated_at, Number(r.responses ?? 0), Number(r.snapshot ?? 0)].join('|')]),
  );
}

/**
 * Computes every assessment's counts from its stored blocks into the (empty) table: the backfill
 * of migration 0030, and a restore of a backup taken before it. Blocks of at most about a
 * million answers in memory at a time; the sums (agencies × channels × groups per assessment:
 * small) are written once per assessment, since SQLite runs a migration outside a transaction
 * and a commit per block would take minutes at 100,000 submission-sized blocks.
 */
export async function rebuildUnitChannelCounts(db: Db): Promise<void> {
  const sums = new Map<string, Map<string, UnitChannelCount>>();
  const add = (assessmentId: string, data: Uint8Array) => {
    let m = sums.get(assessmentId);
    if (!m) sums.set(assessmentId, (m = new Map<string, UnitChannelCount>()));
    for (const c of countsOfBlock(data)) {
      const key = `${c.unit}\u0000${c.channel}\u0000${c.group}`;
      const had = m.get(key);
      if (had) had.n += c.n;
      else m.set(key, { ...c });
    }
  };
  // blocks read in batches of up to ~1,000,000 answers (a file import's block is one batch,
  // a thousand submission-sized ones another): a round trip per block took 28 s for 5,000
  // blocks on PostgreSQL here
  const sizes = await db.selectFrom('response_blocks').select(['id', 'n_answers']).orderBy('id').execute();
  for (let i = 0; i < sizes.length;) {
    const ids: number[] = [];
    for (
      let answers = 0;
      i < sizes.length && ids.length < 1000 && (ids.length === 0 || answers < 1_000_000);
      i++
    ) {
      ids.push(sizes[i]!.id);
      answers += Number(sizes[i]!.n_answers);
    }
    const blocks = await db
      .selectFrom('response_blocks')
      .select(['id', 'assessment_id', 'data'])
      .where('id', 'in', ids)
      .execute();
    for (const b of blocks) add(b.assessment_id, b.data);
  }
  for (const [assessmentId, m] of sums) await addUnitChannelCounts(db, assessmentId, [...m.values()]);
}

/** Repository of responses: identity rows, answer blocks and free-text comments. */
import type { Db } from './common.js';

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
    .values({
      assessment_id: assessmentId,
      n_responses: nResponses,
      n_answers: nAnswers,
      data,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
  const row = await db
    .selectFrom('response_blocks')
    .select('data')
    .where('id', '=', blockId)
    .executeTakeFirstOrThrow();
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

/** The comments (text answers) of the responses stored in one block, for streamed exports. */
export async function loadBlockComments(
  db: Db,
  assessmentId: string,
  blockId: number,
): Promise<{ response_id: string; target_unit: string | null; item: string; text: string }[]> {
  return db
    .selectFrom('comments as c')
    .innerJoin('responses as r', (j) =>
      j.onRef('r.assessment_id', '=', 'c.assessment_id').onRef('r.response_id', '=', 'c.response_id'),
    )
    .select(['c.response_id', 'c.target_unit', 'c.item', 'c.text'])
    .where('c.assessment_id', '=', assessmentId)
    .where('r.block_id', '=', blockId)
    .execute();
}

/**
 * The longest stored value, in UTF-8 bytes, of each free-text response column and of each
 * text item's answers: the string widths of an SPSS file, known before its first case.
 */
export async function textWidths(
  db: Db,
  assessmentId: string,
): Promise<{ responseId: number; respondentKey: number; submittedAt: number; items: Map<string, number> }> {
  const r = await db
    .selectFrom('responses')
    .select((eb) => [
      eb.fn.max(eb.fn<number>('octet_length', ['response_id'])).as('rid'),
      eb.fn.max(eb.fn<number>('octet_length', ['respondent_key'])).as('rkey'),
      eb.fn.max(eb.fn<number>('octet_length', ['submitted_at'])).as('at'),
    ])
    .where('assessment_id', '=', assessmentId)
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom('comments')
    .select((eb) => ['item', eb.fn.max(eb.fn<number>('octet_length', ['text'])).as('n')])
    .where('assessment_id', '=', assessmentId)
    .groupBy('item')
    .execute();
  return {
    responseId: Number(r.rid ?? 0),
    respondentKey: Number(r.rkey ?? 0),
    submittedAt: Number(r.at ?? 0),
    items: new Map(items.map((i) => [i.item, Number(i.n ?? 0)])),
  };
}

/** The comments about one agency (the agency page's example comments), in storage order. */
export async function loadUnitComments(
  db: Db,
  assessmentId: string,
  unitCode: string,
): Promise<{ response_id: string; text: string }[]> {
  return db
    .selectFrom('comments')
    .select(['response_id', 'text'])
    .where('assessment_id', '=', assessmentId)
    .where('target_unit', '=', unitCode)
    .orderBy('id')
    .execute();
}

export interface StoredResponseRef {
  response_id: string;
  group_code: string;
  respondent_key: string | null;
  submitted_at: string | null;
  block_id: number;
  block_pos: number;
}

const REF_COLUMNS = [
  'response_id',
  'group_code',
  'respondent_key',
  'submitted_at',
  'block_id',
  'block_pos',
] as const;

/** Where one stored response is (its block and position), or undefined. */
export async function findResponseRef(
  db: Db,
  assessmentId: string,
  responseId: string,
): Promise<StoredResponseRef | undefined> {
  return db
    .selectFrom('responses')
    .select(REF_COLUMNS)
    .where('assessment_id', '=', assessmentId)
    .where('response_id', '=', responseId)
    .executeTakeFirst();
}

/** The query of responsesSharingKey (its plan is tested to use responses_respondent_key). */
export const sharingKeyQuery = (db: Db, assessmentId: string, groupCode: string, respondentKey: string) =>
  db
    .selectFrom('responses')
    .select(REF_COLUMNS)
    .where('assessment_id', '=', assessmentId)
    .where('group_code', '=', groupCode)
    .where('respondent_key', '=', respondentKey)
    .orderBy('id');

/** The responses of a group sharing a respondent key (what the duplicate rule compares). */
export async function responsesSharingKey(
  db: Db,
  assessmentId: string,
  groupCode: string,
  respondentKey: string,
): Promise<StoredResponseRef[]> {
  return sharingKeyQuery(db, assessmentId, groupCode, respondentKey).execute();
}

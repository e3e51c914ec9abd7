/**
 * `kaoping import responses`: the long format of SPEC §4.3, validated row by row, stored
 * all-or-nothing. A response_id already stored with the same content is skipped (re-importing
 * a file is a no-op); with different content it is refused. HTTP submissions
 * (services/submissions) go through the same row checks (addAnswerRow), content hash and block
 * writer (writeResponses), so a submitted response and the same one in a file are one.
 */
import { createHash } from 'node:crypto';
import { CHANNELS, isFirmGroup, type AssessmentConfig, type Channel } from '../../core/config.js';
import { badRow, KpError } from '../../shared/errors.js';
import { answerContentKey, answerKey, isDontKnow, shown } from '../../shared/cell-values.js';
import { DEFAULT_TIME_ZONE } from '../../core/time-zone.js';
import { VALUE_BLANK, VALUE_DK, VALUE_TEXT } from '../../core/response-table.js';
import {
  encodeBlock,
  hasSeparator,
  type BlockAnswer,
  type BlockResponse,
} from '../../db/codec/block-codec.js';
import { loadConfig } from '../../db/repos/assessments.js';
import { configChangeProblems } from '../../core/config-change.js';
import { usageOfResponses } from '../../db/codec/answer-usage.js';
import { addAnswerUsage } from '../../db/repos/answer-usage.js';
import { countsOfResponses } from '../../db/codec/unit-channel-counts.js';
import { addUnitChannelCounts } from '../../db/repos/unit-channel-counts.js';
import { audit } from '../../db/repos/audit.js';
import { insertChunked } from '../../db/repos/common.js';
import { insertBlock, responseHashes } from '../../db/repos/responses.js';
import { listUnits } from '../../db/repos/units.js';
import type { Db } from '../../db/repos/common.js';
import type { ServiceContext } from '../context.js';
import type { ColumnSpec, TableBatch, TableSource } from './table-reader.js';
import { MAX_DURATION_S, normaliseField, parseDuration, parseInstant, trimAscii } from './values.js';

export const RESPONSE_COLUMNS: ColumnSpec[] = [
  {
    name: 'response_id',
    aliases: ['问卷编号', '答卷编号', '问卷ID', '答卷ID', '样本编号'],
    required: true,
    kind: 'code',
  },
  { name: 'channel', aliases: ['渠道', '调查渠道', '调查方式'], required: true, kind: 'code' },
  {
    name: 'group',
    aliases: ['群体', '评价群体', '对象组', '调查对象', '评价主体'],
    required: true,
    kind: 'code',
  },
  {
    name: 'respondent_unit',
    aliases: ['评价人单位', '答卷人单位', '所在单位', '评价单位'],
    required: false,
    kind: 'code',
  },
  {
    name: 'respondent_key',
    aliases: ['答卷人标识', '受访者标识', '评价人标识'],
    required: false,
    kind: 'code',
  },
  {
    name: 'target_unit',
    aliases: ['被评单位', '被评价单位', '被考核单位', '被评单位编码'],
    required: true,
    kind: 'code',
  },
  { name: 'item', aliases: ['题目', '题目编码', '指标', '题号', '指标编码'], required: true, kind: 'code' },
  // a rating or free text: normalised only once the item says it is a rating
  { name: 'value', aliases: ['答案', '评分', '取值', '得分', '选项'], required: true },
  {
    name: 'duration_s',
    aliases: ['时长', '答题时长', '用时', '访问时长'],
    required: false,
    kind: 'duration',
  },
  { name: 'submitted_at', aliases: ['提交时间', '完成时间', '访问时间'], required: false, kind: 'instant' },
];
const COL = RESPONSE_COLUMNS.map((c) => c.name);
const LEVEL_COLUMNS = [1, 2, 3, 4, 8, 9]; // response-level: must agree on every row
/** code, number and date columns: NFKC-normalised and trimmed before they are checked */
const NORMALISED = [0, 1, 2, 3, 4, 5, 6, 8, 9];

/** One response being assembled from its answer rows (a CSV's rows, or one HTTP submission). */
export interface Pending {
  line: number;
  level: string[];
  resp: BlockResponse;
  lines: number[];
  texts: { target: string | null; item: string; text: string }[];
}

export interface ImportResult {
  rows: number;
  added: number;
  unchanged: number;
}

/** What rows are checked against: one assessment's configuration and agencies. */
export interface Lookup {
  config: AssessmentConfig;
  units: Set<string>;
  /** the agency codes in their stored order (the dictionary of a block that lists them all) */
  unitOrder: string[];
  groups: Map<string, { channels: Set<string>; firm: boolean }>;
  items: Map<string, { text: boolean; groups: Set<string> }>;
  points: number;
}

/** The lookup of an assessment, read through `db` (a connection or a transaction). */
export async function responseLookup(db: Db, assessmentId: string): Promise<Lookup> {
  const config = await loadConfig(db, assessmentId);
  const unitOrder = (await listUnits(db, assessmentId)).map((u) => u.code);
  return {
    config,
    units: new Set(unitOrder),
    unitOrder,
    groups: new Map(
      config.groups.map((g) => [g.code, { channels: new Set(g.channels), firm: isFirmGroup(g) }]),
    ),
    items: new Map(
      config.items.map((it) => [it.code, { text: it.type === 'text', groups: new Set(it.groups) }]),
    ),
    points: config.scale.points,
  };
}

/**
 * How a failed check is reported, by column name (`COL`): a CSV import names the file, line and
 * column; an HTTP submission names the JSON field (`answers.3.value`).
 */
export type Fail = (column: string, why: string) => KpError;

/** Parses one row into its answer, checking it against the configuration. */
function parseRow(
  c: string[],
  lk: Lookup,
  normalise: (s: string) => string,
  fail: Fail,
): { answer: BlockAnswer; text: string | null } {
  const channel = c[1]!;
  const group = lk.groups.get(c[2]!);
  if (!(CHANNELS as readonly string[]).includes(channel))
    throw fail(COL[1]!, `unknown channel ${shown(channel)}; expected ${CHANNELS.join('|')}`);
  if (!group) throw fail(COL[2]!, `unknown group ${shown(c[2]!)}`);
  if (!group.channels.has(channel))
    throw fail(COL[1]!, `channel "${channel}" is not a channel of group "${c[2]}"`);
  if (c[3] !== '' && !lk.units.has(c[3]!)) throw fail(COL[3]!, `unknown agency ${shown(c[3]!)}`);
  const target = c[5]!;
  if (group.firm) {
    if (target !== '')
      throw fail(COL[5]!, `group "${c[2]}" rates the evaluation firm: target_unit must be empty`);
  } else if (target === '') {
    throw fail(COL[5]!, 'empty; every answer of an agency group names the agency it rates');
  } else if (!lk.units.has(target)) {
    throw fail(COL[5]!, `unknown agency ${shown(target)}`);
  }
  const item = lk.items.get(c[6]!);
  if (!item) throw fail(COL[6]!, `unknown item ${shown(c[6]!)}`);
  if (!item.groups.has(c[2]!)) throw fail(COL[6]!, `item "${c[6]}" is not asked of group "${c[2]}"`);
  const raw = c[7]!;
  let value: number;
  let text: string | null = null;
  if (item.text) {
    text = raw.trim();
    value = text === '' ? VALUE_BLANK : VALUE_TEXT;
    if (text === '') text = null;
  } else {
    const v = normalise(raw);
    if (v === '') value = VALUE_BLANK;
    else if (isDontKnow(v)) value = VALUE_DK;
    else {
      // 4.0 is a rating: statistics packages write whole numbers so; 4.5 is not
      const n = /^\d{1,3}(\.0+)?$/.test(v) ? Number.parseInt(v, 10) : NaN;
      if (!(n >= 1 && n <= lk.points))
        throw fail(COL[7]!, `${shown(v)} is not a rating 1..${lk.points} or DK`);
      value = n;
    }
  }
  return { answer: { target: group.firm ? null : target, item: c[6]!, value }, text };
}

function levelOf(c: string[], fail: Fail): { dur: number | null; ms: number } {
  const dur = parseDuration(c[8]!);
  if (Number.isNaN(dur)) {
    throw fail(
      'duration_s',
      `${shown(c[8]!)} is not a duration: seconds 0–${MAX_DURATION_S} as a plain number, or H:MM:SS`,
    );
  }
  let ms = NaN;
  if (c[9] !== '') {
    ms = parseInstant(c[9]!, DEFAULT_TIME_ZONE);
    if (Number.isNaN(ms)) {
      throw fail(
        'submitted_at',
        `${shown(c[9]!)} is not a date-time on the calendar (ISO 8601, e.g. 2021-05-06T14:30:00+08:00)`,
      );
    }
  }
  return { dur, ms };
}

/**
 * Canonical content of a response: the same answers in any row order hash the same, and the
 * same response imported from a file or submitted over HTTP hashes the same (both are cells).
 */
export function contentHash(p: Pending): string {
  const body = p.resp.answers
    .map((a) => {
      const t =
        a.value === VALUE_TEXT
          ? (p.texts.find((x) => x.target === a.target && x.item === a.item)?.text ?? '')
          : '';
      return answerContentKey(a.target, a.item, a.value, t);
    })
    .sort();
  return createHash('sha256')
    .update(JSON.stringify([p.level, body]))
    .digest('base64url');
}

/** Refuses a response answering the same item for the same agency twice; `i` is the answer's index. */
export function checkDuplicateAnswers(
  p: Pending,
  fail: (i: number, column: string, why: string) => KpError,
): void {
  const seen = new Set<string>();
  p.resp.answers.forEach((a, i) => {
    const k = answerKey(a.target, a.item);
    if (seen.has(k)) {
      throw fail(
        i,
        'item',
        `response ${shown(p.resp.responseId)} answers item "${a.item}" for "${a.target ?? '(firm)'}" twice`,
      );
    }
    seen.add(k);
  });
}

/**
 * Adds one answer row (cells in RESPONSE_COLUMNS order, as read) to the response it belongs to,
 * normalising and checking it: the one validation of answers, shared by the file importer and
 * HTTP submissions (services/submissions), which turn a JSON body into the same cells.
 */
export function addAnswerRow(
  pending: Map<string, Pending>,
  line: number,
  cells: string[],
  lk: Lookup,
  normalise: (s: string) => string,
  fail: Fail,
): void {
  for (const k of NORMALISED) cells[k] = normalise(cells[k]!);
  const id = cells[0]!;
  if (id === '') throw fail('response_id', 'empty');
  if (hasSeparator(id)) throw fail('response_id', 'contains a line break');
  if (hasSeparator(cells[4]!)) throw fail('respondent_key', 'contains a line break');
  const { answer, text } = parseRow(cells, lk, normalise, fail);
  let p = pending.get(id);
  if (!p) {
    const { dur, ms } = levelOf(cells, fail);
    p = {
      line,
      level: LEVEL_COLUMNS.map((k) => cells[k]!),
      lines: [],
      texts: [],
      resp: {
        responseId: id,
        channel: cells[1] as Channel,
        group: cells[2]!,
        respondentUnit: cells[3] || null,
        respondentKey: cells[4] || null,
        durationS: dur,
        submittedAt: cells[9] || null,
        submittedMs: ms,
        answers: [],
      },
    };
    pending.set(id, p);
  } else {
    for (let j = 0; j < LEVEL_COLUMNS.length; j++) {
      const k = LEVEL_COLUMNS[j]!;
      if (p.level[j] !== cells[k]) {
        throw fail(
          COL[k]!,
          `${shown(cells[k]!)} differs from ${shown(p.level[j]!)} on line ${p.line} for response ${shown(id)}`,
        );
      }
    }
  }
  p.resp.answers.push(answer);
  p.lines.push(line);
  if (text !== null) p.texts.push({ target: answer.target, item: answer.item, text });
}

export async function importResponses(
  ctx: ServiceContext,
  assessmentId: string,
  source: TableSource,
): Promise<ImportResult> {
  const file = source.name;
  const lk = await responseLookup(ctx.handle.db, assessmentId);
  const pending = new Map<string, Pending>();
  let rows = 0;
  for await (const batch of source.read(RESPONSE_COLUMNS)) {
    // an all-ASCII batch (the common case) has nothing to NFKC
    const normalise = (batch as TableBatch).ascii ? trimAscii : normaliseField;
    for (const { line, cells } of batch) {
      addAnswerRow(pending, line, cells, lk, normalise, (column, why) => badRow(file, line, column, why));
      rows++;
    }
    ctx.progress?.(rows);
  }
  const all = [...pending.values()];
  for (const p of all) checkDuplicateAnswers(p, (i, column, why) => badRow(file, p.lines[i]!, column, why));
  const hashes = all.map(contentHash);
  const stored = await responseHashes(
    ctx.handle.db,
    assessmentId,
    all.map((p) => p.resp.responseId),
  );
  const fresh: number[] = [];
  let added = 0;
  all.forEach((p, i) => {
    const h = stored.get(p.resp.responseId);
    if (h === undefined) fresh.push(i);
    else if (h !== hashes[i]) {
      throw badRow(
        file,
        p.line,
        'response_id',
        `response ${shown(p.resp.responseId)} is already stored with different content`,
      );
    }
  });
  if (fresh.length > 0) {
    added = await storeResponses(
      ctx,
      assessmentId,
      fresh.map((i) => ({ p: all[i]!, hash: hashes[i]! })),
      { file, rows },
    );
  }
  return { rows, added, unchanged: all.length - added };
}

export interface NewResponse {
  p: Pick<Pending, 'resp' | 'texts'>;
  hash: string;
}

const BLOCK_RESPONSES = 50_000;
const BLOCK_ANSWERS = 2_000_000;

/**
 * Writes responses as blocks plus one identity row each, in one transaction, and returns how
 * many it stored. The transaction first takes the assessment's write lock and re-checks which
 * ids are stored, because another import may have stored some since the caller looked: the same
 * content is skipped as unchanged, different content is refused — never a raw UNIQUE violation.
 */
export async function storeResponses(
  ctx: ServiceContext,
  assessmentId: string,
  all: readonly NewResponse[],
  details: Record<string, unknown>,
): Promise<number> {
  const now = ctx.now().toISOString();
  const unitCodes = (await listUnits(ctx.handle.db, assessmentId)).map((u) => u.code);
  const { ops } = ctx.handle;
  return ops.writeTransaction(ctx.handle.db, async (trx) => {
    await ops.lockAssessment(trx, assessmentId);
    const config = await loadConfig(trx, assessmentId);
    const stored = await responseHashes(
      trx,
      assessmentId,
      all.map((x) => x.p.resp.responseId),
    );
    const items = all.filter(({ p, hash }) => {
      const h = stored.get(p.resp.responseId);
      if (h !== undefined && h !== hash) {
        throw new KpError('KP_IMPORT_BAD_ROW', {
          file: typeof details.file === 'string' ? details.file : undefined,
          column: 'response_id',
          why: `response "${p.resp.responseId}" is already stored with different content`,
        });
      }
      return h === undefined;
    });
    await writeResponses(trx, assessmentId, items, {
      config,
      unitOrder: unitCodes,
      now,
      source: details.file,
    });
    if (items.length > 0) {
      await audit(
        trx,
        {
          actor: ctx.actor,
          action: 'import.responses',
          assessmentId,
          details: { ...details, added: items.length },
        },
        now,
      );
    }
    return items.length;
  });
}

/** What writeResponses needs besides the rows: the configuration and agencies read in its transaction. */
export interface WriteContext {
  config: AssessmentConfig;
  /** the agency codes in stored order */
  unitOrder: readonly string[];
  now: string;
  /** the file named in an error, if any */
  source?: unknown;
}

/**
 * Writes new responses (ids not stored yet, as the caller checked in the same transaction,
 * under the assessment's lock) as answer blocks plus one identity row each, their comments,
 * the answer-usage counts and the fieldwork counts. The caller commits.
 */
export async function writeResponses(
  trx: Db,
  assessmentId: string,
  items: readonly NewResponse[],
  w: WriteContext,
): Promise<void> {
  let i = 0;
  while (i < items.length) {
    let j = i;
    let answers = 0;
    while (j < items.length && j - i < BLOCK_RESPONSES && answers < BLOCK_ANSWERS)
      answers += items[j++]!.p.resp.answers.length;
    const chunk = items.slice(i, j);
    const responses = chunk.map((x) => x.p.resp);
    // A block large enough to carry them lists all the assessment's units in its own order, so
    // that analysis copies its target column instead of remapping every answer. (Units are never
    // removed; item and group dictionaries must keep listing only the codes used.)
    const order = chunk.length >= w.unitOrder.length ? { units: [...w.unitOrder] } : {};
    const block = encodeBlock(responses, order);
    const usage = usageOfResponses(responses);
    // the configuration may have changed since the rows were checked against it
    const problem = configChangeProblems(w.config, w.config, usage)[0];
    if (problem !== undefined) {
      throw new KpError('KP_CONFLICT', {
        file: typeof w.source === 'string' ? w.source : undefined,
        why: `the configuration changed during the import (${problem.field}: ${problem.why}); import again`,
      });
    }
    const blockId = await insertBlock(trx, assessmentId, block, chunk.length, answers, w.now);
    await addAnswerUsage(trx, assessmentId, usage);
    await addUnitChannelCounts(trx, assessmentId, countsOfResponses(responses));
    await insertChunked(
      trx,
      'responses',
      chunk.map(({ p, hash }, k) => ({
        assessment_id: assessmentId,
        response_id: p.resp.responseId,
        channel: p.resp.channel,
        group_code: p.resp.group,
        respondent_unit: p.resp.respondentUnit,
        respondent_key: p.resp.respondentKey,
        duration_s: p.resp.durationS,
        submitted_at: p.resp.submittedAt,
        content_hash: hash,
        block_id: blockId,
        block_pos: k,
        created_at: w.now,
      })),
    );
    await insertChunked(
      trx,
      'comments',
      chunk.flatMap(({ p }) =>
        p.texts.map((t) => ({
          assessment_id: assessmentId,
          response_id: p.resp.responseId,
          target_unit: t.target,
          item: t.item,
          text: t.text,
        })),
      ),
    );
    i = j;
  }
}

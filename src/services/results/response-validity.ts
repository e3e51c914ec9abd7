/**
 * 数据质量 drill-down: why one stored response is (in)valid, with the values the rules compared
 * (core/validity-explain.ts). Reads the response's block and those of the responses of its group
 * sharing its respondent key — the only others the duplicate rule looks at — and the current
 * configuration, so the answer is what `analyze` would decide on the stored data now.
 */
import {
  responseTableFrom,
  stringAt,
  type PlainResponse,
  type ResponseTable,
} from '../../core/response-table.js';
import { explainValidity } from '../../core/validity-explain.js';
import { blocksToTable, decodeBlock } from '../../db/codec/block-codec.js';
import { loadConfig } from '../../db/repos/assessments.js';
import {
  findResponseRef,
  loadBlock,
  responsesSharingKey,
  type StoredResponseRef,
} from '../../db/repos/responses.js';
import { listUnits } from '../../db/repos/units.js';
import type { ValidityExplanation } from '../../shared/api/quality.js';
import { KpError } from '../../shared/errors.js';
import type { ServiceContext } from '../context.js';

type Ctx = Pick<ServiceContext, 'handle'>;

function plainAt(t: ResponseTable, i: number): PlainResponse {
  const answers: PlainResponse['answers'] = [];
  for (let a = t.answerStart[i]!; a < t.answerStart[i + 1]!; a++)
    answers.push({ target: t.target[a]!, item: t.item[a]!, value: t.value[a]! });
  return {
    responseId: stringAt(t.responseId, i),
    channel: t.channel[i]!,
    group: t.group[i]!,
    respondentUnit: t.respondentUnit[i]!,
    respondentKey: stringAt(t.respondentKey, i),
    durationS: t.durationS[i]!,
    submittedMs: t.submittedMs[i]!,
    answers,
  };
}

export async function responseValidity(
  ctx: Ctx,
  assessmentId: string,
  responseId: string,
): Promise<ValidityExplanation> {
  const db = ctx.handle.db;
  const ref = await findResponseRef(db, assessmentId, responseId);
  if (!ref)
    throw new KpError('KP_NOT_FOUND', {
      field: 'responseId',
      why: `assessment "${assessmentId}" has no stored response "${responseId}"`,
    });
  const config = await loadConfig(db, assessmentId);
  const units = await listUnits(db, assessmentId);
  const peers: StoredResponseRef[] = ref.respondent_key
    ? (await responsesSharingKey(db, assessmentId, ref.group_code, ref.respondent_key)).filter(
        (r) => r.response_id !== ref.response_id,
      )
    : [];
  const wanted = [ref, ...peers];
  const dict = {
    unitIndex: new Map(units.map((u, i) => [u.code, i])),
    itemIndex: new Map(config.items.map((it, i) => [it.code, i])),
    groupIndex: new Map(config.groups.map((g, i) => [g.code, i])),
  };
  const tables = new Map<number, ResponseTable>();
  const records: PlainResponse[] = [];
  for (const r of wanted) {
    let t = tables.get(r.block_id);
    if (!t) {
      t = blocksToTable([decodeBlock(await loadBlock(db, r.block_id))], dict);
      tables.set(r.block_id, t);
    }
    records.push(plainAt(t, r.block_pos));
  }
  const e = explainValidity(
    config,
    units.map((u) => u.code),
    responseTableFrom(records),
    0,
    wanted.map((r) => r.submitted_at),
  );
  const nameOf = new Map(units.map((u) => [u.code, u.name]));
  return {
    ...e,
    submittedAt: ref.submitted_at,
    incomplete: {
      ...e.incomplete,
      targets: e.incomplete.targets.map((x) => ({
        ...x,
        unitName: x.unit === null ? null : (nameOf.get(x.unit) ?? null),
      })),
    },
  };
}

/**
 * The columnar form in which responses reach the scoring method. Analysis over millions of
 * answers reads these typed arrays straight from stored blocks (see src/db/blocks.ts), so the
 * method never touches one object per answer.
 *
 * Indices refer to the assessment being analysed:
 * - channel: index into CHANNELS;
 * - group, item: index into config.groups / config.items;
 * - unit (respondentUnit, target): index into the unit list passed beside the table; -1 = none.
 */

/** Answer value codes. 1..points are ratings. */
export const VALUE_DK = 0; // 不了解 — don't know: an answer, but excluded from every mean and rate
export const VALUE_TEXT = 255; // a non-empty text answer (its text is kept in the comments table)
export const VALUE_BLANK = 254; // the row exists but carries no answer (empty cell)

export interface ResponseTable {
  /** number of responses */
  n: number;
  responseId: string[];
  channel: Uint8Array;
  group: Uint16Array;
  respondentUnit: Int32Array;
  /** '' when unknown */
  respondentKey: string[];
  /** NaN when empty */
  durationS: Float64Array;
  /** submitted_at as epoch milliseconds; NaN when empty */
  submittedMs: Float64Array;
  /** answers of response i are answerStart[i] .. answerStart[i+1]-1; length n+1 */
  answerStart: Uint32Array;
  target: Int32Array;
  item: Uint16Array;
  value: Uint8Array;
}

/** Builds a ResponseTable from plain records; convenient for tests and small inputs. */
export interface PlainResponse {
  responseId: string;
  channel: number;
  group: number;
  respondentUnit?: number;
  respondentKey?: string;
  durationS?: number | null;
  submittedMs?: number | null;
  answers: { target: number; item: number; value: number }[];
}

export function responseTableFrom(records: readonly PlainResponse[]): ResponseTable {
  const n = records.length;
  const total = records.reduce((s, r) => s + r.answers.length, 0);
  const t: ResponseTable = {
    n,
    responseId: [],
    channel: new Uint8Array(n),
    group: new Uint16Array(n),
    respondentUnit: new Int32Array(n),
    respondentKey: [],
    durationS: new Float64Array(n),
    submittedMs: new Float64Array(n),
    answerStart: new Uint32Array(n + 1),
    target: new Int32Array(total),
    item: new Uint16Array(total),
    value: new Uint8Array(total),
  };
  let a = 0;
  records.forEach((r, i) => {
    t.responseId.push(r.responseId);
    t.channel[i] = r.channel;
    t.group[i] = r.group;
    t.respondentUnit[i] = r.respondentUnit ?? -1;
    t.respondentKey.push(r.respondentKey ?? '');
    t.durationS[i] = r.durationS ?? NaN;
    t.submittedMs[i] = r.submittedMs ?? NaN;
    t.answerStart[i] = a;
    for (const ans of r.answers) {
      t.target[a] = ans.target;
      t.item[a] = ans.item;
      t.value[a] = ans.value;
      a++;
    }
  });
  t.answerStart[n] = a;
  return t;
}

/**
 * SPSS (.sav) export of the responses. Wide (default): one case per response and target
 * agency, one variable per item — ratings numeric with the scale's labels and don't know as a
 * user-missing code labelled 不了解, text items as strings. Long: one case per answer, with
 * `item`, a numeric `value` and a string `text`. Free text is stored as typed: a .sav file is
 * not a spreadsheet, nothing in it runs as a formula.
 */
import type { AssessmentConfig } from '../../core/config.js';
import {
  CASE_COUNT_OFFSET,
  SavWriter,
  spssName,
  type SavValue,
  type SavVariable,
} from '../../reports/sav/sav-writer.js';
import { textWidths } from '../../db/repos/responses.js';
import { listUnits } from '../../db/repos/units.js';
import type { Db } from '../../db/repos/common.js';
import { exportBlocks, unitAt, VALUE_BLANK, VALUE_DK, VALUE_TEXT, wideTargets } from './block-stream.js';
import type { FileSink } from './file-sink.js';

/** The code of don't know (不了解): 99, or 999 on scales that reach 99 points. */
export const dkCode = (points: number): number => (points < 99 ? 99 : 999);

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const widest = (xs: readonly string[]): number => Math.max(1, ...xs.map(bytes));

interface Plan {
  vars: SavVariable[];
  dk: number;
  /** item code → its index among the item columns */
  itemCol: Map<string, number>;
}

async function plan(
  db: Db,
  assessmentId: string,
  config: AssessmentConfig,
  layout: 'long' | 'wide',
): Promise<Plan> {
  const w = await textWidths(db, assessmentId);
  const units = (await listUnits(db, assessmentId)).map((u) => u.code);
  const unitWidth = widest(units);
  const dk = dkCode(config.scale.points);
  const labels: [number, string][] = [];
  for (let v = 1; v <= config.scale.points; v++) {
    const l = config.scale.labels?.[String(v)];
    if (l) labels.push([v, l]);
  }
  labels.push([dk, '不了解']);
  const rating = (name: string, label: string): SavVariable => ({
    name,
    label,
    type: 'numeric',
    formatWidth: String(dk).length,
    measure: 'ordinal',
    valueLabels: labels,
    missing: [dk],
  });
  const str = (name: string, label: string, width: number): SavVariable => ({
    name,
    label,
    type: 'string',
    width: Math.max(1, width),
  });
  const vars: SavVariable[] = [
    str('response_id', '问卷编号', w.responseId),
    str('channel', '调查渠道', 9),
    str('group', '评价群体', widest(config.groups.map((g) => g.code))),
    str('respondent_unit', '评价人单位', unitWidth),
    str('respondent_key', '答卷人标识', w.respondentKey),
    str('target_unit', '被评单位', unitWidth),
    {
      name: 'duration_s',
      label: '答题时长（秒）',
      type: 'numeric',
      formatWidth: 10,
      decimals: 1,
      measure: 'scale',
    },
    str('submitted_at', '提交时间', w.submittedAt),
  ];
  const taken = new Set(vars.map((v) => v.name.toUpperCase()));
  const itemCol = new Map(config.items.map((it, i) => [it.code, i]));
  if (layout === 'long') {
    const textItems = config.items.filter((it) => it.type === 'text');
    vars.push(
      str('item', '题目', widest(config.items.map((i) => i.code))),
      rating('value', '评分'),
      str('text', '文字答案', Math.max(1, ...textItems.map((it) => w.items.get(it.code) ?? 1))),
    );
  } else {
    for (const it of config.items) {
      const name = spssName(it.code, taken);
      vars.push(it.type === 'text' ? str(name, it.text, w.items.get(it.code) ?? 1) : rating(name, it.text));
    }
  }
  return { vars, dk, itemCol };
}

export interface SavExportOptions {
  layout: 'long' | 'wide';
  created: Date;
  progress?: (n: number) => void;
}

/** Writes the .sav file to `sink`; returns the number of cases. */
export async function writeSavResponses(
  db: Db,
  assessmentId: string,
  config: AssessmentConfig,
  sink: FileSink,
  o: SavExportOptions,
): Promise<number> {
  const p = await plan(db, assessmentId, config, o.layout);
  const w = new SavWriter(p.vars, { created: o.created, fileLabel: config.id });
  await sink.write(w.dictionary());
  const code = (v: number): SavValue =>
    v === VALUE_DK ? p.dk : v === VALUE_BLANK || v === VALUE_TEXT ? null : v;
  const nItems = config.items.length;
  const row: SavValue[] = new Array<SavValue>(p.vars.length);
  for await (const blk of exportBlocks(db, assessmentId)) {
    const { b } = blk;
    for (let i = 0; i < b.header.n; i++) {
      const d = b.durationS[i]!;
      row[0] = b.responseIds[i]!;
      row[1] = blk.channels[b.channel[i]!]!;
      row[2] = blk.groups[b.group[i]!]!;
      row[3] = unitAt(blk, b.respondentUnit[i]!);
      row[4] = b.respondentKeys[i]!;
      row[6] = Number.isNaN(d) ? null : d;
      row[7] = b.submittedAt[i]!;
      if (o.layout === 'long') {
        for (let a = b.answerStart[i]!; a < b.answerStart[i + 1]!; a++) {
          const v = b.value[a]!;
          const item = blk.items[b.item[a]!]!;
          row[5] = unitAt(blk, b.target[a]!);
          row[8] = item;
          row[9] = code(v);
          row[10] = v === VALUE_TEXT ? blk.text(row[0], row[5], item) : '';
          w.row(row);
        }
      } else {
        for (const t of wideTargets(blk, i, p.itemCol, nItems)) {
          row[5] = t.target;
          for (let c = 0; c < nItems; c++) {
            const v = t.codes[c]!;
            row[8 + c] = v < 0 ? null : v === VALUE_TEXT ? t.texts[c] : code(v);
          }
          w.row(row);
        }
      }
      const chunk = w.take();
      if (chunk) {
        await sink.write(chunk);
        o.progress?.(w.caseCount);
      }
    }
  }
  await sink.write(w.finish());
  await sink.patch(w.caseCountBytes(), CASE_COUNT_OFFSET);
  return w.caseCount;
}

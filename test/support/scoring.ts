/**
 * Helpers for the scoring tests: readable configurations and responses written with codes
 * instead of indices. Used only by *.test.ts files.
 */
import type {
  AnalysisInput,
  PerformanceScore,
  PhoneCaseOutcome,
  UnitInfo,
} from '../../src/core/analysis-types.js';
import {
  CHANNELS,
  parseAssessmentConfig,
  type AssessmentConfig,
  type Channel,
} from '../../src/core/config.js';
import {
  responseTableFrom,
  VALUE_BLANK,
  VALUE_DK,
  VALUE_TEXT,
  type PlainResponse,
} from '../../src/core/response-table.js';

/** A configuration from a plain object, validated like an imported one (throws on error). */
export function configFrom(raw: Record<string, unknown>): AssessmentConfig {
  const r = parseAssessmentConfig({
    id: 'test',
    name: 'test',
    year: 2020,
    scale: { points: 5, scores: { '5': 100, '4': 80, '3': 60, '2': 40, '1': 20 }, satisfiedAtLeast: 3 },
    ...raw,
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Two groups (service, peer) with two rating items each, S1 and P1 required, a text item. */
export const baseConfig = (extra: Record<string, unknown> = {}): AssessmentConfig =>
  configFrom({
    groups: [
      { code: 'service', name: '服务对象', weight: 0.6, channels: ['phone', 'intercept'] },
      { code: 'peer', name: '机关互评', weight: 0.4, channels: ['peer'], excludeSelf: true },
    ],
    items: [
      { code: 'S1', text: 's1', type: 'rating', groups: ['service'], required: true },
      { code: 'S2', text: 's2', type: 'rating', groups: ['service'] },
      { code: 'C1', text: 'c1', type: 'text', groups: ['service'] },
      { code: 'P1', text: 'p1', type: 'rating', groups: ['peer'], required: true },
      { code: 'P2', text: 'p2', type: 'rating', groups: ['peer'] },
    ],
    ...extra,
  });

export const unitsFrom = (codes: string, categories?: string): UnitInfo[] =>
  [...codes].map((code, i) => ({
    code,
    name: `单位${code}`,
    category: categories?.[i] ?? 'x',
    hasWindow: true,
  }));

export type AnswerValue = number | 'DK' | 'BLANK' | 'TEXT';

export interface ResponseSpec {
  id: string;
  group: string;
  channel?: Channel;
  /** respondent unit code */
  from?: string;
  key?: string;
  duration?: number | null;
  at?: number | null;
  /** [target unit code or '' for none, item code, value] */
  answers: [string, string, AnswerValue][];
}

const valueCode = (v: AnswerValue): number =>
  v === 'DK' ? VALUE_DK : v === 'BLANK' ? VALUE_BLANK : v === 'TEXT' ? VALUE_TEXT : v;

/** Builds plain response records from codes. */
export function plainResponses(
  config: AssessmentConfig,
  units: readonly UnitInfo[],
  specs: readonly ResponseSpec[],
): PlainResponse[] {
  const unit = (code: string): number => {
    if (code === '') return -1;
    const i = units.findIndex((u) => u.code === code);
    if (i < 0) throw new Error(`unknown unit ${code}`);
    return i;
  };
  const groupIndex = (code: string): number => {
    const i = config.groups.findIndex((g) => g.code === code);
    if (i < 0) throw new Error(`unknown group ${code}`);
    return i;
  };
  const itemIndex = (code: string): number => {
    const i = config.items.findIndex((it) => it.code === code);
    if (i < 0) throw new Error(`unknown item ${code}`);
    return i;
  };
  return specs.map((s) => {
    const g = groupIndex(s.group);
    const channel = s.channel ?? config.groups[g]?.channels[0] ?? 'online';
    return {
      responseId: s.id,
      channel: CHANNELS.indexOf(channel),
      group: g,
      respondentUnit: s.from === undefined ? -1 : unit(s.from),
      respondentKey: s.key ?? '',
      durationS: s.duration ?? null,
      submittedMs: s.at ?? null,
      answers: s.answers.map(([t, it, v]) => ({ target: unit(t), item: itemIndex(it), value: valueCode(v) })),
    };
  });
}

export function inputFrom(
  config: AssessmentConfig,
  units: readonly UnitInfo[],
  specs: readonly ResponseSpec[],
  extra: { scores?: (PerformanceScore | undefined)[]; cases?: PhoneCaseOutcome[] } = {},
): AnalysisInput {
  return {
    config,
    units,
    responses: responseTableFrom(plainResponses(config, units, specs)),
    scores: extra.scores ?? [],
    cases: extra.cases ?? [],
  };
}

/** A service response rating one agency: S1 and S2 (and nothing else). */
export const service = (
  id: string,
  target: string,
  s1: AnswerValue,
  s2: AnswerValue,
  more: Partial<ResponseSpec> = {},
): ResponseSpec => ({
  id,
  group: 'service',
  answers: [
    [target, 'S1', s1],
    [target, 'S2', s2],
  ],
  ...more,
});

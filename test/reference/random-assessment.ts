/**
 * Random small assessments for the differential test, and the cell-by-cell comparison of two
 * AnalysisResults.
 */
import fc from 'fast-check';
import { analyze } from '../../src/core/analyze.js';
import type {
  AnalysisInput,
  AnalysisResult,
  PerformanceScore,
  PhoneCaseOutcome,
  UnitInfo,
} from '../../src/core/analysis-types.js';
import { CHANNELS, parseAssessmentConfig, type AssessmentConfig } from '../../src/core/config.js';
import {
  responseTableFrom,
  VALUE_BLANK,
  VALUE_DK,
  VALUE_TEXT,
  type PlainResponse,
} from '../../src/core/response-table.js';
import { referenceAnalyze } from './reference-analyze.js';

// ---------- comparison ----------

const close = (a: number, b: number): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The path and values of the first differing cell, or null when the results agree. */
export function firstDifference(actual: unknown, expected: unknown, path = 'result'): string | null {
  if (ArrayBuffer.isView(actual) && ArrayBuffer.isView(expected)) {
    return firstDifference(
      Array.from(actual as unknown as ArrayLike<number>),
      Array.from(expected as unknown as ArrayLike<number>),
      path,
    );
  }
  if (typeof actual === 'number' && typeof expected === 'number') {
    return close(actual, expected) ? null : `${path}: analyze ${actual}, reference ${expected}`;
  }
  if (actual === null || expected === null || typeof actual !== 'object' || typeof expected !== 'object') {
    return actual === expected
      ? null
      : `${path}: analyze ${JSON.stringify(actual)}, reference ${JSON.stringify(expected)}`;
  }
  if (Array.isArray(actual) !== Array.isArray(expected)) return `${path}: array vs non-array`;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) {
      return `${path}: analyze has ${actual.length} rows, reference ${expected.length}`;
    }
    for (let i = 0; i < actual.length; i++) {
      const d = firstDifference(actual[i], expected[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  const a = actual as Record<string, unknown>;
  const b = expected as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference(a[k], b[k], `${path}.${k}`);
    if (d !== null) return d;
  }
  return null;
}

export function compare(input: AnalysisInput): string | null {
  const actual: AnalysisResult = analyze(input);
  const expected: AnalysisResult = referenceAnalyze(input);
  return firstDifference(actual, expected);
}

// ---------- random assessments ----------

const RATING_PICKS = [0, 20, 40, 60, 80, 100];
const UNIT_CODES = ['A', 'B', 'U1', 'U10', 'U2', 'b', 'Z', 'a1', 'A1', 'U100', 'u2', '10'];
const RESPONSE_IDS = ['r1', 'r2', 'r10', 'r9', 'R1', 'a', 'r01', 'r100'];
const DISPOSITIONS = [
  '1.1',
  '1.2',
  '1.0',
  '2.10',
  '2.111',
  '2.111a',
  '2.112',
  '2.20',
  '2.21',
  '2.25',
  '2.3',
  '2.31',
  '2.90',
  '2.5',
  ' 3.1 ',
  '3.11',
  '3.2',
  '3.21',
  '3.9',
  '3.0',
  '4.1',
  '4.0',
  '4.31',
  '4.70',
  '5.1',
  'x',
  '10.1',
  '2.11B',
];

/**
 * What `randomInput` may produce beyond ordinary importable data.
 * - dense (at random): few groups and units, many responses (trimming, large n_used);
 * - large: more units, responses and scale points;
 * - beyondImporter: inputs the importer refuses but analyze() may still be handed — repeated
 *   response ids, answers of an agency group without a valid target, firm answers naming a
 *   unit, rating codes outside 1..points, items not asked of the group, an answer repeated.
 */
export interface RandomInputOptions {
  beyondImporter?: boolean;
  /** up to 12 units, 200 responses, 11 scale points */
  large?: boolean;
}

export function randomInput(g: fc.GeneratorValue, options: RandomInputOptions = {}): AnalysisInput {
  const pick = <T>(arb: fc.Arbitrary<T>): T => g(() => fc.noBias(arb));
  const int = (min: number, max: number): number => pick(fc.integer({ min, max }));
  // fc.double is uniform over representable doubles (mostly tiny ones), so draw integers
  const chance = (p: number): boolean => int(0, 9999) < p * 10000;
  const oneOf = <T>(xs: readonly T[]): T => pick(fc.constantFrom(...xs));
  const real = (min: number, max: number): number => min + ((max - min) * int(0, 1_000_000)) / 1_000_000;

  // scale
  const large = options.large === true;
  const points = large ? int(2, 11) : int(3, 7);
  const scores: Record<string, number> = {};
  // near ties: steps of 0.6 × the tolerance 1e-9·|x| of ranks and grades, so that a ~ b and
  // b ~ c but not a ~ c (tie runs must not chain)
  const nearTies = chance(0.15);
  const near = (x: number): number => x + int(0, 3) * 0.6e-9 * x;
  const realScores = chance(0.3);
  for (let v = 1; v <= points; v++) {
    scores[String(v)] = nearTies ? near(60) : realScores ? real(-50, 150) : oneOf(RATING_PICKS);
  }

  const dense = chance(0.2);
  const odd = (p: number): boolean => options.beyondImporter === true && chance(p);

  // groups
  const nGroups = dense ? int(1, 2) : int(1, 4);
  const groups: Record<string, unknown>[] = [];
  for (let i = 0; i < nGroups; i++) {
    const firm = chance(0.15);
    const group: Record<string, unknown> = {
      code: `g${i}`,
      channels: pick(fc.subarray([...CHANNELS], { minLength: 1 })),
    };
    if (firm) group.rates = 'firm';
    if (!firm || chance(0.3)) group.weight = oneOf([0, 1, 2, 0.4, 0.3, real(0, 1)]);
    if (chance(0.5)) group.minN = int(0, 4);
    const trim = int(0, 4);
    if (trim === 1) group.trim = { count: int(0, 3) };
    if (trim === 2)
      group.trim = { fraction: oneOf([0, 0.1, 0.2, 0.25, 0.29, 0.3, 0.33, 0.49, real(0, 0.49)]) };
    if (chance(0.5)) group.excludeSelf = chance(0.8);
    groups.push(group);
  }
  const groupCodes = groups.map((x) => x.code as string);

  // items: 1–5 per group, some shared
  const items: Record<string, unknown>[] = [];
  const nItems = int(1, 8);
  for (let i = 0; i < nItems; i++) {
    items.push({
      code: `I${i}`,
      text: `item ${i}`,
      type: chance(0.8) ? 'rating' : 'text',
      groups: pick(fc.subarray(groupCodes, { minLength: 1, maxLength: groupCodes.length })),
      ...(chance(0.4) ? { required: chance(0.7) } : {}),
    });
  }
  for (const code of groupCodes) {
    if (!items.some((it) => (it.groups as string[]).includes(code))) {
      items.push({
        code: `I${items.length}`,
        text: 'x',
        type: 'rating',
        groups: [code],
        required: chance(0.5),
      });
    }
  }

  const raw: Record<string, unknown> = {
    id: 'diff',
    name: 'diff',
    year: 2020,
    scale: { points, scores, satisfiedAtLeast: int(1, points) },
    groups,
    items,
  };
  if (chance(0.8)) {
    const validity: Record<string, unknown> = {};
    if (chance(0.8)) {
      const min: Record<string, number> = {};
      for (const ch of CHANNELS) if (chance(0.6)) min[ch] = oneOf([0, 10, 30, 60]);
      validity.minDurationSeconds = min;
    }
    if (chance(0.6)) validity.straightlineMinItems = int(2, 6);
    if (chance(0.7)) validity.straightlineInvalid = chance(0.5);
    raw.validity = validity;
  }
  if (chance(0.7)) {
    const grades: Record<string, unknown>[] = [];
    const nGrades = int(1, 4);
    for (let i = 0; i < nGrades; i++) {
      grades.push({
        grade: `G${i}`,
        minTotal: nearTies ? near(60) : oneOf([90, 80, 60, 0, real(-10, 110)]),
        ...(chance(0.5) ? { maxShare: oneOf([0, 0.3, 0.5, 1, 1 / 3, real(0, 1)]) } : {}),
      });
    }
    raw.total = {
      weights: { daily: oneOf([0, 0.6, 1, real(0, 1)]), satisfaction: oneOf([0, 0.4, 1, real(0, 1)]) },
      ...(chance(0.6) ? { bonusCap: oneOf([0, 5, real(0, 10)]) } : {}),
      grades,
    };
  }
  if (chance(0.6)) raw.aapor = { e: chance(0.5) ? null : oneOf([0, 1, 0.5, real(0, 1)]) };
  const parsed = parseAssessmentConfig(raw);
  if (!parsed.ok) throw new Error(`generator made an invalid configuration: ${parsed.error}`);
  const config: AssessmentConfig = parsed.value;

  // units
  const nUnits = dense ? int(2, 3) : large ? int(2, 12) : int(2, 6);
  const codes = pick(fc.shuffledSubarray(UNIT_CODES, { minLength: nUnits, maxLength: nUnits }));
  const nCategories = int(1, 3);
  const units: UnitInfo[] = codes.map((code) => ({
    code,
    name: `unit ${code}`,
    category: oneOf(['x', 'y', 'z'].slice(0, nCategories)),
    hasWindow: chance(0.5),
  }));

  // responses
  const nResponses = large ? int(0, 200) : dense ? int(25, 40) : int(0, 40);
  const ids = new Set<string>();
  const records: PlainResponse[] = [];
  for (let i = 0; i < nResponses; i++) {
    let id = oneOf(RESPONSE_IDS) + (chance(0.7) ? String(int(0, 30)) : '');
    while (ids.has(id) && !odd(0.3)) id += String(int(0, 9));
    ids.add(id);
    const gi = int(0, nGroups - 1);
    const group = config.groups[gi]!;
    const channel = oneOf(group.channels);
    const respondentUnit = chance(0.5) ? int(0, nUnits - 1) : -1;
    const min = config.validity?.minDurationSeconds?.[channel];
    const durationS = chance(0.2)
      ? null
      : Math.max(0, (min ?? 30) + oneOf([-1, 0, 0, 1, -0.5, 0.5, real(-30, 60)]));
    const submittedMs = chance(0.2) ? null : oneOf([0, 1000, 2000, 3000, int(0, 5000)]);
    const asked = config.items
      .map((_, it) => it)
      .filter((it) => config.items[it]!.groups.includes(group.code));
    let targets: number[];
    if (group.rates === 'firm') {
      targets = chance(0.9) ? [-1] : [];
      if (odd(0.1)) targets.push(int(0, nUnits - 1));
    } else {
      targets = pick(
        fc.shuffledSubarray([...Array(nUnits).keys()], {
          minLength: 0,
          maxLength: large ? nUnits : Math.min(3, nUnits),
        }),
      );
      if (respondentUnit >= 0 && chance(0.3) && !targets.includes(respondentUnit))
        targets.push(respondentUnit);
      if (odd(0.05)) targets.push(oneOf([-1, nUnits]));
    }
    const straight = chance(0.25) ? int(1, points) : null;
    const answers: PlainResponse['answers'] = [];
    for (const target of targets) {
      for (const it of asked) {
        if (!chance(0.8)) continue;
        let value: number;
        if (config.items[it]!.type === 'text') {
          value = oneOf([VALUE_TEXT, VALUE_TEXT, VALUE_BLANK]);
        } else {
          const r = int(0, 9);
          value = r === 0 ? VALUE_DK : r === 1 ? VALUE_BLANK : (straight ?? int(1, points));
        }
        if (odd(0.03)) value = int(points + 1, 253);
        answers.push({ target, item: it, value });
        if (odd(0.03)) answers.push({ target, item: it, value: int(0, points) });
      }
      if (odd(0.05)) answers.push({ target, item: int(0, config.items.length - 1), value: int(0, points) });
    }
    if (chance(0.3)) answers.reverse();
    records.push({
      responseId: id,
      channel: CHANNELS.indexOf(channel),
      group: gi,
      respondentUnit,
      respondentKey: oneOf(['', '', 'k1', 'k2', 'k3']),
      durationS,
      submittedMs,
      answers,
    });
  }

  const scoresByUnit: (PerformanceScore | undefined)[] = units
    .slice(0, chance(0.1) ? int(0, nUnits) : nUnits)
    .map(() =>
      chance(0.2)
        ? undefined
        : {
            daily: chance(0.2) ? null : nearTies ? near(60) : oneOf([90, 80, 75.5, real(0, 100)]),
            bonus: chance(0.4) ? null : oneOf([0, 2, 5, 8, real(0, 10)]),
          },
    );
  const cases: PhoneCaseOutcome[] = [];
  const nCases = int(0, 25);
  for (let i = 0; i < nCases; i++) {
    cases.push({
      unit: chance(0.05) ? nUnits : int(0, nUnits - 1),
      disposition: chance(0.15) ? null : oneOf(DISPOSITIONS),
    });
  }

  return { config, units, responses: responseTableFrom(records), scores: scoresByUnit, cases };
}

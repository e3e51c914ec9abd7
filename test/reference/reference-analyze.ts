/**
 * A deliberately naive reference implementation of the scoring method (SPEC §5), written from
 * the SPEC text and the interpretations of docs/decisions.md without looking at src/core's
 * implementation. It works on plain objects with plain loops, so that a reader can check it
 * line by line against the SPEC; speed is no concern. `differential.test.ts` compares it with
 * `analyze()` on random assessments.
 *
 * Only the input and output types, the configuration schema and the value codes are shared
 * with src/core; the t quantile comes from @stdlib, not from src/core/stats.ts.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import {
  AAPOR_COUNTS,
  AAPOR_RATES,
  REASON_DUPLICATE,
  REASON_INCOMPLETE,
  REASON_STRAIGHTLINE,
  REASON_TOO_FAST,
  type AaporClass,
  type AaporRate,
  type AnalysisInput,
  type AnalysisResult,
  type ItemScore,
  type PhoneRateRow,
  type UnitGroupScore,
  type UnitResult,
} from '../../src/core/analysis-types.js';
import { CHANNELS, type GroupConfig } from '../../src/core/config.js';
import { stringAt, VALUE_BLANK } from '../../src/core/response-table.js';

/** One answer row, as a plain object. */
interface Answer {
  target: number;
  item: number;
  value: number;
}

/** One response, as a plain object. */
interface Response {
  index: number;
  id: string;
  channel: number;
  group: number;
  respondentUnit: number;
  key: string;
  duration: number | null;
  submitted: number | null;
  /** all rows, self-ratings already dropped where the group excludes them */
  answers: Answer[];
}

const Z_975 = 1.959963985;

/** The tolerance of ranks and grades (docs/decisions.md): equal within 1e-9·max(1, |a|, |b|). */
function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function mean(xs: number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** x = m · 2^e exactly, m an integer (finite x). */
function decompose(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  return biased === 0 ? [sign * frac, -1074] : [sign * (frac | (1n << 52n)), biased - 1075];
}

/**
 * The exact sum of the values (as big integers, no rounding) rounded once to a double,
 * independent of the order. Number(bigint) rounds to nearest, ties to even; scaling by a power
 * of two is then exact for the magnitudes of scores (no overflow, no subnormals).
 */
export function bigExactSum(xs: readonly number[]): number {
  const parts = xs.filter((x) => x !== 0).map(decompose);
  if (parts.length === 0) return 0;
  const e0 = Math.min(...parts.map(([, e]) => e));
  let total = 0n;
  for (const [m, e] of parts) total += m << BigInt(e - e0);
  return Number(total) * 2 ** e0;
}

/** The mean as kaoping defines a group score: the exactly rounded sum over the number. */
const exactMean = (xs: number[]): number => bigExactSum(xs) / xs.length;

function sampleSd(xs: number[]): number {
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

function readResponses(input: AnalysisInput): Response[] {
  const t = input.responses;
  const groups = input.config.groups;
  const out: Response[] = [];
  for (let i = 0; i < t.n; i++) {
    const group = t.group[i]!;
    const respondentUnit = t.respondentUnit[i]!;
    const excludeSelf = groups[group]?.excludeSelf === true;
    const answers: Answer[] = [];
    for (let a = t.answerStart[i]!; a < t.answerStart[i + 1]!; a++) {
      const answer = { target: t.target[a]!, item: t.item[a]!, value: t.value[a]! };
      // Self-ratings go first: they count for nothing at all.
      if (excludeSelf && respondentUnit >= 0 && answer.target === respondentUnit) continue;
      answers.push(answer);
    }
    const duration = t.durationS[i]!;
    const submitted = t.submittedMs[i]!;
    out.push({
      index: i,
      id: stringAt(t.responseId, i),
      channel: t.channel[i]!,
      group,
      respondentUnit,
      key: stringAt(t.respondentKey, i),
      duration: Number.isNaN(duration) ? null : duration,
      submitted: Number.isNaN(submitted) ? null : submitted,
      answers,
    });
  }
  return out;
}

export function referenceAnalyze(input: AnalysisInput): AnalysisResult {
  const { config, units } = input;
  const groups = config.groups;
  const items = config.items;
  const points = config.scale.points;
  const isFirm = (g: GroupConfig | undefined): boolean => g?.rates === 'firm';
  const score = (v: number): number => config.scale.scores[String(v)]!;
  const askedOf = (itemIndex: number, groupIndex: number): boolean => {
    const item = items[itemIndex];
    const group = groups[groupIndex];
    return item !== undefined && group !== undefined && item.groups.includes(group.code);
  };
  /** A rating: a rating item asked of the response's group, value 1..points. */
  const isRating = (r: Response, a: Answer): boolean =>
    items[a.item]?.type === 'rating' && askedOf(a.item, r.group) && a.value >= 1 && a.value <= points;

  const responses = readResponses(input);

  // ---------- §5.1 validity ----------
  const reasons = new Map<number, number>();
  for (const r of responses) reasons.set(r.index, 0);
  const addReason = (r: Response, bit: number): void => {
    reasons.set(r.index, reasons.get(r.index)! | bit);
  };

  // incomplete
  for (const r of responses) {
    const targets: number[] = [];
    for (const a of r.answers) if (!targets.includes(a.target)) targets.push(a.target);
    let incomplete = false;
    for (const target of targets) {
      for (let it = 0; it < items.length; it++) {
        if (items[it]!.required !== true || !askedOf(it, r.group)) continue;
        const answered = r.answers.some(
          (a) => a.target === target && a.item === it && a.value !== VALUE_BLANK,
        );
        if (!answered) incomplete = true;
      }
    }
    if (incomplete) addReason(r, REASON_INCOMPLETE);
  }

  // too_fast
  const minDuration = config.validity?.minDurationSeconds ?? {};
  for (const r of responses) {
    const channel = CHANNELS[r.channel];
    const min = channel === undefined ? undefined : minDuration[channel];
    if (r.duration !== null && min !== undefined && r.duration < min) addReason(r, REASON_TOO_FAST);
  }

  // duplicate
  const byGroupAndKey = new Map<string, Response[]>();
  for (const r of responses) {
    if (r.key === '') continue;
    const k = JSON.stringify([r.group, r.key]);
    const list = byGroupAndKey.get(k) ?? [];
    list.push(r);
    byGroupAndKey.set(k, list);
  }
  for (const list of byGroupAndKey.values()) {
    const sorted = [...list].sort((a, b) => {
      if (a.submitted !== b.submitted) {
        if (a.submitted === null) return 1;
        if (b.submitted === null) return -1;
        return a.submitted - b.submitted;
      }
      if (a.id !== b.id) return a.id < b.id ? -1 : 1;
      return a.index - b.index;
    });
    for (let i = 1; i < sorted.length; i++) addReason(sorted[i]!, REASON_DUPLICATE);
  }

  // straightline
  const straightlineMin = config.validity?.straightlineMinItems;
  if (straightlineMin !== undefined) {
    for (const r of responses) {
      const values = r.answers.filter((a) => isRating(r, a)).map((a) => a.value);
      if (values.length >= straightlineMin && values.every((v) => v === values[0])) {
        addReason(r, REASON_STRAIGHTLINE);
      }
    }
  }

  const invalidating =
    REASON_INCOMPLETE |
    REASON_TOO_FAST |
    REASON_DUPLICATE |
    (config.validity?.straightlineInvalid === true ? REASON_STRAIGHTLINE : 0);
  const validity = { valid: new Uint8Array(responses.length), reasons: new Uint8Array(responses.length) };
  for (const r of responses) {
    const bits = reasons.get(r.index)!;
    validity.reasons[r.index] = bits;
    validity.valid[r.index] = (bits & invalidating) === 0 ? 1 : 0;
  }
  const validResponses = responses.filter((r) => validity.valid[r.index] === 1);

  // ---------- §5.2–5.3 group scores ----------
  const agencyGroups: number[] = [];
  groups.forEach((g, gi) => {
    if (!isFirm(g)) agencyGroups.push(gi);
  });

  /** ratings of valid responses of group g for unit u */
  const ratingsFor = (gi: number, u: number): { response: Response; answer: Answer }[] => {
    const out: { response: Response; answer: Answer }[] = [];
    for (const r of validResponses) {
      if (r.group !== gi) continue;
      for (const a of r.answers) if (a.target === u && isRating(r, a)) out.push({ response: r, answer: a });
    }
    return out;
  };

  const groupScore = new Map<string, UnitGroupScore>();
  const unitGroupScores: UnitGroupScore[] = [];
  const itemScores: ItemScore[] = [];
  for (let u = 0; u < units.length; u++) {
    for (const gi of agencyGroups) {
      const group = groups[gi]!;
      const ratings = ratingsFor(gi, u);
      // r(i,u) per response, in table order
      const R: number[] = [];
      for (const r of validResponses) {
        if (r.group !== gi) continue;
        const mine = r.answers.filter((a) => a.target === u && isRating(r, a)).map((a) => score(a.value));
        if (mine.length > 0) R.push(mean(mine));
      }
      const nValid = R.length;
      let used = [...R].sort((a, b) => a - b);
      if (group.trim !== undefined) {
        let drop = 0;
        if ('count' in group.trim) {
          if (nValid >= 2 * group.trim.count + 1) drop = group.trim.count;
        } else {
          drop = Math.floor(nValid * group.trim.fraction + 1e-9);
        }
        used = used.slice(drop, used.length - drop);
      }
      const nUsed = used.length;
      const s = nUsed > 0 ? exactMean(used) : null;
      const sd = nUsed >= 2 ? sampleSd(used) : null;
      let ciLow: number | null = null;
      let ciHigh: number | null = null;
      if (s !== null && sd !== null) {
        const half = (tQuantile(0.975, nUsed - 1) * sd) / Math.sqrt(nUsed);
        ciLow = s - half;
        ciHigh = s + half;
      }
      const satisfied = ratings.filter((x) => x.answer.value >= config.scale.satisfiedAtLeast).length;
      const row: UnitGroupScore = {
        unitCode: units[u]!.code,
        group: group.code,
        nValid,
        nUsed,
        score: s,
        sd,
        ciLow,
        ciHigh,
        satisfactionRate: ratings.length > 0 ? satisfied / ratings.length : null,
      };
      unitGroupScores.push(row);
      groupScore.set(`${u}/${gi}`, row);

      for (let it = 0; it < items.length; it++) {
        if (items[it]!.type !== 'rating' || !askedOf(it, gi)) continue;
        const values = ratings.filter((x) => x.answer.item === it).map((x) => score(x.answer.value));
        itemScores.push({
          unitCode: units[u]!.code,
          group: group.code,
          item: items[it]!.code,
          n: values.length,
          score: values.length > 0 ? mean(values) : null,
        });
      }
    }
  }

  // ---------- §5.4 composite ----------
  const unitResults: UnitResult[] = [];
  for (let u = 0; u < units.length; u++) {
    const G: { w: number; row: UnitGroupScore }[] = [];
    for (const gi of agencyGroups) {
      const row = groupScore.get(`${u}/${gi}`)!;
      const minN = Math.max(groups[gi]!.minN ?? 1, 1);
      if (row.nUsed >= minN) G.push({ w: groups[gi]!.weight ?? 0, row });
    }
    let W = 0;
    for (const g of G) W += g.w;
    let composite: number | null = null;
    let ciLow: number | null = null;
    let ciHigh: number | null = null;
    let compositeRate: number | null = null;
    if (G.length > 0 && W > 0) {
      let sum = 0;
      for (const g of G) sum += g.w * g.row.score!;
      composite = sum / W;
      let variance = 0;
      let sdMissing = false;
      for (const g of G) {
        if (g.w === 0) continue;
        if (g.row.sd === null) sdMissing = true;
        else variance += (g.w / W) ** 2 * (g.row.sd ** 2 / g.row.nUsed);
      }
      if (!sdMissing) {
        ciLow = composite - Z_975 * Math.sqrt(variance);
        ciHigh = composite + Z_975 * Math.sqrt(variance);
      }
    }
    let rateSum = 0;
    let rateW = 0;
    let rateGroups = 0;
    for (const g of G) {
      if (g.row.satisfactionRate === null) continue;
      rateSum += g.w * g.row.satisfactionRate;
      rateW += g.w;
      rateGroups++;
    }
    if (rateGroups > 0 && rateW > 0) compositeRate = rateSum / rateW;

    const perf = input.scores[u];
    unitResults.push({
      unitCode: units[u]!.code,
      unitName: units[u]!.name,
      category: units[u]!.category,
      composite,
      ciLow,
      ciHigh,
      compositeRate,
      rankInCategory: null,
      rankOverall: null,
      daily: perf?.daily ?? null,
      bonus: perf?.bonus ?? null,
      total: null,
      grade: null,
    });
  }

  // ---------- §5.5 ranks ----------
  const rank = (members: UnitResult[], set: (row: UnitResult, rank: number) => void): void => {
    const sorted = members.filter((x) => x.composite !== null).sort((a, b) => b.composite! - a.composite!);
    let runStart = 0;
    for (let p = 0; p < sorted.length; p++) {
      if (!nearlyEqual(sorted[p]!.composite!, sorted[runStart]!.composite!)) runStart = p;
      set(sorted[p]!, runStart + 1);
    }
  };
  rank(unitResults, (row, r) => (row.rankOverall = r));
  const categories: string[] = [];
  for (const row of unitResults) if (!categories.includes(row.category)) categories.push(row.category);
  for (const c of categories) {
    rank(
      unitResults.filter((x) => x.category === c),
      (row, r) => (row.rankInCategory = r),
    );
  }

  // ---------- §5.6 totals and grades ----------
  const totalConfig = config.total;
  if (totalConfig !== undefined) {
    const wd = totalConfig.weights.daily;
    const ws = totalConfig.weights.satisfaction;
    for (const row of unitResults) {
      let base: number | null = null;
      if (row.daily !== null && row.composite !== null) {
        base = wd + ws === 0 ? null : (wd * row.daily + ws * row.composite) / (wd + ws);
      } else if (row.composite !== null) {
        base = ws === 0 ? null : (ws * row.composite) / ws;
      } else if (row.daily !== null) {
        base = row.daily;
      }
      if (base !== null) {
        row.total = base + Math.min(row.bonus ?? 0, totalConfig.bonusCap ?? Infinity);
      }
    }
    for (const c of categories) {
      const withTotal = unitResults.filter((x) => x.category === c && x.total !== null);
      const byTotal = [...withTotal].sort((a, b) => b.total! - a.total!);
      // runs of ties (within the tolerance of the first of the run), each ordered by unit code
      const ordered: UnitResult[] = [];
      let run: UnitResult[] = [];
      const flush = (): void => {
        run.sort((a, b) => (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0));
        ordered.push(...run);
        run = [];
      };
      for (const row of byTotal) {
        if (run.length > 0 && !nearlyEqual(row.total!, run[0]!.total!)) flush();
        run.push(row);
      }
      flush();
      const n = withTotal.length;
      const used = totalConfig.grades.map(() => 0);
      for (const row of ordered) {
        for (let gi = 0; gi < totalConfig.grades.length; gi++) {
          const grade = totalConfig.grades[gi]!;
          const reaches = row.total! >= grade.minTotal || nearlyEqual(row.total!, grade.minTotal);
          if (!reaches) continue;
          if (grade.maxShare !== undefined) {
            const capacity = Math.floor(grade.maxShare * n + 1e-9);
            if (used[gi]! >= capacity) continue;
          }
          used[gi]!++;
          row.grade = grade.grade;
          break;
        }
      }
    }
  }

  // ---------- §5.7 AAPOR ----------
  const phoneRates: PhoneRateRow[] = [];
  const scopes: { scope: string; unit: number | null }[] = [{ scope: 'ALL', unit: null }];
  units.forEach((u, i) => scopes.push({ scope: u.code, unit: i }));
  for (const { scope, unit } of scopes) {
    const counts: Record<AaporClass, number> = { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 };
    for (const c of input.cases) {
      if (unit !== null && c.unit !== unit) continue;
      const cls = aaporClassOf(c.disposition);
      if (cls !== null) counts[cls]++;
    }
    const { I, P, R, NC, O, UH, UO, NE } = counts;
    let e: number | null;
    const configured = config.aapor?.e;
    if (configured !== undefined && configured !== null) e = configured;
    else e = I + P + R + NC + O + NE === 0 ? null : (I + P + R + NC + O) / (I + P + R + NC + O + NE);
    const U = UH + UO;
    const eU = U === 0 ? 0 : e === null ? null : e * U;
    const ratio = (num: number, den: number | null): number | null =>
      den === null || den === 0 ? null : num / den;
    const plusEU = (x: number): number | null => (eU === null ? null : x + eU);
    const rates: Record<AaporRate, number | null> = {
      RR1: ratio(I, I + P + (R + NC + O) + U),
      RR2: ratio(I + P, I + P + (R + NC + O) + U),
      RR3: ratio(I, plusEU(I + P + (R + NC + O))),
      RR4: ratio(I + P, plusEU(I + P + (R + NC + O))),
      RR5: ratio(I, I + P + (R + NC + O)),
      RR6: ratio(I + P, I + P + (R + NC + O)),
      COOP1: ratio(I, I + P + R + O),
      COOP2: ratio(I + P, I + P + R + O),
      COOP3: ratio(I, I + P + R),
      COOP4: ratio(I + P, I + P + R),
      REF1: ratio(R, I + P + (R + NC + O) + U),
      REF2: ratio(R, plusEU(I + P + (R + NC + O))),
      REF3: ratio(R, I + P + (R + NC + O)),
      CON1: ratio(I + P + R + O, I + P + R + O + NC + U),
      CON2: ratio(I + P + R + O, plusEU(I + P + R + O + NC)),
      CON3: ratio(I + P + R + O, I + P + R + O + NC),
    };
    // keep the declared column order
    const orderedRates = {} as Record<AaporRate, number | null>;
    for (const k of AAPOR_RATES) orderedRates[k] = rates[k];
    const orderedCounts = {} as Record<AaporClass, number>;
    for (const k of AAPOR_COUNTS) orderedCounts[k] = counts[k];
    phoneRates.push({ scope, counts: orderedCounts, e, rates: orderedRates });
  }

  // ---------- §5.8 summary ----------
  const summary: [string, number | null][] = [];
  summary.push(['responses_total', responses.length]);
  summary.push(['responses_valid', validResponses.length]);
  CHANNELS.forEach((ch, ci) => {
    summary.push([`valid_${ch}`, validResponses.filter((r) => r.channel === ci).length]);
  });
  let surveyed = 0;
  for (let u = 0; u < units.length; u++) {
    if (agencyGroups.some((gi) => ratingsFor(gi, u).length > 0)) surveyed++;
  }
  summary.push(['units_surveyed', surveyed]);
  const ranked = unitResults.filter((x) => x.composite !== null);
  summary.push(['units_ranked', ranked.length]);
  summary.push(['overall_composite_mean', ranked.length > 0 ? mean(ranked.map((x) => x.composite!)) : null]);
  let all = 0;
  let satisfied = 0;
  for (const r of validResponses) {
    if (isFirm(groups[r.group])) continue;
    for (const a of r.answers) {
      if (a.target < 0 || a.target >= units.length || !isRating(r, a)) continue;
      all++;
      if (a.value >= config.scale.satisfiedAtLeast) satisfied++;
    }
  }
  summary.push(['overall_satisfaction_rate', all > 0 ? satisfied / all : null]);
  if (groups.some((g) => isFirm(g))) {
    let firmAll = 0;
    let firmSatisfied = 0;
    for (const r of validResponses) {
      if (!isFirm(groups[r.group])) continue;
      for (const a of r.answers) {
        if (!isRating(r, a)) continue;
        firmAll++;
        if (a.value >= config.scale.satisfiedAtLeast) firmSatisfied++;
      }
    }
    summary.push(['firm_satisfaction_rate', firmAll > 0 ? firmSatisfied / firmAll : null]);
  }

  return { validity, unitGroupScores, itemScores, unitResults, phoneRates, summary };
}

/**
 * AAPOR class of a final disposition code (SPEC §5.7, docs/decisions.md): whitespace trimmed,
 * trailing letters stripped; one digit, a dot, digits. null for open cases and non-final codes.
 */
export function aaporClassOf(code: string | null): AaporClass | null {
  if (code === null) return null;
  const m = /^(\d)\.(\d)\d*$/.exec(code.trim().replace(/[A-Za-z]+$/, ''));
  if (m === null) return null;
  const first = m[1]!;
  const second = Number(m[2]);
  if (first === '1') return second === 1 ? 'I' : second === 2 ? 'P' : null;
  if (first === '2') {
    if (second === 1) return 'R';
    if (second === 2) return 'NC';
    if (second === 3 || second === 9) return 'O';
    return null;
  }
  if (first === '3') return second === 1 ? 'UH' : second >= 2 ? 'UO' : null;
  if (first === '4') return 'NE';
  return null;
}

/**
 * summary.csv (SPEC §4.6, §5.8).
 */
import type { UnitResult, Validity } from './analysis-types.js';
import { CHANNELS } from './config.js';
import { cellAnswerCounts, type GroupStats } from './group-scores.js';
import type { ResponseTable } from './response-table.js';
import type { ScanResult } from './scan.js';
import type { ScoringPlan } from './scoring-plan.js';

/**
 * Metrics in output order: responses_total, responses_valid, valid_<channel> per channel,
 * units_surveyed (agencies with at least one rating answer of a valid response in an agency
 * group, self-ratings dropped), units_ranked, overall_composite_mean (over ranked agencies),
 * overall_satisfaction_rate (pooled over the rating answers of agency groups), and
 * firm_satisfaction_rate (pooled over the firm groups' rating answers) when a firm group exists.
 */
export function summaryRows(
  plan: ScoringPlan,
  table: ResponseTable,
  validity: Validity,
  scan: ScanResult,
  st: GroupStats,
  unitResults: readonly UnitResult[],
): [string, number | null][] {
  const perChannel = new Array<number>(CHANNELS.length).fill(0);
  let validCount = 0;
  for (let i = 0; i < table.n; i++) {
    if (validity.valid[i] !== 1) continue;
    validCount++;
    const ch = table.channel[i] as number;
    if (ch < perChannel.length) perChannel[ch] = (perChannel[ch] as number) + 1;
  }

  let surveyed = 0;
  let answers = 0;
  let satisfied = 0;
  for (let u = 0; u < plan.nUnits; u++) {
    let unitAnswers = 0;
    for (const g of plan.agencyGroups) {
      const c = u * plan.nGroups + g;
      unitAnswers += st.answers[c] as number;
      satisfied += st.satisfied[c] as number;
    }
    answers += unitAnswers;
    if (unitAnswers > 0) surveyed++;
  }

  let ranked = 0;
  let compositeSum = 0;
  for (const r of unitResults) {
    if (r.composite === null) continue;
    ranked++;
    compositeSum += r.composite;
  }

  const rows: [string, number | null][] = [
    ['responses_total', table.n],
    ['responses_valid', validCount],
    ...CHANNELS.map((ch, k): [string, number] => [`valid_${ch}`, perChannel[k] as number]),
    ['units_surveyed', surveyed],
    ['units_ranked', ranked],
    ['overall_composite_mean', ranked > 0 ? compositeSum / ranked : null],
    ['overall_satisfaction_rate', answers > 0 ? satisfied / answers : null],
  ];

  const firmGroups = [...plan.isFirm.keys()].filter((g) => plan.isFirm[g] === 1);
  if (firmGroups.length > 0) {
    let firmAll = 0;
    let firmSat = 0;
    for (const g of firmGroups) {
      for (let slot = 0; slot <= plan.nUnits; slot++) {
        const [a, s] = cellAnswerCounts(plan, scan, slot, g);
        firmAll += a;
        firmSat += s;
      }
    }
    rows.push(['firm_satisfaction_rate', firmAll > 0 ? firmSat / firmAll : null]);
  }
  return rows;
}

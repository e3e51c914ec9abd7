/**
 * The scoring method of SPEC §5 as one pure function: every result file, dashboard and report
 * reads the AnalysisResult it returns.
 */
import { phoneRates } from './aapor.js';
import type { AnalysisInput, AnalysisResult, UnitResult } from './analysis-types.js';
import { compositeOf } from './composite.js';
import { computeGroupStats, itemScoreRows, unitGroupScoreRows } from './group-scores.js';
import { competitionRanks, ranksWithin } from './ranks.js';
import { scanResponses, type ScanResult } from './scan.js';
import { makeScoringPlan } from './scoring-plan.js';
import { summaryRows } from './summary.js';
import { assignGrades, totalOf } from './totals.js';

/**
 * Runs the whole method: validity (§5.1), respondent and group scores (§5.2–5.3), composites
 * (§5.4), ranks (§5.5), totals and grades (§5.6), AAPOR rates (§5.7) and the summary (§5.8).
 * One pass over the answers; everything after it works on per-agency aggregates. `scan`, when
 * given, is that pass already done (scanResponses with accumulate, or the same pass split over
 * threads), so that the caller may run it elsewhere.
 * @example const result = analyze({ config, units, responses: responseTableFrom(records), scores: [], cases: [] });
 */
export function analyze(input: AnalysisInput, scan?: ScanResult): AnalysisResult {
  const { config, units, responses } = input;
  const plan = makeScoringPlan(config, units.length);
  scan ??= scanResponses(responses, plan, true);
  const st = computeGroupStats(plan, config, scan);

  const composites = units.map((_, u) => compositeOf(plan, st, u));
  const values = composites.map((c) => c.composite);
  const rankOverall = competitionRanks(values);
  const rankInCategory = ranksWithin(
    units.map((u) => u.category),
    values,
  );
  const totals = units.map((_, u) => totalOf(values[u] ?? null, input.scores[u], config.total));
  const grades = config.total ? assignGrades(units, totals, config.total.grades) : units.map(() => null);

  const unitResults: UnitResult[] = units.map((unit, u) => {
    const c = composites[u];
    const perf = input.scores[u];
    return {
      unitCode: unit.code,
      unitName: unit.name,
      category: unit.category,
      composite: c?.composite ?? null,
      ciLow: c?.ciLow ?? null,
      ciHigh: c?.ciHigh ?? null,
      compositeRate: c?.compositeRate ?? null,
      rankInCategory: rankInCategory[u] ?? null,
      rankOverall: rankOverall[u] ?? null,
      daily: perf?.daily ?? null,
      bonus: perf?.bonus ?? null,
      total: totals[u] ?? null,
      grade: grades[u] ?? null,
    };
  });

  return {
    validity: scan.validity,
    unitGroupScores: unitGroupScoreRows(plan, config, units, st),
    itemScores: itemScoreRows(plan, config, units, scan),
    unitResults,
    phoneRates: phoneRates(input.cases, units, config.aapor?.e ?? null),
    summary: summaryRows(plan, responses, scan.validity, scan, st, unitResults),
  };
}

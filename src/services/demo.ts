/**
 * `kaoping demo`: the seeded Suzhou 2020 dataset, loaded through the same importers (and so the
 * same checks) as user files.
 */
import { parseAssessmentConfig } from '../core/config.js';
import { generateDemo } from '../core/demo/generate-demo.js';
import { KpError } from '../shared/errors.js';
import { assessmentExists } from '../db/repos/assessments.js';
import type { Runtime } from './runtime.js';
import { importCases, importConfig, importScores, importUnits } from './import/index.js';
import { importResponses } from './import/responses.js';
import { memorySource } from './import/table-reader.js';
import { DEMO_EXPENDITURES, SUZHOU_2021_TARGETS } from '../core/demo/demo-targets.js';
import { saveSheet } from './targets/targets.js';

export interface DemoResult {
  id: string;
  units: number;
  responses: number;
  cases: number;
}

export async function loadDemo(rt: Pick<Runtime, 'ctx' | 'secrets'>, seed: number): Promise<DemoResult> {
  const data = generateDemo(seed);
  const parsed = parseAssessmentConfig(data.config);
  if (!parsed.ok) throw new Error(`demo configuration is invalid: ${parsed.error}`);
  const config = parsed.value;
  if (await assessmentExists(rt.ctx.handle.db, config.id)) {
    throw new KpError(
      'KP_CONFLICT',
      `assessment "${config.id}" already exists; the demo loads into an empty assessment only`,
    );
  }
  const ctx = { ...rt.ctx, actor: 'demo' };
  await importConfig(ctx, config, 'demo:config');
  const units = await importUnits(ctx, config.id, memorySource('demo:units', data.units));
  const r = await importResponses(ctx, config.id, memorySource('demo:responses', data.responses));
  const cases = await importCases(ctx, config.id, memorySource('demo:cases', data.cases), rt.secrets());
  await importScores(ctx, config.id, memorySource('demo:scores', data.scores));
  // the seed's 绩效目标申报表, with synthetic expenditures so that budget execution is not zero
  const targets = { ...(SUZHOU_2021_TARGETS as object), expenditures: DEMO_EXPENDITURES };
  await saveSheet(ctx, config.id, targets, 'demo:targets');
  return { id: config.id, units, responses: r.added, cases };
}

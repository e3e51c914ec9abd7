/**
 * Helpers for the results tests: the small fixture loaded through the CLI, one more response
 * for it, and CSV cells as a stored cell would print.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { neutralise } from '../../src/services/export/csv-write.js';
import type { StoredCell } from '../../src/shared/api/result-tables.js';
import { FIXTURES, runCli } from './cli.js';
import type { TestDb } from './databases.js';

export const SMALL_ID = 't-2024';
export const small = (f: string) => path.join(FIXTURES, 'small', f);

/** Imports the small fixture (config, units, responses, cases, scores) into t. */
export async function loadSmall(t: TestDb): Promise<void> {
  const r = await runCli(t.env, ['import', 'config', small('config.json')]);
  expect(r.stderr).toBe('');
  for (const kind of ['units', 'responses', 'cases', 'scores']) {
    const x = await runCli(t.env, ['import', kind, small(`${kind}.csv`), '--assessment', SMALL_ID]);
    expect(x.stderr).toBe('');
  }
}

/** A CSV file in a fresh temporary folder. */
export function tempFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-results-')), name);
  fs.writeFileSync(file, text);
  return file;
}

/** Imports one more valid service response for agency A (id `late1` unless given). */
export async function addResponse(t: TestDb, id = 'late1', value = 1): Promise<void> {
  const head =
    'response_id,channel,group,respondent_unit,respondent_key,target_unit,item,value,duration_s,submitted_at';
  const rows = ['S1', 'S2'].map(
    (item) => `${id},phone,service,,k-${id},A,${item},${value},200,2024-10-03T10:00:00+08:00`,
  );
  const file = tempFile(`${id}.csv`, [head, ...rows].join('\n'));
  const r = await runCli(t.env, ['import', 'responses', file, '--assessment', SMALL_ID]);
  expect(r.stderr).toBe('');
}

/** What a CSV cell of `kaoping analyze` shows for a stored cell (after CSV unquoting). */
export function csvText(v: StoredCell): string {
  if (v === null) return '';
  return typeof v === 'number' ? String(v) : neutralise(v);
}

/** Runs `kaoping analyze` and returns the snapshot id it printed last. */
export async function analyzeCli(t: TestDb, out: string, extra: string[] = []): Promise<number> {
  const r = await runCli(t.env, ['analyze', '--assessment', SMALL_ID, '--out', out, ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const m = /stored results snapshot (\d+)\s*$/.exec(r.stdout);
  expect(m, r.stdout).not.toBeNull();
  return Number(m![1]);
}

/** unit_results columns, as `kaoping analyze` writes them. */
export const UNIT_RESULT_COLUMNS = [
  'unit_code',
  'unit_name',
  'category',
  'composite',
  'ci_low',
  'ci_high',
  'composite_rate',
  'rank_in_category',
  'rank_overall',
  'daily',
  'bonus',
  'total',
  'grade',
];

/**
 * A snapshot of made-up numbers for agencies `units` (the server fixtures have no configuration
 * to analyse): a unit_results row and one group score each.
 */
export async function fakeSnapshot(
  t: TestDb,
  assessmentId: string,
  units: readonly string[],
): Promise<number> {
  const { storeSnapshot } = await import('../../src/services/results/store.js');
  const { inputsFingerprint } = await import('../../src/services/results/fingerprint.js');
  const rows = (make: (code: string, i: number) => (string | number | null)[]) => units.map(make);
  const table = (
    name: 'unit_results' | 'unit_group_scores',
    columns: string[],
    r: (string | number | null)[][],
  ) => ({
    name,
    columns,
    nRows: r.length,
    rowsAt: (a: number, b: number) => r.slice(a, b),
  });
  const s = await storeSnapshot(t.handle.db, {
    assessmentId,
    actor: 'test',
    now: new Date(),
    fingerprint: await inputsFingerprint(t.handle.db, assessmentId),
    params: { replicates: 0, seed: 1 },
    tables: [
      table(
        'unit_results',
        UNIT_RESULT_COLUMNS,
        rows((c, i) => [
          c,
          `单位 ${c}`,
          'c1',
          90 - i,
          88 - i,
          92 - i,
          0.9,
          i + 1,
          i + 1,
          90,
          1,
          91 - i,
          '优秀',
        ]),
      ),
      table(
        'unit_group_scores',
        ['unit_code', 'group', 'n_valid', 'n_used', 'score'],
        rows((c, i) => [c, 'g', 10, 10, 80 + i]),
      ),
    ],
  });
  return s.id;
}

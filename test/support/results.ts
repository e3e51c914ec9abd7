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

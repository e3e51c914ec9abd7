/**
 * GNU PSPP (Debian package `pspp`) reads the .sav files the export writes. Without it the SPSS
 * tests are skipped with a plain message, except under CI=true, where a missing PSPP fails
 * (.ci/run installs it).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

export const PSPP = '/usr/bin/pspp';
export const PSPP_CONVERT = '/usr/bin/pspp-convert';
export const havePspp = fs.existsSync(PSPP) && fs.existsSync(PSPP_CONVERT);
const isCi = process.env.CI === 'true' || process.env.CI === '1';

/** Call once at the top of a test file that needs PSPP. */
export function requirePspp(what: string): void {
  if (!havePspp)
    console.warn(
      `${what} tests skipped: no PSPP at ${PSPP} (apt-get install -y --no-install-recommends pspp)`,
    );
  describe.runIf(isCi && !havePspp)(`${what} tests under CI`, () => {
    it('need PSPP', () => {
      expect.fail(`CI=true but there is no PSPP at ${PSPP}; .ci/run installs it with apt-get`);
    });
  });
}

/** CSV text as rows of strings. */
export function readCsv(
  text: string,
  options: { bom?: boolean; relax_column_count?: boolean } = {},
): string[][] {
  const rows: string[][] = parse(text, options);
  return rows;
}

/** The data of a .sav file as PSPP reads it: pspp-convert to CSV, parsed (header first). */
export function psppData(sav: string): string[][] {
  const csv = `${sav}.pspp.csv`;
  execFileSync(PSPP_CONVERT, [sav, csv], { stdio: ['ignore', 'ignore', 'pipe'] });
  return readCsv(fs.readFileSync(csv, 'utf8'), { relax_column_count: true });
}

/** `DISPLAY DICTIONARY` of a .sav file as PSPP prints it: the tables of its CSV output by title. */
export function psppDictionary(sav: string): Map<string, string[][]> {
  const dir = path.dirname(sav);
  const sps = path.join(dir, 'dictionary.sps');
  const out = path.join(dir, 'dictionary.csv');
  fs.writeFileSync(sps, `GET FILE='${sav}'.\nDISPLAY DICTIONARY.\n`);
  execFileSync(PSPP, ['-O', 'format=csv', '-o', out, sps], { stdio: ['ignore', 'ignore', 'pipe'] });
  const tables = new Map<string, string[][]>();
  for (const block of fs.readFileSync(out, 'utf8').split(/\r?\n\r?\n/)) {
    const m = /^Table: (.*)\r?\n([\s\S]*)$/.exec(block.trim());
    if (m) tables.set(m[1]!, readCsv(m[2]!, { relax_column_count: true }));
  }
  return tables;
}

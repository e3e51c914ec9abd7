import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../core/analysis-types.js';
import { stringColumnFrom } from '../../core/response-table.js';
import { writeValidityCsv } from './validity-csv.js';
import { csvLine } from '../export/csv-write.js';

describe('response_validity.csv', () => {
  it('writes each id exactly as csvCell would, bytes copied or escaped', () => {
    const ids = [
      'R1',
      '',
      '考评-01',
      '𝒳',
      '=SUM(A1)',
      '+1',
      '-2',
      '@x',
      '\tt',
      '\rr',
      'a,b',
      'say "hi"',
      'cr\rmid',
      'lf\nmid',
      "'quoted",
      'x=1',
      'é'.repeat(50),
    ];
    // more than one 1 MB chunk, with a long id at the end of the file
    const many = [...ids, ...Array.from({ length: 120_000 }, (_, i) => `ID-${i}`), 'z'.repeat(3_000_000)];
    const valid = new Uint8Array(many.length).map((_, i) => (i % 3 ? 1 : 0));
    const reasons = new Uint8Array(many.length).map((_, i) => (valid[i] ? 0 : 1 + (i % 15)));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-validity-'));
    try {
      const file = path.join(dir, 'v.csv');
      writeValidityCsv(file, stringColumnFrom(many), { valid, reasons });
      const reasonText = (bits: number) =>
        REASON_CODES.filter(([bit]) => bits & bit)
          .map(([, code]) => code)
          .join(';');
      const want =
        '\uFEFF' +
        csvLine(['response_id', 'valid', 'reasons']) +
        many.map((id, i) => csvLine([id, valid[i]!, reasonText(reasons[i]!)])).join('');
      expect(fs.readFileSync(file, 'utf8') === want).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

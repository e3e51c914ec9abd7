/**
 * response_validity.csv (SPEC §4.6), written straight from the response table's id bytes. Kept
 * apart from analyze.ts so that a worker thread can write it (see parallel-scan.ts).
 */
import fs from 'node:fs';
import { REASON_CODES, type Validity } from '../../core/analysis-types.js';
import { stringAt, type StringColumn } from '../../core/response-table.js';
import { isFormulaLeadByte } from '../../shared/cell-values.js';
import { csvCell, csvLine } from '../export/csv-write.js';

function reasonText(bits: number): string {
  let s = '';
  for (const [bit, code] of REASON_CODES) if (bits & bit) s += (s ? ';' : '') + code;
  return s;
}

/** Whether csvCell would change id i: a leading = + - @ tab CR (neutralised), or , " CR LF (quoted). */
function needsEscape(bytes: Uint8Array, s: number, e: number): boolean {
  if (s === e) return false;
  if (isFormulaLeadByte(bytes[s]!)) return true;
  for (let k = s; k < e; k++) {
    const b = bytes[k]!;
    if (b === 0x2c || b === 0x22 || b === 0x0d || b === 0x0a) return true;
  }
  return false;
}

const CHUNK = 1 << 20;

/**
 * response_validity.csv, one line per response: the id bytes are copied straight from the
 * response table into 1 MB chunks (ids that csvCell would quote or neutralise go through it),
 * since a million responses would otherwise cost a million strings and row arrays.
 */
export function writeValidityCsv(file: string, ids: StringColumn, validity: Validity): void {
  const { bytes, offsets } = ids;
  const n = offsets.length - 1;
  const { valid, reasons } = validity;
  const reasonTexts = Array.from({ length: 16 }, (_, bits) => Buffer.from(reasonText(bits) + '\n', 'utf8'));
  const fd = fs.openSync(file, 'w');
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let pos = buf.write('\uFEFF' + csvLine(['response_id', 'valid', 'reasons']), 0, 'utf8');
    for (let i = 0; i < n; i++) {
      const s = offsets[i]!;
      const e = offsets[i + 1]!;
      const reason = reasonTexts[reasons[i]! & 15]!;
      const escaped = needsEscape(bytes, s, e) ? Buffer.from(csvCell(stringAt(ids, i)), 'utf8') : null;
      const need = (escaped ? escaped.length : e - s) + 3 + reason.length;
      if (pos + need > buf.length) {
        fs.writeSync(fd, buf, 0, pos);
        pos = 0;
        if (need > buf.length) buf = Buffer.allocUnsafe(need);
      }
      if (escaped) {
        escaped.copy(buf, pos);
        pos += escaped.length;
      } else {
        for (let k = s; k < e; k++) buf[pos++] = bytes[k]!;
      }
      buf[pos++] = 0x2c; // ,
      buf[pos++] = valid[i] ? 0x31 : 0x30;
      buf[pos++] = 0x2c;
      for (let k = 0; k < reason.length; k++) buf[pos++] = reason[k]!;
    }
    fs.writeSync(fd, buf, 0, pos);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Synthetic data for benchmarks: a configuration with one group of 20 rating items, 89 agencies,
 * and responses written as a §4.3 long CSV.
 */
import fs from 'node:fs';
import { createRng } from '../src/core/random.js';
import type { AssessmentConfig } from '../src/core/config.js';
import type { BlockAnswer } from '../src/db/codec/block-codec.js';
import type { NewResponse } from '../src/services/import/responses.js';

export const ITEMS = 20;
export const UNITS = 89;

export function benchConfig(id: string): AssessmentConfig {
  return {
    id,
    name: 'benchmark',
    year: 2024,
    scale: { points: 5, scores: { '1': 20, '2': 40, '3': 60, '4': 80, '5': 100 }, satisfiedAtLeast: 3 },
    groups: [
      { code: 'service', name: '服务对象', weight: 0.6, channels: ['phone', 'intercept'], minN: 5 },
      {
        code: 'public',
        name: '社会公众',
        weight: 0.4,
        channels: ['online'],
        minN: 5,
        trim: { fraction: 0.05 },
      },
    ],
    items: Array.from({ length: ITEMS }, (_, i) => ({
      code: `Q${i + 1}`,
      text: `题目${i + 1}`,
      type: 'rating' as const,
      groups: ['service', 'public'],
      required: true,
    })),
    validity: { minDurationSeconds: { phone: 60, intercept: 30, online: 30 }, straightlineMinItems: 8 },
    total: {
      weights: { daily: 0.6, satisfaction: 0.4 },
      bonusCap: 5,
      grades: [
        { grade: '优秀', minTotal: 90, maxShare: 0.3 },
        { grade: '良好', minTotal: 0 },
      ],
    },
  };
}

export const unitCode = (u: number) => `U${String(u + 1).padStart(3, '0')}`;

/**
 * Response r as storeResponses (the importer's storage path) takes it: id `R<r>`, every fourth
 * response online/public, the others phone/service, no respondent unit.
 */
export function storedResponse(
  hash: string,
  r: number,
  f: { respondentKey: string; durationS: number; submittedAt: string; answers: BlockAnswer[] },
): NewResponse {
  const online = r % 4 === 0;
  return {
    hash,
    p: {
      texts: [],
      resp: {
        responseId: `R${r}`,
        channel: online ? 'online' : 'phone',
        group: online ? 'public' : 'service',
        respondentUnit: null,
        respondentKey: f.respondentKey,
        durationS: f.durationS,
        submittedAt: f.submittedAt,
        submittedMs: Date.parse(f.submittedAt),
        answers: f.answers,
      },
    },
  };
}

export function writeUnitsCsv(file: string): void {
  const lines = ['code,name,category,has_window'];
  for (let u = 0; u < UNITS; u++) lines.push(`${unitCode(u)},单位${u + 1},类别${u % 5},${u % 2}`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

/** Writes `responses` responses × 20 answers as a long CSV; returns the number of answer rows. */
export function writeResponsesCsv(file: string, responses: number, seed = 7): number {
  const rng = createRng(seed);
  const fd = fs.openSync(file, 'w');
  let buf =
    'response_id,channel,group,respondent_unit,respondent_key,target_unit,item,value,duration_s,submitted_at\n';
  let rows = 0;
  for (let r = 0; r < responses; r++) {
    const online = r % 4 === 0;
    const head = `R${r},${online ? 'online' : 'phone'},${online ? 'public' : 'service'},,k${r},${unitCode(r % UNITS)},`;
    const tail = `,${40 + rng.int(0, 200)},2024-10-${String(1 + (r % 28)).padStart(2, '0')}T10:00:00+08:00\n`;
    const base = 3 + rng.int(0, 2);
    for (let i = 0; i < ITEMS; i++) {
      const v = Math.min(5, Math.max(1, base + (rng.next() < 0.3 ? rng.int(-2, 1) : 0)));
      buf += `${head}Q${i + 1},${v}${tail}`;
      rows++;
    }
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return rows;
}

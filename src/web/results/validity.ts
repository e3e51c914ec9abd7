/**
 * Data quality from a snapshot's response_validity (response_id, valid, reasons `;`-joined) and
 * summary (metric, value): invalid responses by reason, the straight-liner flags that did not
 * invalidate, and the valid responses by channel.
 */
import { isNum } from './format';
import { text, type Row } from './rows';

/** the reasons of SPEC §5.1, in the order `analyze` lists them */
export const REASONS = ['incomplete', 'too_fast', 'duplicate', 'straightline'] as const;
export type Reason = (typeof REASONS)[number];
export const isReason = (s: string): s is Reason => (REASONS as readonly string[]).includes(s);

export interface Validity {
  responseId: string;
  valid: boolean;
  reasons: string[];
}

export const validityOf = (r: Row): Validity => ({
  responseId: text(r.response_id),
  valid: r.valid === 1 || r.valid === '1',
  reasons: text(r.reasons).split(';').filter(Boolean),
});

export interface Quality {
  total: number;
  invalid: Validity[];
  /** invalid responses per reason (a response with two reasons counts in both) */
  byReason: Record<Reason, number>;
  /** valid responses flagged as straight-lining (a flag unless configured to invalidate) */
  flagged: number;
}

export function quality(rows: readonly Row[]): Quality {
  const byReason: Record<Reason, number> = { incomplete: 0, too_fast: 0, duplicate: 0, straightline: 0 };
  const invalid: Validity[] = [];
  let flagged = 0;
  for (const r of rows) {
    const v = validityOf(r);
    if (v.valid) {
      if (v.reasons.includes('straightline')) flagged++;
      continue;
    }
    invalid.push(v);
    for (const reason of v.reasons) if (isReason(reason)) byReason[reason]++;
  }
  return { total: rows.length, invalid, byReason, flagged };
}

/** summary rows as a map metric → value */
export function summaryOf(rows: readonly Row[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) if (isNum(r.value)) m.set(text(r.metric), r.value);
  return m;
}

/** the channels of the summary's valid_<channel> metrics, in their order */
export const channelsOf = (s: Map<string, number>): string[] =>
  [...s.keys()].filter((k) => k.startsWith('valid_')).map((k) => k.slice('valid_'.length));

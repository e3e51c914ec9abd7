/**
 * The phone call-back sample (电话回访样本, SPEC §4.4): service records drawn per agency, with the
 * AAPOR final disposition of each call. Completed interviews (1.1) and partial ones (1.2) are
 * exactly the phone responses; the other cases did not yield an interview.
 */
import type { Rng } from '../random.js';
import { servicesOf } from './agencies.js';
import { dateCst, instant, type PhonePool } from './model.js';
import type { PhoneContact, UnitPlan } from './service.js';

export const CASE_HEADER = [
  'case_id',
  'unit_code',
  'phone',
  'service',
  'service_date',
  'disposition',
  'attempts',
];

/** Dispositions of the cases without an interview, with their shares ('' = still open). */
const OTHER: readonly (readonly [code: string, weight: number, attempts: readonly [number, number]])[] = [
  ['2.111', 0.08, [1, 2]], // refusal (household level)
  ['2.112', 0.08, [1, 2]], // known-respondent refusal
  ['2.12', 0.06, [1, 2]], // break-off
  ['2.21', 0.07, [3, 5]], // respondent never available
  ['3.12', 0.07, [3, 5]], // always busy
  ['3.13', 0.3, [3, 5]], // no answer
  ['3.16', 0.04, [2, 4]], // technical phone problems
  ['4.31', 0.12, [1, 1]], // non-working number
  ['4.51', 0.05, [1, 2]], // business / government number
  ['', 0.08, [1, 2]], // open: call-back pending
];
const OTHER_WEIGHTS = OTHER.map((o) => o[1]);

interface Case {
  phone: string;
  disposition: string;
  attempts: number;
}

/** One row per case; between `size[0]` and `size[1]` cases per agency, never fewer than the interviews + 12. */
export function phoneCases(
  rng: Rng,
  units: readonly UnitPlan[],
  contacts: readonly PhoneContact[],
  phones: PhonePool,
  size: readonly [number, number],
): string[][] {
  const rows: string[][] = [];
  const byUnit = new Map<string, PhoneContact[]>();
  for (const c of contacts) byUnit.set(c.unit, [...(byUnit.get(c.unit) ?? []), c]);
  for (const u of units) {
    const done = byUnit.get(u.code) ?? [];
    const total = Math.max(rng.int(size[0], size[1]), done.length + 12);
    const cases: Case[] = done.map((c) => ({
      phone: c.phone,
      disposition: c.complete ? '1.1' : '1.2',
      attempts: c.complete ? rng.weighted([0.6, 0.25, 0.1, 0.04, 0.01]) + 1 : rng.int(1, 2),
    }));
    while (cases.length < total) {
      const [disposition, , [lo, hi]] = OTHER[rng.weighted(OTHER_WEIGHTS)] as (typeof OTHER)[number];
      const attempts = disposition === '3.13' && rng.bool(0.7) ? hi : rng.int(lo, hi);
      cases.push({ phone: phones.next(), disposition, attempts });
    }
    rng.shuffle(cases);
    const services = servicesOf(u.name);
    for (const c of cases) {
      const served = instant(rng, 2020, [1, 2], [9, 30], [8.5, 17.5], (w) => w >= 1 && w <= 5);
      rows.push([
        `C-${String(rows.length + 1).padStart(6, '0')}`,
        u.code,
        c.phone,
        rng.pick(services),
        dateCst(served),
        c.disposition,
        String(c.attempts),
      ]);
    }
  }
  return rows;
}

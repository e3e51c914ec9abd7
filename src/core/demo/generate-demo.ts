/**
 * The demo dataset: the Suzhou 2020 municipal agencies' assessment (SPEC §1) with synthetic
 * answers on every channel, in the file formats of SPEC §4 — ready for the real importers.
 * Pure and deterministic: the same seed always gives identical tables.
 */
import { createRng } from '../random.js';
import { CASE_HEADER, phoneCases } from './cases.js';
import { COMPLAINTS } from './comments.js';
import { DEMO_AGENCIES } from './agencies.js';
import { demoConfig } from './demo-config.js';
import { clamp, isoCst, PhonePool, type DemoResponse } from './model.js';
import { cadreAndFirmResponses, publicResponses } from './online.js';
import { peerResponses } from './peer.js';
import { interceptResponses, phoneResponses, type UnitPlan } from './service.js';

export interface Table {
  header: string[];
  rows: string[][];
}

export interface DemoDataset {
  /** the configuration as a JSON object (SPEC §4.1) */
  config: unknown;
  units: Table;
  responses: Table;
  cases: Table;
  scores: Table;
}

export const DEMO_AGENCY_COUNT = 89;

export const UNIT_HEADER = ['code', 'name', 'category', 'has_window'];
export const RESPONSE_HEADER = [
  'response_id',
  'channel',
  'group',
  'respondent_unit',
  'respondent_key',
  'target_unit',
  'item',
  'value',
  'duration_s',
  'submitted_at',
];
export const SCORE_HEADER = ['unit_code', 'daily', 'bonus'];

/** Demo volumes, after the seed document (SPEC §1). */
const PHONE_PER_UNIT = 50;
const INTERCEPT_TOTAL = 500;
const CADRE_PER_UNIT = 8;
const PUBLIC_RESPONSES = 480;
const PEER_RATERS: readonly [number, number] = [3, 5];
const CASES_PER_UNIT: readonly [number, number] = [70, 90];
/** agencies clearly behind the others */
const WEAK_UNITS = 4;

const num = (x: number): string => String(Math.round(x * 10) / 10);

function planUnits(seed: number, count: number): UnitPlan[] {
  const rng = createRng(seed).fork('units');
  const weak = new Set(
    rng.shuffle(Array.from({ length: count }, (_, i) => i)).slice(0, Math.min(WEAK_UNITS, count)),
  );
  return DEMO_AGENCIES.slice(0, count).map((a, i) => {
    const isWeak = weak.has(i);
    const themes = rng.shuffle(COMPLAINTS.map((_, j) => j)).slice(0, isWeak ? 3 : 2);
    return {
      code: `U${String(i + 1).padStart(3, '0')}`,
      name: a.name,
      category: a.category,
      hasWindow: a.hasWindow,
      level: isWeak ? 0.2 + rng.next() * 0.15 : clamp(rng.normal(0.74, 0.09), 0.5, 0.95),
      weak: isWeak,
      themes,
    };
  });
}

/** Orders each channel's responses by time, numbers them (P-000001 …) and writes one row per answer. */
function responseRows(all: readonly DemoResponse[]): string[][] {
  const rows: string[][] = [];
  for (const prefix of ['P', 'I', 'O', 'M'] as const) {
    const list = all.filter((r) => r.prefix === prefix).sort((a, b) => a.submittedMs - b.submittedMs);
    list.forEach((r, i) => {
      const id = `${prefix}-${String(i + 1).padStart(6, '0')}`;
      const dur = r.durationS === null ? '' : String(r.durationS);
      const at = isoCst(r.submittedMs);
      for (const a of r.answers) {
        rows.push([
          id,
          r.channel,
          r.group,
          r.respondentUnit,
          r.respondentKey,
          a.target,
          a.item,
          a.value,
          dur,
          at,
        ]);
      }
    });
  }
  return rows;
}

function scoreRows(seed: number, units: readonly UnitPlan[]): string[][] {
  const rng = createRng(seed).fork('scores');
  // one or two agencies whose routine scores were not reported
  const missing = new Set(
    rng.shuffle(units.map((u) => u.code)).slice(0, units.length > 2 ? rng.int(1, 2) : 0),
  );
  return units
    .filter((u) => !missing.has(u.code))
    .map((u) => {
      const daily = clamp(rng.normal(86 + (u.level - 0.72) * 25, 3.5), 70, 98.5);
      const bonus = rng.bool(0.35) ? 0 : Math.round((0.5 + rng.next() ** 1.6 * 7.5) * 2) / 2;
      return [u.code, num(daily), num(bonus)];
    });
}

/**
 * The demo assessment for a seed: configuration, agencies, responses on every channel (with
 * invalid ones of every kind), the phone sample with AAPOR outcomes, and performance scores.
 * `agencyCount` (1..89) takes the first agencies of the list; the demo uses all 89.
 */
export function generateDemo(seed: number, agencyCount: number = DEMO_AGENCY_COUNT): DemoDataset {
  if (!Number.isInteger(agencyCount) || agencyCount < 1 || agencyCount > DEMO_AGENCIES.length) {
    throw new RangeError(`agencyCount must be an integer in 1..${DEMO_AGENCIES.length}`);
  }
  const root = createRng(seed);
  const units = planUnits(seed, agencyCount);
  const phones = new PhonePool(root.fork('phones'));
  const levelRng = root.fork('service-level');
  const serviceLevel = units.map((u) => u.level + levelRng.normal(0, 0.04));

  const phone = phoneResponses(root.fork('phone'), units, phones, serviceLevel, PHONE_PER_UNIT);
  const intercept = interceptResponses(
    root.fork('intercept'),
    units,
    phones,
    serviceLevel,
    INTERCEPT_TOTAL,
    phone.responses,
  );
  const online = [
    ...cadreAndFirmResponses(root.fork('cadre'), units, CADRE_PER_UNIT),
    ...publicResponses(root.fork('public'), units, PUBLIC_RESPONSES),
  ];
  const peer = peerResponses(root.fork('peer'), units, PEER_RATERS);

  return {
    config: demoConfig(),
    units: {
      header: [...UNIT_HEADER],
      rows: units.map((u) => [u.code, u.name, u.category, u.hasWindow ? '1' : '0']),
    },
    responses: {
      header: [...RESPONSE_HEADER],
      rows: responseRows([...phone.responses, ...intercept, ...online, ...peer]),
    },
    cases: {
      header: [...CASE_HEADER],
      rows: phoneCases(root.fork('cases'), units, phone.contacts, phones, CASES_PER_UNIT),
    },
    scores: { header: [...SCORE_HEADER], rows: scoreRows(seed, units) },
  };
}

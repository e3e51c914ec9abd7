/**
 * AAPOR final disposition codes and outcome rates of the phone call-back (SPEC §5.7,
 * METHODS-REFERENCE §1): response (RR1–6), cooperation (COOP1–4), refusal (REF1–3) and contact
 * (CON1–3) rates per agency and overall.
 */
import {
  AAPOR_COUNTS,
  AAPOR_RATES,
  type AaporClass,
  type AaporRate,
  type PhoneCaseOutcome,
  type PhoneRateRow,
  type UnitInfo,
} from './analysis-types.js';

/**
 * The final disposition codes this method accepts (AAPOR Standard Definitions, telephone,
 * METHODS-REFERENCE §1.1), each with its rate class. Headings 1.0, 2.0 and 3.0 are not final
 * codes (their cases belong to different classes); 4.0 is, since every 4.x case is NE.
 */
export const AAPOR_FINAL_CODES: Readonly<Record<string, AaporClass>> = {
  '1.1': 'I', // complete
  '1.2': 'P', // partial
  '2.10': 'R', // refusal and break-off
  '2.11': 'R', // refusal
  '2.111': 'R', // household-level refusal
  '2.112': 'R', // known-respondent refusal
  '2.12': 'R', // break-off
  '2.13': 'R', // queXS's appointment codes (2.13a), classed as refusals there
  '2.20': 'NC', // non-contact
  '2.21': 'NC', // respondent never available
  '2.22': 'NC', // answering device confirming a household
  '2.221': 'NC', // message left / not left (editions disagree which is which)
  '2.222': 'NC',
  '2.30': 'O', // other
  '2.31': 'O', // dead
  '2.32': 'O', // physically or mentally unable
  '2.33': 'O', // language
  '2.331': 'O',
  '2.332': 'O',
  '2.333': 'O',
  '2.34': 'O', // audio quality
  '2.35': 'O', // location or activity not allowing an interview
  '2.36': 'O', // miscellaneous
  '2.90': 'O',
  '3.10': 'UH', // unknown if housing unit
  '3.11': 'UH', // not attempted or worked
  '3.12': 'UH', // always busy
  '3.13': 'UH', // no answer
  '3.14': 'UH', // answering machine, unknown if household
  '3.15': 'UH', // call blocking
  '3.16': 'UH', // technical phone problems
  '3.161': 'UH', // ambiguous operator message
  '3.20': 'UO', // housing unit, unknown if eligible respondent
  '3.21': 'UO', // no screener completed
  '3.90': 'UO', // other unknown
  '4.0': 'NE', // not eligible
  '4.10': 'NE', // out of sample
  '4.20': 'NE', // fax/data line
  '4.30': 'NE', // non-working/disconnected
  '4.31': 'NE',
  '4.32': 'NE',
  '4.33': 'NE',
  '4.40': 'NE', // special technological circumstances
  '4.41': 'NE',
  '4.43': 'NE',
  '4.431': 'NE',
  '4.432': 'NE',
  '4.44': 'NE',
  '4.45': 'NE',
  '4.46': 'NE',
  '4.50': 'NE', // non-residence
  '4.51': 'NE',
  '4.52': 'NE',
  '4.53': 'NE',
  '4.70': 'NE', // no eligible respondent
  '4.80': 'NE', // quota filled
  '4.81': 'NE',
  '4.90': 'NE', // other
};

/** A code with an optional operational letter suffix (queXS: 2.111a soft refusal). */
const SUFFIXED = /^(\d\.\d+)[A-Za-z]*$/;

/**
 * Whether `code` is a final disposition code of AAPOR_FINAL_CODES (what the importer accepts),
 * surrounding whitespace and trailing letters ignored; a one-digit sub-code is read with its
 * trailing zero (2.1 = 2.10, 4.3 = 4.30), which is the same decimal code.
 * @example isAaporFinalCode('2.111a') // true
 * @example isAaporFinalCode('4.99') // false
 */
export function isAaporFinalCode(code: string): boolean {
  const m = SUFFIXED.exec(code.trim());
  if (m === null) return false;
  const c = m[1]!;
  // 2.1 is 2.10 with the trailing zero dropped, as Excel does to a code typed into a number cell
  return (
    Object.hasOwn(AAPOR_FINAL_CODES, c) || (/^\d\.\d$/.test(c) && Object.hasOwn(AAPOR_FINAL_CODES, `${c}0`))
  );
}

const CODE_PATTERN = /^([0-9])\.([0-9]+)[A-Za-z]*$/;

/**
 * The rate class of an AAPOR final disposition code, judged on the first digit and the digit
 * after the dot (so codes stored before the importer checked AAPOR_FINAL_CODES keep their
 * class); it agrees with AAPOR_FINAL_CODES on every code there. null for what is no final code.
 * Trailing letters (queXS operational suffixes, e.g. `2.111a`) are ignored.
 * @example aaporClass('2.111a') // 'R'
 * @example aaporClass('4.31') // 'NE'
 * @example aaporClass('1.0') // null
 */
export function aaporClass(code: string): AaporClass | null {
  const m = CODE_PATTERN.exec(code.trim());
  if (!m) return null;
  const major = m[1];
  const minor = (m[2] as string).charAt(0);
  switch (major) {
    case '1':
      return minor === '1' ? 'I' : minor === '2' ? 'P' : null;
    case '2':
      if (minor === '1') return 'R';
      if (minor === '2') return 'NC';
      return minor === '3' || minor === '9' ? 'O' : null;
    case '3':
      if (minor === '1') return 'UH';
      return minor === '0' ? null : 'UO';
    case '4':
      return 'NE';
    default:
      return null;
  }
}

export type AaporCounts = Record<AaporClass, number>;

export function emptyAaporCounts(): AaporCounts {
  return { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 };
}

/**
 * The proportional (CASRO) estimate of e: (I+P+R+NC+O)/(I+P+R+NC+O+NE); null when no case is of
 * known eligibility.
 */
export function estimatedEligibility(c: AaporCounts): number | null {
  const eligible = c.I + c.P + c.R + c.NC + c.O;
  const known = eligible + c.NE;
  return known === 0 ? null : eligible / known;
}

const ratio = (num: number, den: number | null): number | null =>
  den === null || den === 0 ? null : num / den;

/**
 * The sixteen AAPOR outcome rates of SPEC §5.7 from class counts and the eligibility factor e.
 * A zero denominator gives null; so does a denominator with an e term when e is null, unless
 * UH + UO = 0 (the e term is then 0 whatever e is).
 * @example aaporRates({ I: 5, P: 3, R: 2, NC: 1, O: 2, UH: 1, UO: 1, NE: 1 }, 0.5).RR3 // 5/14
 */
export function aaporRates(c: AaporCounts, e: number | null): Record<AaporRate, number | null> {
  const ip = c.I + c.P;
  const rnco = c.R + c.NC + c.O;
  const unknown = c.UH + c.UO;
  const dAll = ip + rnco + unknown;
  const eTerm = unknown === 0 ? 0 : e === null ? null : e * unknown;
  const dE = eTerm === null ? null : ip + rnco + eTerm;
  const d0 = ip + rnco;
  const contacted = ip + c.R + c.O;
  return {
    RR1: ratio(c.I, dAll),
    RR2: ratio(ip, dAll),
    RR3: ratio(c.I, dE),
    RR4: ratio(ip, dE),
    RR5: ratio(c.I, d0),
    RR6: ratio(ip, d0),
    COOP1: ratio(c.I, ip + c.R + c.O),
    COOP2: ratio(ip, ip + c.R + c.O),
    COOP3: ratio(c.I, ip + c.R),
    COOP4: ratio(ip, ip + c.R),
    REF1: ratio(c.R, dAll),
    REF2: ratio(c.R, dE),
    REF3: ratio(c.R, d0),
    CON1: ratio(contacted, dAll),
    CON2: ratio(contacted, dE),
    CON3: ratio(contacted, d0),
  };
}

/** One phone_rates row from counts; e is the configured value, or estimated from these counts. */
export function phoneRateRow(scope: string, counts: AaporCounts, configuredE: number | null): PhoneRateRow {
  const e = configuredE ?? estimatedEligibility(counts);
  return { scope, counts, e, rates: aaporRates(counts, e) };
}

/**
 * The rows of phone_rates.csv: scope 'ALL', then one row per agency in `units` order (agencies
 * without cases included). Open cases (null disposition) and unknown codes count nowhere.
 */
export function phoneRates(
  cases: readonly PhoneCaseOutcome[],
  units: readonly UnitInfo[],
  configuredE: number | null,
): PhoneRateRow[] {
  const all = emptyAaporCounts();
  const perUnit = units.map(() => emptyAaporCounts());
  for (const c of cases) {
    if (c.disposition === null) continue;
    const cls = aaporClass(c.disposition);
    if (cls === null) continue;
    all[cls]++;
    const u = perUnit[c.unit];
    if (u) u[cls]++;
  }
  return [
    phoneRateRow('ALL', all, configuredE),
    ...units.map((u, i) => phoneRateRow(u.code, perUnit[i] as AaporCounts, configuredE)),
  ];
}

/** Column order of phone_rates.csv after `scope`. */
export const PHONE_RATE_COLUMNS: readonly string[] = [...AAPOR_COUNTS, 'e', ...AAPOR_RATES];

/**
 * Inputs and outputs of the scoring method (SPEC §5). Pure data: the CLI, the dashboards and
 * the reports all read one AnalysisResult, so their numbers cannot differ.
 * `null` means "not applicable" and is written as an empty cell.
 */
import type { AssessmentConfig } from './config.js';
import type { ResponseTable } from './response-table.js';

export interface UnitInfo {
  code: string;
  name: string;
  category: string;
  hasWindow: boolean;
}

/** 日常履职 daily (routine) score and 优质履职 bonus points, as imported (null = missing). */
export interface PerformanceScore {
  daily: number | null;
  bonus: number | null;
}

export interface PhoneCaseOutcome {
  /** index into units */
  unit: number;
  /** AAPOR final disposition code as imported ('1.1', '2.111', …); null while the case is open */
  disposition: string | null;
}

export interface AnalysisInput {
  config: AssessmentConfig;
  units: readonly UnitInfo[];
  responses: ResponseTable;
  /** indexed like units; undefined when the agency has no imported scores */
  scores: readonly (PerformanceScore | undefined)[];
  cases: readonly PhoneCaseOutcome[];
}

/** Validity reason bits, in the order SPEC §4.6 lists them. */
export const REASON_INCOMPLETE = 1;
export const REASON_TOO_FAST = 2;
export const REASON_DUPLICATE = 4;
export const REASON_STRAIGHTLINE = 8;
export const REASON_CODES: readonly [number, string][] = [
  [REASON_INCOMPLETE, 'incomplete'],
  [REASON_TOO_FAST, 'too_fast'],
  [REASON_DUPLICATE, 'duplicate'],
  [REASON_STRAIGHTLINE, 'straightline'],
];

export interface Validity {
  /** 1 = valid, 0 = invalid, per response */
  valid: Uint8Array;
  /** bit set of REASON_* per response */
  reasons: Uint8Array;
}

export interface UnitGroupScore {
  unitCode: string;
  group: string;
  nValid: number;
  nUsed: number;
  score: number | null;
  sd: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  satisfactionRate: number | null;
}

export interface ItemScore {
  unitCode: string;
  group: string;
  item: string;
  n: number;
  score: number | null;
}

export interface UnitResult {
  unitCode: string;
  unitName: string;
  category: string;
  composite: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  compositeRate: number | null;
  rankInCategory: number | null;
  rankOverall: number | null;
  daily: number | null;
  bonus: number | null;
  total: number | null;
  grade: string | null;
}

export const AAPOR_COUNTS = ['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE'] as const;
export type AaporClass = (typeof AAPOR_COUNTS)[number];
export const AAPOR_RATES = [
  'RR1',
  'RR2',
  'RR3',
  'RR4',
  'RR5',
  'RR6',
  'COOP1',
  'COOP2',
  'COOP3',
  'COOP4',
  'REF1',
  'REF2',
  'REF3',
  'CON1',
  'CON2',
  'CON3',
] as const;
export type AaporRate = (typeof AAPOR_RATES)[number];

export interface PhoneRateRow {
  /** 'ALL' or a unit code */
  scope: string;
  counts: Record<AaporClass, number>;
  e: number | null;
  rates: Record<AaporRate, number | null>;
}

export interface AnalysisResult {
  validity: Validity;
  unitGroupScores: UnitGroupScore[];
  itemScores: ItemScore[];
  unitResults: UnitResult[];
  phoneRates: PhoneRateRow[];
  /** metric → value, in output order */
  summary: [string, number | null][];
}

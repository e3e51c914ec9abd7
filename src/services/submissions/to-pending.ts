/**
 * A JSON submission (shared/api/responses.ts) as the answer rows of the long format (SPEC §4.3),
 * checked by the importer's own row validation (import/responses.ts addAnswerRow): one set of
 * rules, one content hash, so that a response submitted over HTTP and the same response in an
 * imported file are recognised as the same. Failures name the JSON field (`answers.3.value`).
 */
import type { ResponseSubmission, SubmittedAnswer } from '../../shared/api/responses.js';
import { isDontKnow, shown } from '../../shared/cell-values.js';
import { KpError } from '../../shared/errors.js';
import {
  addAnswerRow,
  checkDuplicateAnswers,
  contentHash,
  type Lookup,
  type NewResponse,
  type Pending,
} from '../import/responses.js';
import { normaliseField } from '../import/values.js';

/** Columns that belong to one answer; the others are the response's own fields. */
const ANSWER_COLUMNS = new Set(['target_unit', 'item', 'value']);

const fieldOf = (i: number, column: string) =>
  ANSWER_COLUMNS.has(column) ? `answers.${i}.${column}` : column;
const invalid = (field: string, why: string) => new KpError('KP_VALIDATION', { field, why });

/**
 * JSON types the long format cannot see (every cell is text there): a rating is an integer or
 * "DK", a text item's answer is a string.
 */
function checkValueType(a: SubmittedAnswer, i: number, lk: Lookup): void {
  const item = lk.items.get(normaliseField(a.item));
  if (!item) return; // the row check names the unknown item
  if (item.text && typeof a.value !== 'string')
    throw invalid(`answers.${i}.value`, `item "${a.item}" is a text item: its value is a string`);
  if (!item.text && typeof a.value === 'string' && !isDontKnow(normaliseField(a.value)))
    throw invalid(
      `answers.${i}.value`,
      `${shown(a.value)} is not a rating: an integer 1..${lk.points} or "DK"`,
    );
}

/** The cells of answer `a` in RESPONSE_COLUMNS order, as a file would hold them. */
function cellsOf(s: ResponseSubmission, a: SubmittedAnswer): string[] {
  return [
    s.response_id,
    s.channel,
    s.group,
    s.respondent_unit ?? '',
    s.respondent_key ?? '',
    a.target_unit ?? '',
    a.item,
    typeof a.value === 'number' ? String(a.value) : a.value,
    s.duration_s === undefined || s.duration_s === null ? '' : String(s.duration_s),
    s.submitted_at ?? '',
  ];
}

/** Validates a submission against the assessment's lookup; throws a 422 naming the field. */
export function pendingOfSubmission(lk: Lookup, s: ResponseSubmission): NewResponse {
  const pending = new Map<string, Pending>();
  s.answers.forEach((a, i) => {
    checkValueType(a, i, lk);
    addAnswerRow(pending, i, cellsOf(s, a), lk, normaliseField, (column, why) =>
      invalid(fieldOf(i, column), why),
    );
  });
  const p = [...pending.values()][0];
  if (!p) throw invalid('answers', 'no answers');
  checkDuplicateAnswers(p, (i, column, why) => invalid(fieldOf(i, column), why));
  return { p, hash: contentHash(p) };
}

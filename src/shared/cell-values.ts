/**
 * One parser and one formatter per value kind that crosses a file boundary (import ↔ export):
 * the don't-know answer, formula neutralisation, the composite answer key, and the safe echo
 * of a cell in an error message. Pure; used by the importers, the exporters and analyze.
 */

/** How a don't-know (不了解) answer is written on export. */
export const DK_TEXT = 'DK';

/**
 * Spellings read as don't know, after NFKC and case folding (so `ＤＫ`, `dk` count too):
 * the canonical `DK`, and the two phrases a Chinese questionnaire prints for it. 说不清
 * ("can't say") is not among them: on some questionnaires it is a scale point.
 */
const DK_SPELLINGS = new Set(['DK', '不了解', '不知道']);

/**
 * Whether a rating cell means don't know. `v` is trimmed; NFKC is applied only to non-ASCII
 * text, so the import hot path pays nothing for ASCII cells.
 * @example isDontKnow('ＤＫ') // true
 */
export function isDontKnow(v: string): boolean {
  const n = v.length;
  if (n === 0 || n > 3) return false;
  const c = v.charCodeAt(0);
  // ASCII (every rating 1..11): only dk/DK/Dk/dK; no NFKC, it is once per answer row
  if (c < 0x80) return n === 2 && (c | 0x20) === 0x64 && (v.charCodeAt(1) | 0x20) === 0x6b;
  return DK_SPELLINGS.has(v) || DK_SPELLINGS.has(v.normalize('NFKC').toUpperCase());
}

const FORMULA = /^[=+\-@\t\r]/;
const NEUTRALISED = /^'[=+\-@\t\r]/;

/** Whether a spreadsheet would run `s` as a formula (leading = + - @ tab CR). */
export function looksLikeFormula(s: string): boolean {
  return FORMULA.test(s);
}

/** Whether the byte starts what a spreadsheet would run as a formula (for byte-level writers). */
export function isFormulaLeadByte(c: number): boolean {
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d;
}

/**
 * `'=SUM(A1)`: shown as text by spreadsheets; `unneutralise` undoes it on import.
 * @example neutralise('=1+1') // "'=1+1"
 */
export function neutralise(s: string): string {
  return FORMULA.test(s) ? `'${s}` : s;
}

/**
 * Removes the apostrophe that `neutralise` put before a formula character; any other leading
 * apostrophe is data.
 * @example unneutralise("'=1+1") // '=1+1'
 */
export function unneutralise(v: string): string {
  return v.length > 1 && v.charCodeAt(0) === 39 && NEUTRALISED.test(v) ? v.slice(1) : v;
}

/** Separator of the composite keys below: a control character no code may contain. */
const KEY_SEP = '\u0001';

/**
 * The key of one answer within a response: target agency (empty for the firm) and item.
 * @example answerKey(null, 'F1') // '\u0001F1'
 */
export function answerKey(target: string | null, item: string): string {
  return `${target ?? ''}${KEY_SEP}${item}`;
}

/** The key of one answer across responses: response id, then answerKey. */
export function responseAnswerKey(responseId: string, target: string | null, item: string): string {
  return `${responseId}${KEY_SEP}${answerKey(target, item)}`;
}

/** The canonical content of one answer (its key, code and text), as hashed for re-imports. */
export function answerContentKey(target: string | null, item: string, value: number, text: string): string {
  return `${target ?? ''}${KEY_SEP}${item}${KEY_SEP}${value}${KEY_SEP}${text}`;
}

const ECHO_MAX = 60;

/**
 * A cell value as quoted in an error message: JSON-quoted (control characters escaped) and
 * cut to 60 characters, so a message stays one readable line whatever the file holds.
 * @example shown('a\u0000b') // '"a\\u0000b"'
 */
export function shown(v: string): string {
  const cut = v.length > ECHO_MAX ? `${v.slice(0, ECHO_MAX)}…` : v;
  return JSON.stringify(cut);
}

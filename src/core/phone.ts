/**
 * Chinese phone numbers in one normal form, so that the same person's number encrypts and
 * hashes the same whether it came from a sample file, a survey or a CATI screen.
 *
 * Normal forms:
 * - mobile: the 11 digits (`13800138000`), any `+86`/`0086`/`86` prefix and separators removed;
 * - landline: `0AAA-NNNNNNNN`, or `0AAA-NNNNNNNN-EXT` with an extension (written `-123`,
 *   `转123`, `分机123`, `ext 123`, `x123` or `#123`). The area code keeps its leading 0 and is
 *   3 digits for Beijing (010) and the 02X cities, else 4 (0512, 0755); the local number has
 *   7–8 digits and does not start with 0 or 1. A `+86`/`0086` prefix becomes the leading 0.
 * Masked numbers (138****8000) and numbers without an area code cannot be dialled and are refused.
 */

export type PhoneResult =
  { ok: true; phone: string; kind: 'mobile' | 'landline' } | { ok: false; why: string };

const MOBILE = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;
/** area code (0 + 2 digits for 010/02X, 0 + 3 otherwise) and the local number */
const LANDLINE = /^(0(?:10|2\d|[3-9]\d{2}))([2-9]\d{6,7})$/;
const EXTENSION = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;
const ALLOWED = /^\+?[\d\s\-()]+$/;

const NOT_A_NUMBER =
  'not a Chinese mobile (11 digits, 1[3-9]…) or landline (0 + area code + number, e.g. 0512-65221234) number';

function landline(digits: string, ext: string | null): PhoneResult | null {
  const national = digits.replace(/^(?:\+86|0086|86)(?=[1-9])/, '0');
  const m = LANDLINE.exec(national);
  if (!m) return null;
  return { ok: true, kind: 'landline', phone: `${m[1]}-${m[2]}${ext === null ? '' : `-${ext}`}` };
}

/**
 * The normal form of a phone number, or why it is not one (Excel's scientific notation, a
 * formula, free text, too few digits).
 * @example normalisePhone('+86 138-0013-8000') // { ok: true, kind: 'mobile', phone: '13800138000' }
 * @example normalisePhone('0512-6522 1234 转 123') // { ok: true, kind: 'landline', phone: '0512-65221234-123' }
 */
export function normalisePhone(input: string): PhoneResult {
  const s = input.normalize('NFKC').trim();
  if (s === '') return { ok: false, why: 'empty' };
  if (/^[=+\-@]/.test(s) && !/^\+\d/.test(s)) return { ok: false, why: 'a formula, not a phone number' };
  if (/^\d(?:\.\d+)?e\+?\d+$/i.test(s)) {
    return {
      ok: false,
      why: 'Excel scientific notation has lost digits; format the column as text and enter the numbers again',
    };
  }
  let main = s;
  let ext: string | null = null;
  const e = EXTENSION.exec(s);
  if (e) {
    main = e[1]!;
    ext = e[2]!;
  }
  if (!ALLOWED.test(main)) return { ok: false, why: NOT_A_NUMBER };
  const digits = main.replace(/[\s\-()]/g, '');
  if (ext === null) {
    const m = MOBILE.exec(digits);
    if (m) return { ok: true, kind: 'mobile', phone: m[1]! };
  } else if (MOBILE.test(digits)) {
    return { ok: false, why: 'a mobile number has no extension' };
  }
  const fixed = landline(digits, ext);
  if (fixed) return fixed;
  // 0512-65221234-123: a trailing hyphenated group is an extension when the rest is a landline
  const h = ext === null ? /^(.*\d)\s*-\s*(\d{1,6})$/.exec(main) : null;
  if (h) {
    const withExt = landline(h[1]!.replace(/[\s\-()]/g, ''), h[2]!);
    if (withExt) return withExt;
  }
  if (/^[2-9]\d{6,7}$/.test(digits))
    return { ok: false, why: 'a landline number needs its area code (e.g. 0512-65221234)' };
  return { ok: false, why: NOT_A_NUMBER };
}

/**
 * A problem of an agencies file as the page shows it: the column by its Chinese header (the
 * server names the spec column: code, name, …, or an XLSX cell) and the reason in the user's
 * language for the reasons the agencies import gives; any other reason is shown as sent.
 */
import type { UnitImportReport } from '../api/client';
import type { MessageKey, Translate } from '../i18n/i18n';

export type ImportProblem = UnitImportReport['problems'][number];

const COLUMN_KEYS: Record<string, MessageKey> = {
  code: 'units.code',
  name: 'units.name',
  category: 'units.category',
  has_window: 'units.hasWindow',
};

/** `name` → 单位名称; `name (cell C3)` → 单位名称（C3）; anything else as it is. */
export function columnLabel(t: Translate, column: string | null): string {
  if (column === null) return '';
  const m = /^([a-z_]+)(?: \(cell ([A-Z]+[0-9]+)\))?$/.exec(column);
  const key = m ? COLUMN_KEYS[m[1]!] : undefined;
  if (!m || !key) return column;
  return m[2] ? `${t(key)}（${m[2]}）` : t(key);
}

const REASONS: readonly [RegExp, (t: Translate, m: RegExpExecArray) => string][] = [
  [/^empty$/, (t) => t('units.problem.empty')],
  [/^(".*") contains a space or comma$/, (t, m) => t('units.problem.spaceOrComma', { value: m[1]! })],
  [
    /^(".*") already appears on line (\d+)$/,
    (t, m) => t('units.problem.duplicate', { value: m[1]!, line: m[2]! }),
  ],
  [/^(".*") is not 1\/0 or 是\/否$/, (t, m) => t('units.problem.flag', { value: m[1]! })],
  [/^missing column$/, (t) => t('units.problem.missingColumn')],
];

export function reasonText(t: Translate, why: string): string {
  for (const [re, text] of REASONS) {
    const m = re.exec(why);
    if (m) return text(t, m);
  }
  return why;
}

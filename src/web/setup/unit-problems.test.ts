import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/i18n';
import { columnLabel, reasonText } from './unit-problems';

const zh = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('zh', k, v);

describe('agencies import problems as the page shows them', () => {
  it.each([
    ['code', '单位编码'],
    ['has_window', '是否有窗口'],
    ['name (cell B3)', '单位名称（B3）'],
    ['cell C9', 'cell C9'],
  ])('column %s', (column, label) => {
    expect(columnLabel(zh, column)).toBe(label);
  });

  it.each([
    ['empty', '为空，请填写'],
    ['"D E" contains a space or comma', '"D E" 含空格或逗号，请删去'],
    ['"A" already appears on line 2', '"A" 与第 2 行重复，每个单位编码只能出现一次'],
    ['"也许" is not 1/0 or 是/否', '"也许" 不是 是/否 或 1/0'],
    ['missing column', '缺少这一列，请使用模板的表头'],
    ['not an XLSX workbook (no xl/workbook.xml)', 'not an XLSX workbook (no xl/workbook.xml)'],
  ])('reason %s', (why, text) => {
    expect(reasonText(zh, why)).toBe(text);
  });
});

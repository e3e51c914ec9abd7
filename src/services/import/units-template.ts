/**
 * The agencies template: a workbook whose first tab has the Chinese headers the import reads
 * (UNIT_COLUMNS) and one example row; a second tab explains the columns.
 */
import ExcelJS from 'exceljs';

export const UNITS_TEMPLATE_HEADERS = ['单位编码', '单位名称', '类别', '是否有窗口'] as const;
export const UNITS_TEMPLATE_EXAMPLE = ['U01', '市公安局', '执法监管', '是'] as const;

export async function unitsTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kaoping';
  const ws = wb.addWorksheet('被考核单位');
  ws.addRow([...UNITS_TEMPLATE_HEADERS]).font = { bold: true };
  ws.addRow([...UNITS_TEMPLATE_EXAMPLE]);
  ws.columns.forEach((c, i) => (c.width = [12, 28, 16, 12][i]));
  // codes stay text: 001 must not become 1
  ws.getColumn(1).numFmt = '@';
  const help = wb.addWorksheet('填写说明');
  for (const row of [
    ['列', '说明'],
    ['单位编码', '必填；同一考评项目内唯一，不含空格或逗号（如 U01）'],
    ['单位名称', '必填'],
    ['类别', '必填；与考评方案中的单位类别一致'],
    ['是否有窗口', '选填；是/否 或 1/0，空白为否'],
    ['', '只读取第一个工作表；导入前会逐行检查，有错误时不保存任何数据'],
  ])
    help.addRow(row);
  help.getRow(1).font = { bold: true };
  help.columns.forEach((c, i) => (c.width = [14, 60][i]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

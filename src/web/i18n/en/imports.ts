/** The console's English texts: 数据导入 (imports as jobs); one for every key of zh/imports.ts. */
import type { imports as zh } from '../zh/imports';

export const imports: Record<keyof typeof zh, string> = {
  'nav.imports': 'Data import',
  'imports.what': 'What to import',
  'imports.what.responses': 'Responses',
  'imports.what.cases': 'Phone sample',
  'imports.what.scores': 'Performance scores',
  'imports.columns': 'Columns of the file (first row: headers, Chinese headers accepted; * required)',
  'imports.columns.note.responses':
    'One row per answered item; the rows of a response share its id, channel, group and agency. Responses already stored are not added twice.',
  'imports.columns.note.cases':
    'Phone numbers are stored encrypted; the disposition is an AAPOR final code (e.g. 1.1, 2.112).',
  'imports.columns.note.scores': 'One row per agency: the daily score, optionally the bonus.',
  'imports.drop': 'Click or drop a .csv / .xlsx file (up to 100 MB)',
  'imports.dropHint':
    'All or nothing: one bad row and nothing is stored; the error names the file, line and column.',
  'imports.wrongType': '{name} is not a .csv or .xlsx file',
  'imports.running': 'Importing {name}',
  'imports.done.responses': 'Imported: {rows} rows, {added} responses added, {unchanged} already stored',
  'imports.done.rows': 'Imported: {rows} rows',
  'imports.failed': 'The import failed; nothing was stored',
  'imports.failed.next': 'Fix that row of the file and upload the whole file again.',
  'imports.recent': 'Recent imports',
  'imports.col.id': 'Job',
  'imports.col.what': 'What',
  'imports.col.file': 'File',
  'imports.col.status': 'Status',
  'imports.col.outcome': 'Outcome',
  'imports.col.by': 'By',
  'imports.col.at': 'Created',
  'imports.empty': 'No imports yet',
  'imports.search': 'Search file name, user or error',
  'imports.col.csv': 'Column',
  'imports.col.zh': 'Chinese header (accepted instead)',
};

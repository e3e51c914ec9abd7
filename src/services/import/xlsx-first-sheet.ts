/**
 * Which worksheet part is the workbook's first tab. Excel and LibreOffice keep the tab order in
 * xl/workbook.xml `<sheets>`, which need not be the order of the parts in the zip (what
 * exceljs's streaming reader follows): a tab moved to the front keeps its sheetN.xml name.
 * Only the zip's central directory and these two small entries are read, not the workbook.
 */
import { createRequire } from 'node:module';
import { badFile } from '../../shared/errors.js';

interface ZipEntry {
  path: string;
  buffer(): Promise<Buffer>;
}
interface ZipDirectory {
  files: ZipEntry[];
}
// unzipper is exceljs's own zip reader (a dependency of exceljs ^4.4); it ships no types.
const unzipper = createRequire(import.meta.url)('unzipper') as {
  Open: { file(path: string): Promise<ZipDirectory> };
};

export interface FirstSheet {
  /** N of xl/worksheets/sheetN.xml, as exceljs's reader names the part */
  part: string;
  /** the tab's name */
  name: string;
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) out.set(m[1]!, m[2]!);
  return out;
}

async function entryText(dir: ZipDirectory, path: string): Promise<string | null> {
  const e = dir.files.find((f) => f.path === path);
  return e ? (await e.buffer()).toString('utf8') : null;
}

/** The first tab of the workbook at `file`; a KpError when the file is not a readable workbook. */
export async function firstSheet(file: string): Promise<FirstSheet> {
  let dir: ZipDirectory;
  try {
    dir = await unzipper.Open.file(file);
  } catch {
    throw badFile(file, 'not an XLSX workbook (no zip directory: the file is truncated or of another kind)');
  }
  let workbook: string | null;
  let rels: string | null;
  try {
    workbook = await entryText(dir, 'xl/workbook.xml');
    rels = await entryText(dir, 'xl/_rels/workbook.xml.rels');
  } catch {
    throw badFile(file, 'the workbook is damaged (an entry of the zip cannot be read)');
  }
  if (workbook === null || rels === null) throw badFile(file, 'not an XLSX workbook (no xl/workbook.xml)');
  const sheetTag = /<(?:\w+:)?sheet\s[^>]*>/.exec(workbook);
  if (!sheetTag) throw badFile(file, 'the workbook has no sheet');
  const sheet = attributes(sheetTag[0]);
  const rid = [...sheet].find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
  const name = sheet.get('name') ?? '';
  let target: string | undefined;
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.get('Id') === rid) target = a.get('Target');
  }
  const part = target === undefined ? null : /(?:^|\/)worksheets\/sheet(\d+)\.xml$/.exec(target);
  if (!part) {
    throw badFile(
      file,
      `the first tab "${name}" is not a worksheet this reader knows; save the file with Excel`,
    );
  }
  return { part: part[1]!, name };
}

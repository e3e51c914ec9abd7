/**
 * 导出 Excel as a real .xlsx, written here in a few kilobytes of code rather than a spreadsheet
 * library in the console's bundle: one sheet, a bold frozen header row, columns sized to their
 * content (CJK characters count double), numbers as numbers and text as inline strings. Text that
 * a spreadsheet would run as a formula is neutralised exactly as the server's files are (SPEC §6,
 * shared/cell-values.ts), and characters XML cannot carry are dropped. The zip is stored (no
 * compression): a console table is small, and a stored zip needs only a CRC-32.
 */
import { neutralise } from '../../shared/cell-values.js';

export type Cell = string | number | null | undefined;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// C0 controls but tab, newline and return, lone surrogates, U+FFFE/FFFF: not allowed in XML 1.0
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const escapeXml = (s: string) =>
  s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // a bare CR would be read back as a line feed (XML end-of-line handling)
    .replace(/\r/g, '&#13;');

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.length > 1 || WIDE.test(ch) ? 2 : 1;
  return w;
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A number the table shows with its sign (+2.08, −0.50: an item against the all-agency mean).
 * It is a number, not a formula, so it is written as one, with a format that shows the sign
 * and the same decimals (styles 2–6); neutralised as text it would read '-2.08.
 */
const SIGNED = /^([+-])(\d{1,15})(?:\.(\d{1,4}))?$/;
const SIGNED_STYLE = 2;

/** A cell as it is written: a finite number (with its style), neutralised text, or nothing. */
type Written = { v: string | number; style: number } | null;

function normalised(v: Cell): Written {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? { v, style: 0 } : null;
  if (v === '') return null;
  const m = SIGNED.exec(v);
  if (m) return { v: Number(v), style: SIGNED_STYLE + (m[3]?.length ?? 0) };
  return { v: neutralise(v), style: 0 };
}

const shownText = (w: Written) => (w === null ? '' : String(w.v));

function cellXml(w: Written, ref: string, header: boolean): string {
  if (w === null) return '';
  const style = header ? 1 : w.style;
  const s = style ? ` s="${style}"` : '';
  if (typeof w.v === 'number') return `<c r="${ref}"${s}><v>${w.v}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(w.v)}</t></is></c>`;
}

/** +0.00;-0.00;0.00 and its siblings with 0–4 decimals (numFmt ids 164–168, styles 2–6). */
const signedFormats = [0, 1, 2, 3, 4].map((d) => {
  const z = d ? `0.${'0'.repeat(d)}` : '0';
  return `+${z};-${z};${z}`;
});

function sheetXml(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const all = [header.map(normalised), ...rows.map((r) => header.map((_, j) => normalised(r[j])))];
  const widths = header.map((_, j) => {
    let w = 0;
    for (const r of all) w = Math.max(w, displayWidth(shownText(r[j] ?? null)) + (r[j]?.style ? 1 : 0));
    return Math.min(60, Math.max(6, w + 2));
  });
  const cols = widths
    .map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`)
    .join('');
  const body = all
    .map(
      (r, i) =>
        `<row r="${i + 1}">${r.map((v, j) => cellXml(v, `${columnName(j)}${i + 1}`, i === 0)).join('')}</row>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<cols>${cols}</cols><sheetData>${body}</sheetData></worksheet>`
  );
}

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, not empty. */
function sheetName(s: string): string {
  const name = Array.from(s.replace(/[[\]:*?/\\]/g, ' ').trim())
    .slice(0, 31)
    .join('');
  return name || 'Sheet1';
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const PKG = 'http://schemas.openxmlformats.org/package/2006';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function parts(name: string, sheet: string): [string, string][] {
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets><sheet name="${escapeXml(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `${XML_HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="${signedFormats.length}">${signedFormats.map((f, d) => `<numFmt numFmtId="${164 + d}" formatCode="${escapeXml(f)}"/>`).join('')}</numFmts><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${2 + signedFormats.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>${signedFormats.map((_, d) => `<xf numFmtId="${164 + d}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`,
    ],
    ['xl/worksheets/sheet1.xml', sheet],
  ];
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A stored (uncompressed) zip of the files, UTF-8 names, dated 1980-01-01 (no clock needed). */
function zip(files: readonly [string, Uint8Array][]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const n = enc.encode(name);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    const fields = (v: DataView, at: number) => {
      v.setUint16(at, 20, true); // version needed
      v.setUint16(at + 2, 0x0800, true); // UTF-8 names
      v.setUint16(at + 4, 0, true); // stored
      v.setUint16(at + 6, 0, true); // time
      v.setUint16(at + 8, 33, true); // date 1980-01-01
      v.setUint32(at + 10, crc, true);
      v.setUint32(at + 14, data.length, true);
      v.setUint32(at + 18, data.length, true);
      v.setUint16(at + 22, n.length, true);
    };
    local.setUint32(0, 0x04034b50, true);
    fields(local, 4);
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true); // made by
    fields(cd, 6);
    cd.setUint32(42, offset, true);
    chunks.push(new Uint8Array(local.buffer), n, data);
    central.push(new Uint8Array(cd.buffer), n);
    offset += 30 + n.length + data.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The bytes of a one-sheet workbook: the header row, then the rows. */
export function toXlsx(
  name: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): Uint8Array {
  const enc = new TextEncoder();
  return zip(parts(name, sheetXml(header, rows)).map(([p, xml]) => [p, enc.encode(xml)]));
}

export function downloadXlsx(fileName: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A streaming XLSX writer: sheet XML written row by row into a deflate stream and straight to
 * the file (a ZIP with data descriptors), so memory stays flat whatever the row count. exceljs's
 * streaming writer held about a gigabyte for 1,000,000 rows and took minutes (docs/benchmarks.md).
 *
 * Cells are numbers or inline strings; text is XML-escaped, a CR is written as `&#13;` (a raw
 * one would read back as LF), and characters XML cannot hold as `_xHHHH_` (OOXML's escape).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';
import { CHUNK, RowBuffer } from './row-buffer.js';

export type XlsxCell = string | number | null | undefined;

/** A sheet's XML is cut before 4 GiB, so no entry needs ZIP64. */
const MAX_SHEET_BYTES = 3.5 * 2 ** 30;
const MAX_ROWS = 1_048_576;
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// eslint-disable-next-line no-control-regex -- these are exactly the characters XML cannot hold
const SPECIAL = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/g;
function escapeXml(s: string): string {
  return s.replace(SPECIAL, (m) => {
    if (m === '&') return '&amp;';
    if (m === '<') return '&lt;';
    if (m === '>') return '&gt;';
    if (m === '\r') return '&#13;';
    if (m.length > 1) return `_x005F_${m.slice(1)}`; // a literal "_x0041_" stays literal
    return `_x${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  });
}

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Entry {
  name: string;
  offset: number;
  crc: number;
  csize: number;
  usize: number;
}

/** DOS time and date of the ZIP headers: a fixed 2020-01-01, so equal data gives equal files. */
const DOS_TIME = 0;
const DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1;

export class XlsxStreamWriter {
  private offset = 0;
  private readonly entries: Entry[] = [];
  private sheets: string[] = [];
  private def: zlib.DeflateRaw | null = null;
  private cur: Entry | null = null;
  private readonly xml = new RowBuffer();
  private rowsInSheet = 0;
  private sheetBytes = 0;
  private cols: string[] = [];

  private constructor(
    private readonly fd: number,
    private readonly header: readonly string[],
    private readonly sheetName: string,
  ) {}

  /** Opens `file` and starts the first sheet with `header` (repeated on every sheet). */
  static open(file: string, sheetName: string, header: readonly string[]): XlsxStreamWriter {
    const w = new XlsxStreamWriter(fs.openSync(file, 'w'), header, sheetName);
    w.cols = header.map((_, i) => columnName(i));
    w.startSheet();
    return w;
  }

  private write(b: Buffer): void {
    let done = 0;
    while (done < b.length) done += fs.writeSync(this.fd, b, done);
    this.offset += b.length;
  }

  private startEntry(name: string): void {
    const n = Buffer.from(name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 name
    h.writeUInt16LE(8, 8); // deflate
    h.writeUInt16LE(DOS_TIME, 10);
    h.writeUInt16LE(DOS_DATE, 12);
    h.writeUInt16LE(n.length, 26);
    this.cur = { name, offset: this.offset, crc: 0, csize: 0, usize: 0 };
    this.write(Buffer.concat([h, n]));
    this.def = zlib.createDeflateRaw({ level: 1 });
    this.def.on('data', (b: Buffer) => {
      this.cur!.csize += b.length;
      this.write(b);
    });
  }

  /** `b` may be a view of the reused row buffer: zlib gets a copy, as it works asynchronously. */
  private async feed(view: Buffer): Promise<void> {
    const b = Buffer.from(view);
    this.cur!.crc = zlib.crc32(b, this.cur!.crc);
    this.cur!.usize += b.length;
    if (!this.def!.write(b)) await once(this.def!, 'drain');
  }

  private async endEntry(): Promise<void> {
    const def = this.def!;
    const ended = once(def, 'end');
    def.end();
    await ended;
    const e = this.cur!;
    if (e.usize >= 2 ** 32 || e.csize >= 2 ** 32 || this.offset >= 2 ** 32)
      throw new Error('XLSX export larger than 4 GiB: export as CSV instead');
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(e.crc >>> 0, 4);
    d.writeUInt32LE(e.csize, 8);
    d.writeUInt32LE(e.usize, 12);
    this.write(d);
    this.entries.push(e);
    this.def = null;
    this.cur = null;
  }

  private async entry(name: string, content: string): Promise<void> {
    this.startEntry(name);
    await this.feed(Buffer.from(content, 'utf8'));
    await this.endEntry();
  }

  private startSheet(): void {
    const n = this.sheets.length + 1;
    this.sheets.push(n === 1 ? this.sheetName : `${this.sheetName}_${n}`);
    this.startEntry(`xl/worksheets/sheet${n}.xml`);
    this.xml.put(
      `${XML_HEAD}<worksheet xmlns="${NS}"><sheetViews><sheetView workbookViewId="0">` +
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
        '<sheetData>',
    );
    this.rowsInSheet = 0;
    this.sheetBytes = 0;
    this.appendRow(this.header);
  }

  private appendRow(cells: readonly XlsxCell[]): void {
    const r = String(++this.rowsInSheet);
    let s = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined || v === '') continue;
      if (typeof v === 'number') {
        if (Number.isFinite(v)) s += `<c r="${this.cols[i]}${r}"><v>${v}</v></c>`;
      } else {
        const t = /^\s|\s$/.test(v) ? '<t xml:space="preserve">' : '<t>';
        s += `<c r="${this.cols[i]}${r}" t="inlineStr"><is>${t}${escapeXml(v)}</t></is></c>`;
      }
    }
    this.xml.put(s + '</row>');
  }

  /** Appends one row, starting a new sheet at Excel's row limit. */
  async row(cells: readonly XlsxCell[]): Promise<void> {
    if (this.rowsInSheet >= MAX_ROWS || this.sheetBytes > MAX_SHEET_BYTES) {
      await this.endSheet();
      this.startSheet();
    }
    this.appendRow(cells);
    if (this.xml.pos > CHUNK) {
      this.sheetBytes += this.xml.pos;
      await this.feed(this.xml.take());
    }
  }

  private async endSheet(): Promise<void> {
    this.xml.put('</sheetData></worksheet>');
    await this.feed(this.xml.take());
    await this.endEntry();
  }

  /** Writes the remaining parts and the ZIP directory, and closes the file. */
  async finish(): Promise<void> {
    await this.endSheet();
    const sheets = this.sheets;
    await this.entry(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    );
    await this.entry(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    await this.entry(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>` +
        sheets
          .map((s, i) => `<sheet name="${escapeXml(s)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('') +
        '</sheets></workbook>',
    );
    await this.entry(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        '</Relationships>',
    );
    this.centralDirectory();
    fs.closeSync(this.fd);
  }

  private centralDirectory(): void {
    const start = this.offset;
    for (const e of this.entries) {
      const n = Buffer.from(e.name, 'utf8');
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.csize, 20);
      h.writeUInt32LE(e.usize, 24);
      h.writeUInt16LE(n.length, 28);
      h.writeUInt32LE(e.offset, 42);
      this.write(Buffer.concat([h, n]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
  }

  /** Closes the file after a failure (the caller removes it). */
  abort(): void {
    this.def?.destroy();
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CsvParser, CsvSyntaxError, readCsvFile, type CsvFileInfo, type CsvRecord } from './csv.js';

function parseAll(text: string, chunk = text.length || 1): string[][] {
  const p = new CsvParser();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += chunk)
    out.push(...p.push(text.slice(i, i + chunk)).map((r) => r.fields));
  out.push(...p.push('', true).map((r) => r.fields));
  return out;
}

const quote = (v: string) => (/[",\n\r]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v);

describe('CsvParser', () => {
  it('reads plain, quoted, BOM and CRLF input with line numbers', () => {
    const p = new CsvParser();
    const recs = p.push('\uFEFFa,b\r\n1,"x, ""y"""\r\n2,"multi\nline"\n\n3,z', true);
    expect(recs.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', 'x, "y"'],
      ['2', 'multi\nline'],
      ['3', 'z'],
    ]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it('rejects an unterminated quote and a quote inside a bare field', () => {
    expect(() => parseAll('a,"b\n')).toThrow(CsvSyntaxError);
    expect(() => parseAll('a,b"c\n')).toThrow(/quote inside/);
  });

  it('agrees with csv-parse on random tables, whatever the chunking', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', ' ', '1', '\r\n') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, chunk, eol) => {
          const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
          const expected: string[][] = parse(text, { relax_column_count: true });
          expect(parseAll(text, chunk)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('CsvParser with another separator', () => {
  it('splits on tabs, with quoted tabs, commas and line breaks', () => {
    const p = new CsvParser('\t');
    const recs = p.push('a\tb,c\n"x\ty"\t"1\n2"\n', true);
    expect(recs.map((r) => r.fields)).toEqual([
      ['a', 'b,c'],
      ['x\ty', '1\n2'],
    ]);
  });
});

describe('readCsvFile: encodings', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-csv-'));
  const MIB = 1 << 20;
  const NIHAO_GBK = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]); // 你好
  const write = (name: string, bytes: Buffer) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, bytes);
    return f;
  };
  async function read(file: string) {
    const info: CsvFileInfo = {};
    const rows: CsvRecord[] = [];
    for await (const batch of readCsvFile(file, info)) for (const r of batch) rows.push(r);
    return { rows, encoding: info.encoding };
  }
  async function failure(p: Promise<unknown>): Promise<CsvSyntaxError> {
    try {
      await p;
    } catch (e) {
      if (e instanceof CsvSyntaxError) return e;
      throw e;
    }
    throw new Error('expected a CsvSyntaxError');
  }
  /** ASCII lines `x,N` up to exactly `bytes` bytes. */
  function asciiLines(bytes: number): string {
    let s = '';
    for (let i = 0; s.length < bytes - 12; i++) s += `x,${i}\n`;
    return s + 'y,'.padEnd(bytes - s.length - 1, 'y') + '\n';
  }

  it('reads a genuine U+FFFD beside a character cut exactly by the 1 MiB chunk boundary (the old false alarm)', async () => {
    // 中 (3 bytes) starts one byte before the boundary; U+FFFD (also 3 bytes) just before it
    const head = asciiLines(MIB - 6);
    const text = `${head}a,\uFFFD中\uFFFD\n`;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.subarray(MIB - 1, MIB + 2).toString('utf8')).toBe('中');
    const { rows, encoding } = await read(write('fffd.csv', bytes));
    expect(encoding).toBe('utf-8');
    expect(rows.at(-1)!.fields).toEqual(['a', '\uFFFD中\uFFFD']);
  });

  it('reads a character cut at every offset of the boundary', async () => {
    for (let shift = 0; shift < 4; shift++) {
      const bytes = Buffer.from(`${asciiLines(MIB - 2 - shift)}a,𠀀中\n`, 'utf8');
      const { rows } = await read(write(`cut-${shift}.csv`, bytes));
      expect(rows.at(-1)!.fields).toEqual(['a', '𠀀中']);
    }
  });

  it('reads a file that is not UTF-8 as GB18030, even after more than 1 MiB of ASCII', async () => {
    const first = await read(
      write('gbk.csv', Buffer.concat([Buffer.from('a,'), NIHAO_GBK, Buffer.from('\n')])),
    );
    expect(first).toEqual({ encoding: 'gb18030', rows: [{ line: 1, fields: ['a', '你好'] }] });
    const head = asciiLines(MIB + 100);
    const late = await read(
      write('gbk-late.csv', Buffer.concat([Buffer.from(head), Buffer.from('b,'), NIHAO_GBK])),
    );
    expect(late.encoding).toBe('gb18030');
    expect(late.rows.at(-1)!.fields).toEqual(['b', '你好']);
    expect(late.rows.at(0)!.fields).toEqual(['x', '0']);
  });

  it('reads a GB18030 file saved by LibreOffice', async () => {
    const { rows, encoding } = await read(path.resolve('test/fixtures/awkward/cases-gbk.csv'));
    expect(encoding).toBe('gb18030');
    expect(rows[0]!.fields.slice(0, 3)).toEqual(['样本编号', '单位编码', '联系电话']);
    expect(rows[1]!.fields[3]).toBe('营业执照\u3000变更');
  });

  it('reads UTF-16 LE and BE with a BOM as tab-separated text', async () => {
    const text = 'a\tb\n你\t"x\ty"\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes, enc] of [
      ['le.txt', le, 'utf-16le'],
      ['be.txt', be, 'utf-16be'],
    ] as const) {
      const { rows, encoding } = await read(write(name, bytes));
      expect(encoding).toBe(enc);
      expect(rows.map((r) => r.fields)).toEqual([
        ['a', 'b'],
        ['你', 'x\ty'],
      ]);
    }
  });

  it('refuses, with its line, a file that is neither UTF-8 nor GB18030, a damaged UTF-8 file and broken UTF-16', async () => {
    const neither = write(
      'neither.csv',
      Buffer.concat([Buffer.from('a,b\nc,'), Buffer.from([0xff]), Buffer.from('\n')]),
    );
    expect(await failure(read(neither))).toMatchObject({
      line: 2,
      message: expect.stringMatching(/neither valid UTF-8 nor valid GB18030/) as unknown,
    });
    const damaged = Buffer.concat([
      Buffer.from('名称,类别\n市甲局,经济\n市乙局,'),
      Buffer.from([0xe7, 0xbb]),
      Buffer.from('\n'),
    ]);
    expect(await failure(read(write('damaged.csv', damaged)))).toMatchObject({
      line: 3,
      message: expect.stringMatching(/starts as UTF-8: it is damaged/) as unknown,
    });
    const lone = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('a\n', 'utf16le'),
      Buffer.from([0x00, 0xd8, 0x41, 0x00]),
    ]);
    await expect(read(write('lone.txt', lone))).rejects.toThrow(/not valid UTF-16LE/);
  });

  it('refuses NUL bytes (UTF-16 without a BOM) and a workbook named .csv', async () => {
    const noBom = write('nobom.csv', Buffer.from('a,b\nc,d\n', 'utf16le'));
    expect(await failure(read(noBom))).toMatchObject({
      line: 1,
      message: expect.stringMatching(/NUL bytes/) as unknown,
    });
    const late = write('nul.csv', Buffer.from('a,b\nc,d\u0000\n'));
    expect(await failure(read(late))).toMatchObject({ line: 2 });
    const zip = write('book.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    expect(await failure(read(zip))).toMatchObject({
      line: 0,
      message: expect.stringMatching(/name it .xlsx/) as unknown,
    });
  });

  it('marks the batches that are pure ASCII, and only those', async () => {
    const flags = async (f: string) => {
      const out: boolean[] = [];
      for await (const b of readCsvFile(f)) out.push(b.ascii === true);
      return out;
    };
    expect(await flags(write('ascii.csv', Buffer.from('a,b\n1,2\n')))).toEqual([true]);
    expect(await flags(write('wide.csv', Buffer.from('a,b\nＡ,2\n')))).toEqual([false]);
    const late = Buffer.from(`${asciiLines(MIB + 10)}Ａ,2\n`);
    expect(await flags(write('late-wide.csv', late))).toEqual([true, false]);
  });

  it('never yields a U+FFFD that is not in the file', async () => {
    const bytes = Buffer.concat([Buffer.from('a,'), NIHAO_GBK, Buffer.from(',b\n')]);
    const { rows } = await read(write('no-fffd.csv', bytes));
    expect(rows.flatMap((r) => r.fields).join('')).not.toContain('\uFFFD');
  });
});

import { describe, expect, it } from 'vitest';
import {
  MAX_DURATION_S,
  normaliseField,
  parseDate,
  parseDuration,
  parseFlag,
  parseInstant,
  parseOptionalCount,
  parseOptionalNumber,
} from './values.js';

const CST = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s);

describe('normaliseField', () => {
  it.each([
    ['abc', 'abc'],
    [' abc\t', 'abc'],
    ['\u3000１２０\u3000', '120'],
    ['ＤＫ', 'DK'],
    ['Ｕ０１', 'U01'],
    ['１.１', '1.1'],
    ['单位', '单位'],
  ])('%j → %j', (input, out) => expect(normaliseField(input)).toBe(out));
});

describe('parseInstant', () => {
  it.each([
    ['2021-05-06T08:00:00Z', Date.UTC(2021, 4, 6, 8)],
    ['2021-05-06T08:00:00+08:00', CST(2021, 5, 6, 8)],
    ['2021-05-06T08:00:00+0800', CST(2021, 5, 6, 8)],
    ['2021-05-06T08:00:00-05', Date.UTC(2021, 4, 6, 13)],
    ['2021-05-06T08:00:00+14:00', Date.UTC(2021, 4, 5, 18)],
    ['2021-05-06T08:00:00.250Z', Date.UTC(2021, 4, 6, 8, 0, 0, 250)],
    // zone-less: wall-clock time in Asia/Shanghai, not UTC
    ['2021-05-06T08:00:00', CST(2021, 5, 6, 8)],
    ['2021-05-06 08:00', CST(2021, 5, 6, 8)],
    ['2021-05-06', CST(2021, 5, 6)],
    ['2021/5/6 8:05', CST(2021, 5, 6, 8, 5)],
    ['２０２１-０５-０６ ０８:００', CST(2021, 5, 6, 8)],
    ['2020-02-29T23:59:59', CST(2020, 2, 29, 23, 59, 59)],
  ])('%j', (s, t) => expect(parseInstant(s)).toBe(t));

  it('reads a zone-less time in the zone given', () => {
    expect(parseInstant('2021-05-06T08:00:00', 'UTC')).toBe(Date.UTC(2021, 4, 6, 8));
  });

  it.each([
    '2020-02-30T10:00:00',
    '2021-13-01T10:00:00',
    '2021-00-10',
    '2021-05-06T24:00:00',
    '2021-05-06T25:00',
    '2021-05-06T10:99:00',
    '2021-05-06T10:00:60',
    '2021-05-06T10:00:00+15:00',
    '2021-05-06T10:00:00+08:60',
    '2021-5-6T10:00',
    '2021-05-06T10:00:00 garbage',
    '2021-05-06x',
    'yesterday',
    '',
    '1620288000000',
  ])('%j is refused', (s) => expect(parseInstant(s)).toBeNaN());
});

describe('parseDate', () => {
  it.each([
    ['2021-05-06', '2021-05-06'],
    ['2021-5-6', '2021-05-06'],
    ['2021/5/6', '2021-05-06'],
    ['2021.5.6', '2021-05-06'],
    ['2021年5月6日', '2021-05-06'],
    ['2021年05月06日', '2021-05-06'],
    ['20210506', '2021-05-06'],
    ['２０２１年５月６日', '2021-05-06'],
    [' 2020-02-29 ', '2020-02-29'],
  ])('%j → %j', (s, d) => expect(parseDate(s)).toBe(d));

  it.each([
    '2020-02-30',
    '2021-13-01',
    '2021-05-06T10:00',
    '2021-05-06 garbage',
    '2021-05-06x',
    '2020121',
    '202012101',
    '2021/05-06',
    '2021年5月6',
    '21-05-06',
    '',
  ])('%j is refused', (s) => expect(parseDate(s)).toBeNull());
});

describe('numbers', () => {
  it.each([
    ['85', 85],
    ['85.5', 85.5],
    ['-3', -3],
    ['８５.５', 85.5],
    ['', null],
    [' 0 ', 0],
  ])('parseOptionalNumber(%j) = %j', (s, n) => expect(parseOptionalNumber(s)).toBe(n));

  it.each(['0x3C', '1e308', '1E3', 'Infinity', '-Infinity', 'NaN', '1,000', '.5', '5.', '+5', '85分', '--1'])(
    'parseOptionalNumber(%j) is NaN',
    (s) => expect(parseOptionalNumber(s)).toBeNaN(),
  );

  it.each([
    ['3', 3],
    ['3.0', 3],
    ['０', 0],
    ['', null],
  ])('parseOptionalCount(%j) = %j', (s, n) => expect(parseOptionalCount(s)).toBe(n));

  it.each(['-1', '1.5', '1e2', 'x', '99999999999999999999'])('parseOptionalCount(%j) is NaN', (s) =>
    expect(parseOptionalCount(s)).toBeNaN(),
  );
});

describe('parseDuration', () => {
  it.each([
    ['120', 120],
    ['90.5', 90.5],
    ['１２０', 120],
    ['0:02:00', 120],
    ['00:02:00', 120],
    ['1:00:01', 3601],
    ['0:00:30.5', 30.5],
    [String(MAX_DURATION_S), MAX_DURATION_S],
    ['', null],
  ])('%j = %j s', (s, n) => expect(parseDuration(s)).toBe(n));

  it.each([
    '-1',
    '2:00',
    '0:60:00',
    '0:00:60',
    '1e3',
    '0x3C',
    String(MAX_DURATION_S + 1),
    'Infinity',
    '两分钟',
  ])('%j is refused', (s) => expect(parseDuration(s)).toBeNaN());
});

describe('parseFlag', () => {
  it.each([
    ['1', true],
    ['是', true],
    ['１', true],
    ['Yes', true],
    ['0', false],
    ['否', false],
    ['', false],
    ['maybe', null],
  ])('%j → %j', (s, b) => expect(parseFlag(s)).toBe(b));
});

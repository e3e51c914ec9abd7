import { describe, expect, it } from 'vitest';
import { fmt2, fmtCi, fmtPct, maskPersonalData } from './report-model-text.js';

describe('maskPersonalData', () => {
  it.each([
    ['电话13800138000请回电', '电话138******00请回电'],
    ['138 0013 8000', '138******00'],
    ['座机0512-6522-1234', '座机051*******34'],
    ['身份证320502199001011234', '身份证320*************34'],
    ['身份证32050219900101123X', '身份证320*************3X'],
    ['全角１３８００１３８０００', '全角１３８******００'],
    ['2021年办了3次，等了45分钟', '2021年办了3次，等了45分钟'],
    ['房间号 123456', '房间号 123456'],
    ['没有数字', '没有数字'],
    ['', ''],
  ])('%s → %s', (input, out) => {
    expect(maskPersonalData(input)).toBe(out);
  });

  it('leaves no run of 7 digits in any text', () => {
    const text = '联系我 13912345678 或 13987654321，证件 110101199003071234';
    expect(maskPersonalData(text)).not.toMatch(/\d{7}/);
  });
});

describe('number formats', () => {
  it('prints two decimals, percentages with one, and a dash for empty', () => {
    expect(fmt2(85.256)).toBe('85.26');
    expect(fmt2(null)).toBe('—');
    expect(fmt2(Number.NaN)).toBe('—');
    expect(fmtPct(0.9279)).toBe('92.8%');
    expect(fmtCi(83.944, 86.5567)).toBe('[83.94, 86.56]');
    expect(fmtCi(null, 3)).toBe('—');
  });
});

import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone.js';

describe('normalisePhone', () => {
  it.each([
    ['13800138000', 'mobile', '13800138000'],
    ['138 0013 8000', 'mobile', '13800138000'],
    ['138-0013-8000', 'mobile', '13800138000'],
    ['+86 138 0013 8000', 'mobile', '13800138000'],
    ['+8613800138000', 'mobile', '13800138000'],
    ['008613800138000', 'mobile', '13800138000'],
    ['8613800138000', 'mobile', '13800138000'],
    ['１３８００１３８０００', 'mobile', '13800138000'],
    ['\u300013800138000 ', 'mobile', '13800138000'],
    ['19912345678', 'mobile', '19912345678'],
    ['0512-65221234', 'landline', '0512-65221234'],
    ['051265221234', 'landline', '0512-65221234'],
    ['(0512)65221234', 'landline', '0512-65221234'],
    ['（０５１２）６５２２１２３４', 'landline', '0512-65221234'],
    ['010-65123456', 'landline', '010-65123456'],
    ['021 6512 3456', 'landline', '021-65123456'],
    ['0512-6522123', 'landline', '0512-6522123'],
    ['+86 512 65221234', 'landline', '0512-65221234'],
    ['0086-10-65123456', 'landline', '010-65123456'],
    ['0512-65221234-123', 'landline', '0512-65221234-123'],
    ['0512-65221234转123', 'landline', '0512-65221234-123'],
    ['0512-65221234 ext 123', 'landline', '0512-65221234-123'],
    ['0512-65221234 EXT.9', 'landline', '0512-65221234-9'],
    ['0512 65221234 分机 88', 'landline', '0512-65221234-88'],
  ])('%j is the %s %s', (input, kind, phone) => {
    expect(normalisePhone(input)).toEqual({ ok: true, kind, phone });
  });

  it.each([
    ['', /empty/],
    ['1', /not a Chinese mobile/],
    ['请联系本人', /not a Chinese mobile/],
    ['1.38001E+10', /scientific notation/],
    ['1.38001e10', /scientific notation/],
    ['=A1', /formula/],
    ['@SUM(1)', /formula/],
    ['12800138000', /not a Chinese mobile/],
    ['1380013800', /not a Chinese mobile/],
    ['138001380001', /not a Chinese mobile/],
    ['138****8000', /not a Chinese mobile/],
    ['65221234', /area code/],
    ['13800138000转1', /no extension/],
    ['0512-0522123', /not a Chinese mobile/],
    ['0512-65221234-1234567', /not a Chinese mobile/],
    ['13800138000, 13900139000', /not a Chinese mobile/],
  ])('%j is refused', (input, why) => {
    const r = normalisePhone(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.why).toMatch(why);
  });
});

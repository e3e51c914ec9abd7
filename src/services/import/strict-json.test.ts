import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from './strict-json.js';

describe('findDuplicateKey', () => {
  it.each([
    ['{"a":1,"b":2}', null],
    ['{"a":1,"a":2}', 'a'],
    ['{"groups":[{"code":"x","weight":1},{"code":"y","weight":1,"weight":2}]}', 'groups.1.weight'],
    ['{"a":{"b":1},"c":{"b":2}}', null],
    ['{"s":"a,\\"b\\":1,\\"s","t":[1,{"x":[]}],"u":{"x":1,"y":{"x":2},"x":3}}', 'u.x'],
    ['{"k\\u0041":1,"kA":2}', 'kA'],
    ['[{"a":1},{"a":1}]', null],
    ['{"":1,"":2}', ''],
    ['{"a":[[1,2],{"b":1,"b":1}]}', 'a.1.b'],
  ])('%s → %s', (text, path) => {
    expect(findDuplicateKey(text)).toBe(path);
  });
});

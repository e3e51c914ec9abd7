import { describe, expect, it } from 'vitest';
import { cleanCommentsByUnit, keywordExamples, representativeComments } from './comment-examples.js';

describe('example comments', () => {
  it('keeps valid responses only, masks personal data, drops empty and repeated ones', () => {
    const m = cleanCommentsByUnit(
      [
        { responseId: 'r1', targetUnit: 'A', text: ' 排队太久，电话13800138000 ' },
        { responseId: 'r2', targetUnit: 'A', text: '无效答卷的意见' },
        { responseId: 'r3', targetUnit: 'A', text: '排队太久，电话13800138000' },
        { responseId: 'r4', targetUnit: 'A', text: '   ' },
        { responseId: 'r5', targetUnit: null, text: '对公司的意见' },
        { responseId: 'r6', targetUnit: 'B', text: 'x'.repeat(300) },
      ],
      (id) => id !== 'r2',
    );
    expect(m.get('A')).toEqual(['排队太久，电话138******00']);
    expect(m.get('B')).toEqual(['x'.repeat(200)]);
    expect(m.size).toBe(2);
  });

  it('ranks by keywords mentioned, then length, then order', () => {
    const texts = ['窗口', '排队久', '排队久，窗口少', '排队长'];
    expect(representativeComments(texts, ['排队', '窗口'], 3)).toEqual([
      '排队久，窗口少',
      '排队久',
      '排队长',
    ]);
  });

  it('gives each keyword the representative comments containing it', () => {
    const texts = ['窗口少', '排队久，窗口少', '态度好'];
    expect(keywordExamples(texts, ['窗口', '排队', '停车'], 1)).toEqual([
      { keyword: '窗口', total: 2, comments: ['排队久，窗口少'] },
      { keyword: '排队', total: 1, comments: ['排队久，窗口少'] },
      { keyword: '停车', total: 0, comments: [] },
    ]);
  });
});

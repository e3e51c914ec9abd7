import { describe, expect, it } from 'vitest';
import { segmentWords, unitKeywords, type UnitKeyword } from './keywords.js';
import { STOPWORDS_ZH } from './stopwords-zh.js';

const COMMENTS = [
  { unitCode: 'A', text: '窗口排队时间长，希望多开几个窗口。' },
  { unitCode: 'A', text: '排队太久了，等了一个多小时。' },
  { unitCode: 'A', text: '材料反复提交，每次都说缺材料。' },
  { unitCode: 'B', text: '网上办理系统卡顿，很不方便。' },
  { unitCode: 'B', text: '系统经常崩溃，材料提交不了。' },
  { unitCode: 'B', text: '工作人员态度热情，非常满意！' },
];

function keywordsOf(rows: readonly UnitKeyword[], unitCode: string): string[] {
  return rows.filter((r) => r.unitCode === unitCode).map((r) => r.keyword);
}

describe('segmentWords', () => {
  it('keeps content words and drops stop words, single characters and punctuation', () => {
    const words = segmentWords('窗口排队时间长，排队太久了！');
    expect(words).toEqual(['窗口', '排队', '时间', '排队', '太久']);
  });

  it('handles mixed English and digits: case-folded, full-width normalized, bare numbers dropped', () => {
    const words = segmentWords('APP登录要3次才成功，ＡＰＰ经常闪退 2024年 5G 3.5 100% the app');
    expect(words.filter((w) => w === 'app')).toHaveLength(3);
    expect(words).toContain('5g');
    expect(words).toContain('登录');
    expect(words).toContain('闪退');
    for (const w of words) expect(w).toMatch(/\p{L}/u);
    expect(words).not.toContain('2024');
    expect(words).not.toContain('3.5');
    expect(words).not.toContain('the');
  });

  it('returns nothing for blank, stop-word-only or symbol-only text', () => {
    expect(segmentWords('')).toEqual([]);
    expect(segmentWords('   \n\t ')).toEqual([]);
    expect(segmentWords('的了是在很也都，非常满意，没有问题。')).toEqual([]);
    expect(segmentWords('！！！…… 123 😀')).toEqual([]);
  });
});

describe('unitKeywords', () => {
  const rows = unitKeywords(COMMENTS);

  it('finds each agency’s prominent problems', () => {
    const a = keywordsOf(rows, 'A');
    expect(a).toContain('排队');
    expect(a).toContain('材料');
    expect(a).toContain('窗口');
    const b = keywordsOf(rows, 'B');
    expect(b).toContain('系统');
    expect(b).toContain('卡顿');
    expect(b[0]).toBe('系统');
  });

  it('never returns stop words, single characters or numbers', () => {
    for (const r of rows) {
      expect(STOPWORDS_ZH.has(r.keyword)).toBe(false);
      expect([...r.keyword].length).toBeGreaterThanOrEqual(2);
      expect(r.keyword).toMatch(/\p{L}/u);
    }
    const all = rows.map((r) => r.keyword);
    for (const w of ['的', '了', '希望', '非常', '满意', '经常', '几个']) expect(all).not.toContain(w);
  });

  it('counts occurrences and weights by smoothed TF-IDF across agencies', () => {
    // A keeps 12 tokens: 窗口×2 排队×2 时间 多开 太久 小时 材料×2 反复 提交; N = 2 agencies.
    const queue = rows.find((r) => r.unitCode === 'A' && r.keyword === '排队');
    expect(queue?.count).toBe(2);
    // 排队 only in A: df = 1
    expect(queue?.weight).toBeCloseTo((2 / 12) * (Math.log(3 / 2) + 1), 12);
    // 材料 in both A and B: df = 2, idf = ln(3/3) + 1 = 1
    const material = rows.find((r) => r.unitCode === 'A' && r.keyword === '材料');
    expect(material?.count).toBe(2);
    expect(material?.weight).toBeCloseTo((2 / 12) * 1, 12);
    // a term shared by every agency ranks below an equally frequent term particular to one
    expect(material!.weight).toBeLessThan(queue!.weight);
  });

  it('orders by weight desc, then count desc, then keyword asc; agencies ascending', () => {
    const codes = rows.map((r) => r.unitCode);
    expect(codes).toEqual([...codes].sort());
    for (let i = 1; i < rows.length; i++) {
      const p = rows[i - 1]!;
      const c = rows[i]!;
      if (p.unitCode !== c.unitCode) continue;
      const ok =
        p.weight > c.weight ||
        (p.weight === c.weight && (p.count > c.count || (p.count === c.count && p.keyword < c.keyword)));
      expect(ok, `${p.keyword} before ${c.keyword}`).toBe(true);
    }
    // 排队 and 窗口 tie on weight and count: keyword ascending by code unit (排 U+6392 < 窗 U+7A97)
    const a = keywordsOf(rows, 'A');
    expect(a.slice(0, 2)).toEqual(['排队', '窗口']);
  });

  it('groups rows by unitCode ascending regardless of input order', () => {
    const shuffled = [...COMMENTS].reverse();
    shuffled.unshift({ unitCode: '0', text: '停车位太少' });
    const out = unitKeywords(shuffled);
    const order = [...new Set(out.map((r) => r.unitCode))];
    expect(order).toEqual(['0', 'A', 'B']);
  });

  it('is deterministic and independent of comment order', () => {
    expect(unitKeywords(COMMENTS)).toEqual(rows);
    expect(unitKeywords([...COMMENTS].reverse())).toEqual(rows);
  });

  it('honours topN', () => {
    const top2 = unitKeywords(COMMENTS, { topN: 2 });
    expect(keywordsOf(top2, 'A')).toEqual(['排队', '窗口']);
    expect(keywordsOf(top2, 'B')).toHaveLength(2);
    expect(unitKeywords(COMMENTS, { topN: 0 })).toEqual([]);
    expect(() => unitKeywords(COMMENTS, { topN: -1 })).toThrow(RangeError);
    expect(() => unitKeywords(COMMENTS, { topN: 1.5 })).toThrow(RangeError);
  });

  it('defaults to 10 keywords per agency', () => {
    const text = '窗口 排队 材料 系统 卡顿 崩溃 态度 热情 效率 停车 指引 预约 电话 网站';
    const out = unitKeywords([{ unitCode: 'X', text }]);
    expect(out).toHaveLength(10);
    // single agency: idf = 1, every term once → alphabetical (code unit) order
    expect(out.map((r) => r.keyword)).toEqual(
      text
        .split(' ')
        .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
        .slice(0, 10),
    );
  });

  it('returns nothing for empty input', () => {
    expect(unitKeywords([])).toEqual([]);
  });

  it('gives no rows to an agency whose comments are only stop words, and ignores it in the IDF', () => {
    const withEmpty = [
      ...COMMENTS,
      { unitCode: 'C', text: '的了是在很也都，非常满意，没有问题。' },
      { unitCode: 'C', text: '' },
    ];
    const out = unitKeywords(withEmpty);
    expect(keywordsOf(out, 'C')).toEqual([]);
    expect(out).toEqual(rows);
  });

  it('handles English and digits in comments', () => {
    const out = unitKeywords([
      { unitCode: 'D', text: 'APP登录要3次才成功' },
      { unitCode: 'D', text: 'app闪退，2024年12月更新后更卡' },
      { unitCode: 'E', text: '办事大厅 WiFi 信号差' },
    ]);
    const d = out.filter((r) => r.unitCode === 'D');
    expect(d[0]).toMatchObject({ keyword: 'app', count: 2 });
    expect(d.map((r) => r.keyword)).not.toContain('2024');
    expect(keywordsOf(out, 'E')).toContain('wifi');
  });
});

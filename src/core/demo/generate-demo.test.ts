import { describe, expect, it } from 'vitest';
import { parseAssessmentConfig, type AssessmentConfig } from '../config.js'; // not '../config.js', which the lint rule reserves for src/config.ts
import { generateDemo, type DemoDataset } from './generate-demo.js';
import { respondentKey } from './model.js';

const demo = generateDemo(1);
const parsed = parseAssessmentConfig(demo.config);
if (!parsed.ok) throw new Error(parsed.error);
const config: AssessmentConfig = parsed.value;

interface Resp {
  id: string;
  channel: string;
  group: string;
  unit: string;
  key: string;
  duration: string;
  at: string;
  rows: string[][];
}

function responsesOf(d: DemoDataset): Map<string, Resp> {
  const out = new Map<string, Resp>();
  for (const r of d.responses.rows) {
    const [id, channel, group, unit, key, , , , duration, at] = r as [string, ...string[]];
    const cur = out.get(id);
    if (cur) cur.rows.push(r);
    else
      out.set(id, {
        id,
        channel: channel!,
        group: group!,
        unit: unit!,
        key: key!,
        duration: duration!,
        at: at!,
        rows: [r],
      });
  }
  return out;
}

const resps = responsesOf(demo);
const ratingCodes = new Set(config.items.filter((i) => i.type === 'rating').map((i) => i.code));
const isRating = (row: string[]): boolean => ratingCodes.has(row[6]!);

/** SPEC §5.1 validity reasons, computed independently of the generator. */
function reasonsOf(all: Map<string, Resp>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const required = (g: string): string[] =>
    config.items.filter((i) => i.required && i.groups.includes(g)).map((i) => i.code);
  const min = config.validity?.minDurationSeconds ?? {};
  const seen = new Map<string, Resp[]>();
  for (const r of all.values()) {
    const reasons = new Set<string>();
    const byTarget = new Map<string, Set<string>>();
    for (const row of r.rows) byTarget.set(row[5]!, (byTarget.get(row[5]!) ?? new Set()).add(row[6]!));
    for (const items of byTarget.values()) {
      if (required(r.group).some((c) => !items.has(c))) reasons.add('incomplete');
    }
    const m = min[r.channel as keyof typeof min];
    if (r.duration !== '' && m !== undefined && Number(r.duration) < m) reasons.add('too_fast');
    const vals = r.rows.filter((row) => isRating(row) && row[7] !== 'DK').map((row) => row[7]);
    if (vals.length >= (config.validity?.straightlineMinItems ?? Infinity) && new Set(vals).size === 1) {
      reasons.add('straightline');
    }
    if (r.key !== '') seen.set(`${r.group}|${r.key}`, [...(seen.get(`${r.group}|${r.key}`) ?? []), r]);
    out.set(r.id, reasons);
  }
  for (const list of seen.values()) {
    list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
    for (const r of list.slice(1)) out.get(r.id)!.add('duplicate');
  }
  return out;
}

const reasons = reasonsOf(resps);
const isValid = (id: string): boolean =>
  [...reasons.get(id)!].every((x) => x === 'straightline' && !config.validity?.straightlineInvalid);
const validOf = (pred: (r: Resp) => boolean): Resp[] =>
  [...resps.values()].filter((r) => pred(r) && isValid(r.id));
const unitCodes = demo.units.rows.map((r) => r[0]!);

describe('generateDemo', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(generateDemo(1))).toBe(JSON.stringify(demo));
    expect(JSON.stringify(generateDemo(2).responses)).not.toBe(JSON.stringify(demo.responses));
  });

  it('has a configuration that passes parseAssessmentConfig, with English texts', () => {
    expect(config.id).toBe('suzhou-2020');
    expect(config.year).toBe(2020);
    expect(config.groups.map((g) => g.code)).toEqual(['service', 'peer', 'cadre', 'public', 'firm']);
    expect(config.groups.find((g) => g.code === 'firm')?.rates).toBe('firm');
    expect(config.groups.every((g) => g.nameEn)).toBe(true);
    expect(config.items.every((i) => i.textEn && i.dimension)).toBe(true);
    expect(config.scale.labelsEn?.['5']).toBe('Very satisfied');
    for (const g of config.groups) {
      const items = config.items.filter((i) => i.groups.includes(g.code));
      expect(items.filter((i) => i.type === 'text')).toHaveLength(1);
      expect(items.filter((i) => i.type === 'rating').every((i) => i.required)).toBe(true);
    }
  });

  it('lists 89 agencies with unique codes and names in several categories', () => {
    expect(demo.units.header).toEqual(['code', 'name', 'category', 'has_window']);
    expect(demo.units.rows).toHaveLength(89);
    expect(new Set(unitCodes).size).toBe(89);
    expect(new Set(demo.units.rows.map((r) => r[1])).size).toBe(89);
    expect(unitCodes.every((c) => /^U\d{3}$/.test(c))).toBe(true);
    const perCategory = new Map<string, number>();
    for (const r of demo.units.rows) perCategory.set(r[2]!, (perCategory.get(r[2]!) ?? 0) + 1);
    expect(perCategory.size).toBeGreaterThanOrEqual(4);
    expect([...perCategory.values()].every((n) => n >= 5)).toBe(true);
    const windows = demo.units.rows.filter((r) => r[3] === '1').length;
    expect(windows).toBeGreaterThanOrEqual(35);
    expect(windows).toBeLessThanOrEqual(45);
    expect(demo.units.rows.every((r) => r[3] === '0' || r[3] === '1')).toBe(true);
  });

  it('writes every response row consistently with the configuration', () => {
    expect(demo.responses.header).toEqual(
      'response_id,channel,group,respondent_unit,respondent_key,target_unit,item,value,duration_s,submitted_at'.split(
        ',',
      ),
    );
    const units = new Set(unitCodes);
    const groups = new Map(config.groups.map((g) => [g.code, g]));
    const items = new Map(config.items.map((i) => [i.code, i]));
    const prefix: Record<string, string> = { phone: 'P', intercept: 'I', online: 'O', peer: 'M' };
    const seenAnswer = new Set<string>();
    const errors: string[] = [];
    const check = (ok: boolean, what: string, row: string[]): void => {
      if (!ok && errors.length < 10) errors.push(`${what}: ${row.join(',')}`);
    };
    for (const row of demo.responses.rows) {
      const [id, channel, group, ru, key, target, item, value, dur, at] = row;
      const g = groups.get(group!);
      const it = items.get(item!);
      check(row.length === 10 && row.every((c) => typeof c === 'string'), 'cells', row);
      if (!g || !it) {
        check(false, 'unknown group or item', row);
        continue;
      }
      check(g.channels.includes(channel as never), 'channel not of group', row);
      check(id!.startsWith(`${prefix[channel!]}-`) && /^[PIOM]-\d{6}$/.test(id!), 'response_id', row);
      check(it.groups.includes(group!), 'item not asked of group', row);
      check(it.type === 'rating' ? /^[1-5]$|^DK$/.test(value!) : value!.length > 0, 'value', row);
      check(g.rates === 'firm' ? target === '' : units.has(target!), 'target_unit', row);
      check(group === 'peer' || group === 'cadre' ? units.has(ru!) : ru === '', 'respondent_unit', row);
      check(/^$|^h:[0-9a-f]{16}$/.test(key!), 'respondent_key', row);
      check(/^\d+$/.test(dur!), 'duration_s', row);
      check(/^2020-(10|11|12)-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(at!), 'submitted_at', row);
      if (channel === 'phone' || channel === 'intercept')
        check(/^2020-1[01]-/.test(at!), 'fieldwork dates', row);
      if (channel === 'peer') check(at! >= '2020-12-17' && at! < '2021-01-01', 'peer dates', row);
      const k = `${id}|${target}|${item}`;
      check(!seenAnswer.has(k), 'answer repeated', row);
      seenAnswer.add(k);
    }
    expect(errors).toEqual([]);
  });

  it('keeps response-level columns identical on every row of a response', () => {
    const differing = [...resps.values()].filter((r) =>
      r.rows.some(
        (row) =>
          row[1] !== r.channel ||
          row[2] !== r.group ||
          row[3] !== r.unit ||
          row[4] !== r.key ||
          row[8] !== r.duration ||
          row[9] !== r.at,
      ),
    );
    expect(differing.map((r) => r.id)).toEqual([]);
    // the rows of a response are contiguous
    const ids = demo.responses.rows.map((r) => r[0]);
    expect(ids.filter((id, i) => i > 0 && id !== ids[i - 1]).length + 1).toBe(resps.size);
  });

  it('meets the seed document volumes with valid responses', () => {
    const phone = validOf((r) => r.channel === 'phone');
    const cadre = validOf((r) => r.group === 'cadre');
    for (const u of unitCodes) {
      expect(phone.filter((r) => r.rows[0]![5] === u).length, u).toBeGreaterThanOrEqual(50);
      expect(cadre.filter((r) => r.unit === u).length, u).toBe(8);
    }
    expect(validOf((r) => r.channel === 'intercept')).toHaveLength(500);
    expect(validOf((r) => r.group === 'firm').length).toBeGreaterThanOrEqual(700);
    expect(validOf((r) => r.group === 'public').length).toBeGreaterThanOrEqual(400);
    const peer = validOf((r) => r.group === 'peer');
    for (const u of unitCodes) {
      const raters = peer.filter((r) => r.unit === u).length;
      expect(raters).toBeGreaterThanOrEqual(3);
      expect(raters).toBeLessThanOrEqual(5);
    }
    // every peer ballot rates all other agencies
    for (const r of peer)
      expect(new Set(r.rows.filter((x) => x[5] !== r.unit).map((x) => x[5])).size).toBe(88);
    // intercepts only at agencies with a service-hall window
    const windows = new Set(demo.units.rows.filter((r) => r[3] === '1').map((r) => r[0]));
    for (const r of resps.values())
      if (r.channel === 'intercept') expect(windows.has(r.rows[0]![5])).toBe(true);
  });

  it('contains invalid responses of every kind, and a few peer self-ratings', () => {
    const count = (reason: string, group?: string): number =>
      [...resps.values()].filter((r) => reasons.get(r.id)!.has(reason) && (!group || r.group === group))
        .length;
    for (const reason of ['too_fast', 'duplicate', 'incomplete', 'straightline'])
      expect(count(reason)).toBeGreaterThan(0);
    for (const g of ['service', 'cadre', 'public', 'firm']) {
      for (const reason of ['too_fast', 'duplicate', 'incomplete'])
        expect(count(reason, g), `${g} ${reason}`).toBeGreaterThan(0);
    }
    expect(count('duplicate', 'peer')).toBeGreaterThan(0);
    expect(count('incomplete', 'peer')).toBeGreaterThan(0);
    expect(count('straightline', 'peer')).toBeGreaterThan(0);
    const invalid = [...resps.keys()].filter((id) => !isValid(id)).length;
    expect(invalid / resps.size).toBeLessThan(0.08);
    const selfRated = [...resps.values()].filter(
      (r) => r.group === 'peer' && r.rows.some((x) => x[5] === r.unit),
    );
    expect(selfRated.length).toBeGreaterThan(0);
    expect(selfRated.length).toBeLessThanOrEqual(10);
  });

  it('gives realistic satisfaction: about 90% overall, some weak agencies, some DK answers', () => {
    let sat = 0;
    let n = 0;
    let dk = 0;
    const service = new Map<string, [number, number]>();
    for (const r of resps.values()) {
      if (!isValid(r.id) || r.group === 'firm') continue;
      for (const row of r.rows) {
        if (!isRating(row) || (r.group === 'peer' && row[5] === r.unit)) continue;
        if (row[7] === 'DK') {
          dk++;
          continue;
        }
        const ok = Number(row[7]) >= config.scale.satisfiedAtLeast ? 1 : 0;
        sat += ok;
        n++;
        if (r.group === 'service') {
          const s = service.get(row[5]!) ?? [0, 0];
          service.set(row[5]!, [s[0] + ok, s[1] + 1]);
        }
      }
    }
    expect(sat / n).toBeGreaterThan(0.86);
    expect(sat / n).toBeLessThan(0.94);
    expect(dk / (n + dk)).toBeGreaterThan(0.005);
    expect(dk / (n + dk)).toBeLessThan(0.1);
    const rates = [...service.values()].map(([a, b]) => a / b).sort((a, b) => a - b);
    expect(rates[0]).toBeLessThan(0.8);
    expect(rates[Math.floor(rates.length / 2)]).toBeGreaterThan(0.88);
  });

  it('has varied open comments', () => {
    const texts = demo.responses.rows.filter((r) => !isRating(r)).map((r) => r[7]!);
    expect(texts.length).toBeGreaterThan(500);
    expect(new Set(texts).size).toBeGreaterThan(40);
    expect(texts.some((t) => t.includes('排队'))).toBe(true);
  });

  it('gives a phone sample consistent with the phone interviews', () => {
    expect(demo.cases.header).toEqual([
      'case_id',
      'unit_code',
      'phone',
      'service',
      'service_date',
      'disposition',
      'attempts',
    ]);
    const ids = demo.cases.rows.map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
    const allowed = new Set([
      '1.1',
      '1.2',
      '2.111',
      '2.112',
      '2.12',
      '2.21',
      '3.12',
      '3.13',
      '3.16',
      '4.31',
      '4.51',
      '',
    ]);
    const interviewed = new Map<string, string>(); // key → unit of the 1.1 / 1.2 cases
    const bad: string[][] = [];
    for (const row of demo.cases.rows) {
      const [, unit, phone, service, date, disp, attempts] = row;
      const ok =
        /^13\d{9}$/.test(phone!) &&
        service!.length > 0 &&
        /^2020-\d\d-\d\d$/.test(date!) &&
        allowed.has(disp!) &&
        /^[1-5]$/.test(attempts!);
      if (!ok) bad.push(row);
      if (disp === '1.1' || disp === '1.2') interviewed.set(respondentKey(`phone:${phone}`), unit!);
    }
    expect(bad).toEqual([]);
    for (const u of unitCodes) {
      const mine = demo.cases.rows.filter((r) => r[1] === u);
      expect(mine.length).toBeGreaterThanOrEqual(70);
      expect(mine.filter((r) => r[5] === '1.1').length).toBeGreaterThanOrEqual(50);
      expect(mine.filter((r) => r[5] === '1.1').length).toBeLessThan(mine.length * 0.8);
    }
    expect(demo.cases.rows.some((r) => r[5] === '')).toBe(true);
    const unmatched = [...resps.values()].filter(
      (r) => r.channel === 'phone' && interviewed.get(r.key) !== r.rows[0]![5],
    );
    expect(unmatched.map((r) => r.id)).toEqual([]);
  });

  it('gives performance scores for (almost) every agency', () => {
    expect(demo.scores.header).toEqual(['unit_code', 'daily', 'bonus']);
    expect(demo.scores.rows.length).toBeGreaterThanOrEqual(87);
    expect(demo.scores.rows.length).toBeLessThan(89);
    for (const [u, daily, bonus] of demo.scores.rows as [string, string, string][]) {
      expect(unitCodes).toContain(u);
      expect(Number(daily)).toBeGreaterThanOrEqual(0);
      expect(Number(daily)).toBeLessThanOrEqual(100);
      expect(Number(bonus)).toBeGreaterThanOrEqual(0);
    }
    expect(demo.scores.rows.some((r) => Number(r[2]) > 5)).toBe(true);
  });

  it('scales down to fewer agencies and rejects a bad count', () => {
    const small = generateDemo(3, 10);
    expect(small.units.rows).toHaveLength(10);
    const codes = new Set(small.units.rows.map((r) => r[0]));
    expect(
      small.responses.rows.every((r) => (r[5] === '' || codes.has(r[5])) && (r[3] === '' || codes.has(r[3]))),
    ).toBe(true);
    expect(() => generateDemo(1, 0)).toThrow(RangeError);
    expect(() => generateDemo(1, 90)).toThrow(RangeError);
  });
});

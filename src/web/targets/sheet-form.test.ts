import { describe, expect, it } from 'vitest';
import {
  fieldLocation,
  fromPercent,
  levelNames,
  moveRow,
  problemField,
  targetShown,
  targetStored,
  toPercent,
} from './sheet-form.js';

describe('sheet form helpers', () => {
  it('shows shares as percent and stores fractions, without float noise', () => {
    expect(toPercent(0.07)).toBe(7);
    expect(toPercent(0.955)).toBe(95.5);
    expect(fromPercent(93)).toBe(0.93);
    expect(fromPercent(7)).toBe(0.07);
    expect(toPercent(null)).toBeNull();
    expect(targetShown({ target: 0.9, unit: '%' })).toBe(90);
    expect(targetShown({ target: 4500, unit: '人次' })).toBe(4500);
    expect(targetStored('%', 85)).toBe(0.85);
    expect(targetStored('家', 85)).toBe(85);
  });

  it('maps a server field path to its tab and input', () => {
    expect(fieldLocation('indicators/3/target')).toEqual({ tab: 'indicators', field: 'indicators.3.target' });
    expect(fieldLocation('project.subProjects.0.amount')).toEqual({
      tab: 'funds',
      field: 'project.subProjects.0.amount',
    });
    expect(fieldLocation('project.annualGoal')?.tab).toBe('plan');
    expect(fieldLocation('project.name')?.tab).toBe('project');
    expect(fieldLocation('weights.budget')).toBeNull();
  });

  it('reads the field from a problem', () => {
    expect(problemField({ field: 'indicators.1.name' })).toBe('indicators.1.name');
    expect(problemField({ detail: 'indicators.3.target: operator >= needs a number' })).toBe(
      'indicators.3.target',
    );
    expect(
      problemField({
        file: 'request body',
        detail: 'request body: indicators.12.target: operator = needs a number',
      }),
    ).toBe('indicators.12.target');
    expect(problemField({ detail: 'no path here' })).toBeNull();
    expect(problemField(null)).toBeNull();
  });

  it('moves rows and lists level names', () => {
    expect(moveRow(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveRow(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
    expect(levelNames([{ level1: '投入' }, { level1: '自定义' }])).toContain('自定义');
  });
});

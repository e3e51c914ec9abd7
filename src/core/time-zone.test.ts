import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, isCalendarDate, wallClockToEpoch, zoneOffsetMs } from './time-zone.js';

const wc = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
  ms: 0,
});

describe('wall-clock time in a zone', () => {
  it('reads Asia/Shanghai as UTC+8, whatever the machine zone', () => {
    expect(zoneOffsetMs(Date.UTC(2021, 4, 6), DEFAULT_TIME_ZONE)).toBe(8 * 3_600_000);
    expect(wallClockToEpoch(wc(2021, 5, 6, 8), DEFAULT_TIME_ZONE)).toBe(Date.UTC(2021, 4, 6, 0));
    expect(wallClockToEpoch(wc(2021, 1, 1, 0), DEFAULT_TIME_ZONE)).toBe(Date.UTC(2020, 11, 31, 16));
  });

  it('follows daylight saving where a zone has it', () => {
    expect(wallClockToEpoch(wc(2021, 7, 1, 12), 'Europe/Berlin')).toBe(Date.UTC(2021, 6, 1, 10));
    expect(wallClockToEpoch(wc(2021, 1, 1, 12), 'Europe/Berlin')).toBe(Date.UTC(2021, 0, 1, 11));
    expect(wallClockToEpoch(wc(2021, 1, 1, 12), 'UTC')).toBe(Date.UTC(2021, 0, 1, 12));
  });

  it.each([
    [2020, 2, 29, true],
    [2021, 2, 29, false],
    [2020, 2, 30, false],
    [2020, 13, 1, false],
    [2020, 0, 1, false],
    [2020, 4, 31, false],
    [2020, 12, 31, true],
    [1900, 2, 29, false],
    [2000, 2, 29, true],
  ])('isCalendarDate(%i, %i, %i) = %s', (y, m, d, ok) => {
    expect(isCalendarDate(y, m, d)).toBe(ok);
  });
});

import {
  addDays,
  daysBetween,
  easternDate,
  formatGameTime,
  isIsoDate,
  resolveGameDate,
  seasonOf,
} from '../../lib/dates';

describe('dates (US-Eastern)', () => {
  it('TODAY is the Eastern date: 03:30 UTC on Dec 6 is still Dec 5 in New York', () => {
    const now = new Date('2025-12-06T03:30:00Z');
    expect(easternDate(now)).toBe('2025-12-05');
    expect(resolveGameDate('TODAY', now)).toBe('2025-12-05');
    expect(resolveGameDate('tomorrow', now)).toBe('2025-12-06');
    expect(resolveGameDate(undefined, now)).toBe('2025-12-05');
  });

  it('keeps an explicit date and rejects anything else', () => {
    expect(resolveGameDate('2025-11-05', new Date())).toBe('2025-11-05');
    expect(() => resolveGameDate('2025-02-30', new Date())).toThrow(
      'game_date "2025-02-30" is not a calendar date',
    );
    expect(() => resolveGameDate('yesterday', new Date())).toThrow('TODAY or TOMORROW');
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    // century rule, month and day ranges, the shape
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(['2025-04-30', '2025-12-31', '2025-01-01'].every(isIsoDate)).toBe(true);
    expect(
      ['2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-01', ' 2025-01-01'].some(isIsoDate),
    ).toBe(false);
  });

  it('does calendar arithmetic across months and years', () => {
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-12-03', '2025-12-05')).toBe(2);
  });

  it('labels seasons from October', () => {
    expect(seasonOf('2025-12-05')).toBe('2025-26');
    expect(seasonOf('2025-04-01')).toBe('2024-25');
    expect(seasonOf('2025-10-01')).toBe('2025-26');
  });

  it('formats tip-off times in ET without a leading space', () => {
    expect(formatGameTime(new Date('2025-12-06T00:30:00Z'))).toBe('7:30 PM ET');
    expect(formatGameTime(new Date('2025-07-01T23:00:00Z'))).toBe('7:00 PM ET');
  });
});

/** The colours of the grades (等次), dark enough for white text and AA contrast on white. */
const GRADE_COLORS: Record<string, string> = {
  优秀: '#237804',
  良好: '#1456b8',
  一般: '#ad4e00',
  较差: '#a8071a',
};

export const gradeColor = (grade: string): string => GRADE_COLORS[grade] ?? '#595959';

/** the grades present, best first (the order of GRADE_COLORS, then others) */
export function gradeOrder(grades: Iterable<string>): string[] {
  const known = Object.keys(GRADE_COLORS);
  const rank = (g: string) => (known.includes(g) ? known.indexOf(g) : known.length);
  return [...new Set(grades)].filter(Boolean).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

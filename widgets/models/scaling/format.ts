/** Formatting shared by the scaling figures and the essay: token counts, compute budgets, data multiples. */

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 1.37e13 → "1.4 × 10¹³"; 3e5 → "3 × 10⁵". */
export function sci(x: number, digits = 1): string {
  if (!(x > 0) || !Number.isFinite(x)) return String(x);
  const [m, e] = x.toExponential(digits).split('e');
  const mantissa = m!.replace(/\.0+$/, '');
  const exp = String(Number(e)).replace(/./g, (ch) => SUPERSCRIPT[ch] ?? ch);
  return mantissa === '1' ? `10${exp}` : `${mantissa} × 10${exp}`;
}

/** 1714453 → "1.71M"; 214559 → "215k"; 27431248 → "27.4M"; 1.7e9 → "1.71B". */
export function count(x: number): string {
  const units: [number, string][] = [[1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [scale, unit] of units) {
    if (x >= scale) {
      const v = x / scale;
      return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${unit}`;
    }
  }
  return String(Math.round(x));
}

/** A data size as a share or multiple of Brown train: 0.125 → "1/8 of Brown", 1 → "all of Brown", 4 → "4 × Brown". */
export function brownShare(multiple: number): string {
  if (Math.abs(multiple - 1) < 1e-9) return 'all of Brown';
  if (multiple < 1) {
    const inv = 1 / multiple;
    return Math.abs(inv - Math.round(inv)) < 1e-6 ? `1/${Math.round(inv)} of Brown` : `${(multiple * 100).toFixed(0)} % of Brown`;
  }
  return `${Number.isInteger(multiple) ? multiple : multiple.toFixed(1)} × Brown`;
}

/** Number and list formatting shared by the dezoom charts' summaries and tables. */

const MINUS = '−';

function signed(text: string, x: number): string {
  return x < 0 ? `${MINUS}${text.replace(/^-/, '')}` : text;
}

/** 0.7337 → "73.4 %" (digits after the point). */
export function pct(x: number, digits = 1): string {
  return signed(`${(x * 100).toFixed(digits)} %`, x);
}

/** A difference of two shares in percentage points: 0.2506 → "+25.1 pts", −0.03 → "−3.0 pts". */
export function pts(x: number, digits = 1): string {
  const text = `${Math.abs(x * 100).toFixed(digits)} pts`;
  return x < 0 ? `${MINUS}${text}` : `+${text}`;
}

/** A plain number with a fixed number of digits and a real minus sign. */
export function num(x: number, digits = 2): string {
  return signed(x.toFixed(digits), x);
}

/** ['a', 'b', 'c'] → "a, b and c". */
export function listText(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

/** Upper-cases the first character. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Numbers as the figure prints them: a fixed number of decimals so that columns line up, a real
 * minus sign (U+2212, which screen readers say as "minus"), and scientific notation only for values
 * that the decimals would round to zero (a weight of 3e−6 is not "0.000").
 */

const MINUS = '\u2212';

/** `digits` decimals; |x| below half a unit of the last place, but not 0, as e.g. "3.1e−6". */
export function fmt(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  const tiny = 0.5 * 10 ** -digits;
  if (x !== 0 && Math.abs(x) < tiny) {
    const [mantissa, exponent] = x.toExponential(1).split('e');
    return `${mantissa!.replace('-', MINUS)}e${exponent!.replace('-', MINUS).replace('+', '')}`;
  }
  const text = x.toFixed(digits);
  // "-0.000" after rounding a tiny negative number reads as a sign error.
  if (/^-0\.?0*$/.test(text)) return text.slice(1);
  return text.replace('-', MINUS);
}

/** An attention weight: three decimals ("0.412"). */
export const weight = (w: number) => fmt(w, 3);

/** A dot product or score: two decimals ("−1.37"). */
export const score = (s: number) => fmt(s, 2);

/** A distance in tokens or an entropy in nats: one or two decimals. */
export const one = (x: number) => fmt(x, 1);
export const two = (x: number) => fmt(x, 2);

/** A share as a rounded percentage ("41 %"), as head-labels.ts prints shares. */
export function percent(x: number): string {
  return `${Math.round(x * 100)} %`;
}

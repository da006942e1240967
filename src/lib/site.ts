export const SITE = {
  name: 'Dezoom',
  tagline: 'Interactive essays on how transformers build meaning, and why stacking layers works.',
  license: 'CC BY 4.0',
} as const;

export function articlePath(id: string): string {
  return `/articles/${id}/`;
}

export function formatDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

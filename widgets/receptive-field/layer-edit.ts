/**
 * Editing a stack from form input: whatever the reader types, the result is a valid layer, plus a
 * message saying what was corrected (so a clamp is never silent to the reader).
 */
import { LIMITS, type Layer, type LayerKind } from './receptive-field.ts';

export type NumericParam = 'kernel' | 'stride' | 'dilation' | 'window';

export const PARAM_LABELS: Record<NumericParam, string> = {
  kernel: 'Kernel',
  stride: 'Stride',
  dilation: 'Dilation',
  window: 'Window',
};

export function layerOfKind(kind: LayerKind): Layer {
  switch (kind) {
    case 'conv':
      return { kind: 'conv', kernel: 3, stride: 1, dilation: 1 };
    case 'local-attention':
      return { kind: 'local-attention', window: 8 };
    case 'global-attention':
      return { kind: 'global-attention' };
  }
}

export function isLayerKind(value: string): value is LayerKind {
  return value === 'conv' || value === 'local-attention' || value === 'global-attention';
}

export interface ParamEdit {
  layer: Layer;
  /** The value actually applied; differs from the input when it was corrected. */
  value: number;
  message: string | null;
}

/**
 * `strict` (while typing) rejects out-of-range values instead of clamping them, so typing "12"
 * does not snap to 1… on its way; `strict: false` (on commit) clamps and explains.
 */
export function editParam(layer: Layer, param: NumericParam, raw: string, strict: boolean): ParamEdit | null {
  if (!(param in layer)) return null;
  const current = (layer as unknown as Record<NumericParam, number>)[param];
  const { min, max } = LIMITS[param];
  const parsed = raw.trim() === '' ? NaN : Number(raw);
  const label = PARAM_LABELS[param];
  if (!Number.isFinite(parsed)) {
    return strict ? null : { layer, value: current, message: `${label} must be a whole number from ${min} to ${max}.` };
  }
  const value = Math.min(max, Math.max(min, Math.round(parsed)));
  if (strict && value !== parsed) return null;
  const message = value === parsed ? null : `${label} must be a whole number from ${min} to ${max}; using ${value}.`;
  return { layer: { ...layer, [param]: value } as Layer, value, message };
}

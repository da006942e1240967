import type { Layer } from './receptive-field.ts';

export const PRESET_NAMES = ['vgg', 'strided', 'dilated', 'local-attention', 'transformer'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface Preset {
  label: string;
  layers: Layer[];
  /** Convolutions left-padded (causal) or centred; attention is causal either way. */
  causal: boolean;
  blurb: string;
}

const conv = (kernel: number, stride = 1, dilation = 1): Layer => ({ kind: 'conv', kernel, stride, dilation });

export const PRESETS: Record<PresetName, Preset> = {
  vgg: {
    label: 'VGG-style',
    layers: Array.from({ length: 6 }, () => conv(3)),
    causal: false,
    blurb: 'six 3-wide convolutions: the field grows by 2 per layer',
  },
  strided: {
    label: 'Strided',
    layers: [conv(3), conv(3, 2), conv(3), conv(3, 2), conv(3), conv(3, 2)],
    causal: false,
    blurb: 'every second layer halves the resolution, so later kernels cover more input',
  },
  dilated: {
    label: 'Dilated (WaveNet)',
    layers: [conv(2, 1, 1), conv(2, 1, 2), conv(2, 1, 4), conv(2, 1, 8), conv(2, 1, 16)],
    causal: true,
    blurb: 'causal 2-wide kernels with doubling dilation: the field doubles per layer',
  },
  'local-attention': {
    label: 'Local attention',
    layers: Array.from({ length: 4 }, (): Layer => ({ kind: 'local-attention', window: 8 })),
    causal: true,
    blurb: 'sliding-window attention over 8 positions: a 1D kernel of width 8',
  },
  transformer: {
    label: 'Transformer',
    layers: Array.from({ length: 4 }, (): Layer => ({ kind: 'global-attention' })),
    causal: true,
    blurb: 'causal global attention: the whole prefix from the first layer on',
  },
};

export const DEFAULT_PRESET: PresetName = 'vgg';

export function isPresetName(value: unknown): value is PresetName {
  return typeof value === 'string' && (PRESET_NAMES as readonly string[]).includes(value);
}

/** Fresh copies, so that editing the reader's stack never mutates a preset. */
export function presetLayers(name: PresetName): Layer[] {
  return PRESETS[name].layers.map((layer) => ({ ...layer }));
}

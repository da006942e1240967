// fast-check generators of receptive-field layers, shared by the math and the URL-state tests.
import fc from 'fast-check';
import { LIMITS, type Layer } from '../../../widgets/receptive-field/receptive-field.ts';

/** Any layer the widget accepts, over the full parameter ranges. */
export const anyLayer: fc.Arbitrary<Layer> = fc.oneof(
  fc.record({
    kind: fc.constant('conv' as const),
    kernel: fc.integer(LIMITS.kernel),
    stride: fc.integer(LIMITS.stride),
    dilation: fc.integer(LIMITS.dilation),
  }),
  fc.record({ kind: fc.constant('local-attention' as const), window: fc.integer(LIMITS.window) }),
  fc.constant({ kind: 'global-attention' as const }),
);

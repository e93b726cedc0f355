import type { ConvParams, PoolParams, WindowGeometry } from './types.js';

/** Index of a padded (outside the input) position in a window. */
export const PADDING = -1;

/**
 * The input positions of every output's window, row-major over (batch, channel, out row, out
 * column); padded positions are PADDING. `channel` is the input channel the window reads.
 */
export function windowIndices(geometry: WindowGeometry, batch: number, channel: number, row: number, col: number): number[] {
  const { height, width, kernel, strides, pads, dilations } = geometry;
  const indices: number[] = [];
  for (let i = 0; i < kernel[0]; i++) {
    for (let j = 0; j < kernel[1]; j++) {
      const y = row * strides[0] - pads[0] + i * dilations[0];
      const x = col * strides[1] - pads[1] + j * dilations[1];
      const inside = y >= 0 && y < height && x >= 0 && x < width;
      indices.push(inside ? ((batch * geometry.channels + channel) * height + y) * width + x : PADDING);
    }
  }
  return indices;
}

/** One output of a convolution: its bias and its (input index, weight) terms, zero weights and padding left out. */
export interface AffineOutput {
  bias: bigint;
  terms: [number, bigint][];
}

/** Every output of a convolution, in NCHW order: the single source of its arithmetic for the interpreter and both composers. */
export function convOutputs(params: ConvParams): AffineOutput[] {
  const g = params.geometry;
  const kernelSize = g.kernel[0] * g.kernel[1];
  const outputs: AffineOutput[] = [];
  for (let n = 0; n < g.batch; n++) {
    for (let oc = 0; oc < params.outChannels; oc++) {
      for (let row = 0; row < g.outHeight; row++) {
        for (let col = 0; col < g.outWidth; col++) {
          const terms: [number, bigint][] = [];
          for (let ic = 0; ic < g.channels; ic++) {
            windowIndices(g, n, ic, row, col).forEach((index, k) => {
              const weight = params.weights[(oc * g.channels + ic) * kernelSize + k];
              if (index !== PADDING && weight !== 0n) terms.push([index, weight]);
            });
          }
          outputs.push({ bias: params.bias[oc], terms });
        }
      }
    }
  }
  return outputs;
}

/** Every window of a pool, in NCHW output order; padding kept (as PADDING) only when it counts. */
export function poolWindows(params: PoolParams): number[][] {
  const g = params.geometry;
  const windows: number[][] = [];
  for (let n = 0; n < g.batch; n++) {
    for (let c = 0; c < g.channels; c++) {
      for (let row = 0; row < g.outHeight; row++) {
        for (let col = 0; col < g.outWidth; col++) {
          const indices = windowIndices(g, n, c, row, col);
          windows.push(params.kind === 'average-pool' && params.countIncludePad ? indices : indices.filter((index) => index !== PADDING));
        }
      }
    }
  }
  return windows;
}

import type { ConvParams, LinearParams, QuantizedGraph, QuantizedLayer } from '../quantize/types.js';
import { PADDING, windowIndices } from '../quantize/windows.js';

/**
 * `--commit-weights`: the layers whose constants become private inputs, and how their outputs
 * read them. Covered: `linear` (Gemm, MatMul with a constant) and `conv` layers, weights then
 * biases in one array `w<layer index>`. Other constants (Add / Mul constants, LayerNormalization's
 * scale and bias, lookup tables) stay in the circuit.
 */
export interface PrivateWeights {
  /** The circuit input holding them: `w<layer index>`. */
  name: string;
  layer: number;
  node: string;
  /** Weights (row-major as in the layer's params), then biases. */
  values: bigint[];
}

export function privateWeights(graph: QuantizedGraph): PrivateWeights[] {
  const found: PrivateWeights[] = [];
  graph.layers.forEach((layer, index) => {
    const params = layer.params;
    if (params.kind === 'linear' || params.kind === 'conv') {
      found.push({ name: `w${index}`, layer: index, node: layer.node, values: [...params.weights, ...params.bias] });
    }
  });
  return found;
}

export function hasPrivateWeights(layer: QuantizedLayer): boolean {
  return layer.params.kind === 'linear' || layer.params.kind === 'conv';
}

/** Every committed value in commitment order: layer by layer, each layer's weights then biases. */
export function committedValueNames(weights: readonly PrivateWeights[]): string[] {
  return weights.flatMap((w) => w.values.map((_, i) => `${w.name}[${i}]`));
}

/** One output of an affine layer over private weights: indexes into its `w` array, none skipped. */
export interface PrivateAffineOutput {
  /** Index of the bias in `w`. */
  bias: number;
  /** (input index, weight index in `w`) per product. */
  terms: [number, number][];
}

/** The outputs of a linear or conv layer, as indexes into `w` (zero weights kept: they are secret). */
export function privateAffineOutputs(params: LinearParams | ConvParams): PrivateAffineOutput[] {
  return params.kind === 'linear' ? linearOutputs(params) : convOutputs(params);
}

function linearOutputs(params: LinearParams): PrivateAffineOutput[] {
  const outputs: PrivateAffineOutput[] = [];
  for (let r = 0; r < params.rows; r++) {
    for (let c = 0; c < params.cols; c++) {
      const terms: [number, number][] = [];
      for (let i = 0; i < params.inner; i++) terms.push([r * params.inner + i, c * params.inner + i]);
      outputs.push({ bias: params.weights.length + r * params.cols + c, terms });
    }
  }
  return outputs;
}

function convOutputs(params: ConvParams): PrivateAffineOutput[] {
  const g = params.geometry;
  const kernelSize = g.kernel[0] * g.kernel[1];
  const outputs: PrivateAffineOutput[] = [];
  for (let n = 0; n < g.batch; n++) {
    for (let oc = 0; oc < params.outChannels; oc++) {
      for (let row = 0; row < g.outHeight; row++) {
        for (let col = 0; col < g.outWidth; col++) {
          const terms: [number, number][] = [];
          for (let ic = 0; ic < g.channels; ic++) {
            windowIndices(g, n, ic, row, col).forEach((index, k) => {
              if (index !== PADDING) terms.push([index, (oc * g.channels + ic) * kernelSize + k]);
            });
          }
          outputs.push({ bias: params.weights.length + oc, terms });
        }
      }
    }
  }
  return outputs;
}

/** Terms per statement (circom2's parser stack, as in linear-terms.ts). */
const TERMS_PER_STATEMENT = 32;

/** `acc = head + t0 + t1 ...; acc = acc + ...;` over already-formed terms. */
export function sumStatements(head: string, terms: string[]): string[] {
  const statements: string[] = [];
  for (let start = 0; start === 0 || start < terms.length; start += TERMS_PER_STATEMENT) {
    statements.push(`acc = ${[start === 0 ? head : 'acc', ...terms.slice(start, start + TERMS_PER_STATEMENT)].join(' + ')};`);
  }
  return statements;
}

/**
 * Circom lines for a linear / conv layer over the private array `w`: one constraint per product
 * (`<name>Product[p] <== x * w`), the sum linear, then the dense rescale as with constant weights.
 */
export function circomPrivateAffineLines(params: LinearParams | ConvParams, name: string, x: string, w: string, bits: number): string[] {
  const outputs = privateAffineOutputs(params);
  const products = outputs.reduce((total, output) => total + output.terms.length, 0);
  const lines = [`    signal ${name}[${outputs.length}];`, `    component ${name}Rescale[${outputs.length}];`, `    signal ${name}Product[${products}];`];
  let p = 0;
  outputs.forEach(({ bias, terms }, k) => {
    const names: string[] = [];
    for (const [input, weight] of terms) {
      lines.push(`    ${name}Product[${p}] <== ${x}[${input}] * ${w}[${weight}];`);
      names.push(`${name}Product[${p++}]`);
    }
    lines.push(
      `    ${name}Rescale[${k}] = DenseRescale(${bits}, ${params.shift});`,
      ...sumStatements(`${w}[${bias}]`, names).map((statement) => `    ${statement}`),
      `    ${name}Rescale[${k}].acc <== acc;`,
      `    ${name}[${k}] <== ${name}Rescale[${k}].out;`,
    );
  });
  return lines;
}

/** Noir lines for a linear / conv layer over the private array `w`, then the dense rescale. */
export function noirPrivateAffineLines(params: LinearParams | ConvParams, name: string, x: string, w: string, bits: number): string[] {
  const outputs = privateAffineOutputs(params);
  const lines = [`    let mut ${name}: [Field; ${outputs.length}] = [0; ${outputs.length}];`];
  outputs.forEach(({ bias, terms }, k) => {
    lines.push(...sumStatements(`${w}[${bias}]`, terms.map(([input, weight]) => `${x}[${input}] * ${w}[${weight}]`)).map((statement) => `    ${statement}`));
    lines.push(`    ${name}[${k}] = dense::rescale::<${bits}, ${params.shift}>(acc);`);
  });
  return lines;
}

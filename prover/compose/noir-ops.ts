import type { ClipParams, ConvParams, GatherParams, LayerNormParams, LeakyReluParams, LookupParams, MatMulParams, MulParams, PoolParams } from '../quantize/types.js';
import { accumulatorStatements } from './linear-terms.js';
import { convOutputs, PADDING, poolWindows } from '../quantize/windows.js';

/** Noir lines for the CNN-style layers; `x` is the array the layer reads, `name` the one it writes. */
export function convLines(params: ConvParams, name: string, x: string, bits: number): string[] {
  const outputs = convOutputs(params);
  const lines = [`    let mut ${name}: [Field; ${outputs.length}] = [0; ${outputs.length}];`];
  outputs.forEach(({ bias, terms }, k) => {
    lines.push(...accumulatorStatements(bias, terms.map(([index, weight]) => [`${x}[${index}]`, weight])).map((statement) => `    ${statement}`));
    lines.push(`    ${name}[${k}] = dense::rescale::<${bits}, ${params.shift}>(acc);`);
  });
  return lines;
}

/** One knowledge-base pool gadget call per window (window sizes differ at padded borders). */
export function poolLines(params: PoolParams, name: string, x: string, bits: number): string[] {
  const windows = poolWindows(params);
  const call = params.kind === 'max-pool' ? 'max_pool::max_pool_1d' : 'average_pool::avg_pool_1d';
  const lines = [`    let mut ${name}: [Field; ${windows.length}] = [0; ${windows.length}];`];
  windows.forEach((window, w) => {
    const elements = window.map((index) => (index === PADDING ? '0' : `${x}[${index}]`)).join(', ');
    lines.push(`    ${name}[${w}] = ${call}::<${window.length}, ${window.length}, 1, ${bits}>([${elements}])[0];`);
  });
  return lines;
}

/** floor(a b / 2^shift) through the dense rescale (remainder and output range-checked). */
export function mulLines(params: MulParams, name: string, inputs: string[], n: number, bits: number, globals: string[]): string[] {
  if (params.constant) globals.push(`global ${name.toUpperCase()}_CONSTANT: [Field; ${n}] = [${params.constant.join(', ')}];`);
  const other = params.constant ? `${name.toUpperCase()}_CONSTANT[i]` : `${inputs[1]}[i]`;
  return [
    `    let mut ${name}: [Field; ${n}] = [0; ${n}];`,
    `    for i in 0..${n} {`,
    `        ${name}[i] = dense::rescale::<${bits}, ${params.shift}>(${inputs[0]}[i] * ${other});`,
    '    }',
  ];
}

export function leakyReluLines(params: LeakyReluParams, name: string, x: string, n: number, bits: number): string[] {
  return [`    let mut ${name}: [Field; ${n}] = [0; ${n}];`, `    for i in 0..${n} {`, `        ${name}[i] = leaky_relu::leaky_relu::<${bits}, ${params.slope}, ${params.frac}>(${x}[i]);`, '    }'];
}

export function clipLines(params: ClipParams, name: string, x: string, n: number, bits: number): string[] {
  return [`    let mut ${name}: [Field; ${n}] = [0; ${n}];`, `    for i in 0..${n} {`, `        ${name}[i] = clip::clip::<${bits}>(${x}[i], ${params.lo}, ${params.hi});`, '    }'];
}

/** A new array of the moved elements: no constraints. */
export function gatherLines(params: GatherParams, name: string, inputs: string[]): string[] {
  return [`    let ${name}: [Field; ${params.sources.length}] = [${params.sources.map(([position, index]) => `${inputs[position]}[${index}]`).join(', ')}];`];
}

export function matMulLines(params: MatMulParams, name: string, inputs: string[], bits: number): string[] {
  const { batch, rows, inner, cols } = params;
  const n = batch * rows * cols;
  const bOffset = params.sharedB ? '0' : `b * ${inner * cols}`;
  return [
    `    let mut ${name}: [Field; ${n}] = [0; ${n}];`,
    `    for b in 0..${batch} {`,
    `        for r in 0..${rows} {`,
    `            for c in 0..${cols} {`,
    `                let mut sum: Field = 0;`,
    `                for i in 0..${inner} {`,
    `                    sum += ${inputs[0]}[(b * ${rows} + r) * ${inner} + i] * ${inputs[1]}[${bOffset} + i * ${cols} + c];`,
    '                }',
    `                ${name}[(b * ${rows} + r) * ${cols} + c] = dense::rescale::<${bits}, ${params.shift}>(sum);`,
    '            }',
    '        }',
    '    }',
  ];
}

export function layerNormLines(params: LayerNormParams, name: string, x: string, bits: number, globals: string[]): string[] {
  const { rows, length } = params;
  const upper = name.toUpperCase();
  globals.push(`global ${upper}_GAMMA: [Field; ${length}] = [${params.gamma.join(', ')}];`, `global ${upper}_BETA: [Field; ${length}] = [${params.beta.join(', ')}];`);
  return [
    `    let mut ${name}: [Field; ${rows * length}] = [0; ${rows * length}];`,
    `    for r in 0..${rows} {`,
    `        let mut row: [Field; ${length}] = [0; ${length}];`,
    `        for j in 0..${length} {`,
    `            row[j] = ${x}[r * ${length} + j];`,
    '        }',
    `        let normalized = layernorm::layer_norm::<${length}, ${bits}, ${params.frac}>(row, ${params.epsilon});`,
    `        for j in 0..${length} {`,
    `            ${name}[r * ${length} + j] = dense::rescale::<${bits}, ${params.shift}>(normalized[j] * ${upper}_GAMMA[j] + ${upper}_BETA[j]);`,
    '        }',
    '    }',
  ];
}

export function lookupLines(params: LookupParams, name: string, x: string, n: number, bits: number): string[] {
  const scaled = params.multiplier !== undefined;
  const floored = scaled
    ? `dense::rescale::<${bits}, ${params.shift}>(${x}[i] * ${params.multiplier})`
    : params.shift > 0
      ? `rescale::rescale::<${bits}, ${params.shift}>(${x}[i])`
      : `${x}[i]`;
  const call = params.table === 'gelu' ? 'gelu_lookup::gelu_lookup(v)' : 'sigmoid_lookup::sigmoid_lookup(v)';
  return [
    `    let mut ${name}: [Field; ${n}] = [0; ${n}];`,
    `    for i in 0..${n} {`,
    `        let v = clip::clip::<${scaled ? bits : bits - params.shift}>(${floored}, -16, 15);`,
    `        ${name}[i] = ${params.table === 'tanh' ? `2 * ${call} - 256` : call};`,
    '    }',
  ];
}

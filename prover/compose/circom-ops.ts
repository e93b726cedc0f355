import type { ClipParams, ConvParams, GatherParams, LayerNormParams, LeakyReluParams, LookupParams, MatMulParams, MulParams, PoolParams } from '../quantize/types.js';
import { accumulatorStatements } from './linear-terms.js';
import { convOutputs, PADDING, poolWindows } from '../quantize/windows.js';

/** Circom lines for the CNN-style layers; `x` is the array the layer reads, `name` the one it writes. */
export function convLines(params: ConvParams, name: string, x: string, bits: number): string[] {
  const outputs = convOutputs(params);
  const lines = [`    signal ${name}[${outputs.length}];`, `    component ${name}Rescale[${outputs.length}];`];
  outputs.forEach(({ bias, terms }, k) => {
    lines.push(
      `    ${name}Rescale[${k}] = DenseRescale(${bits}, ${params.shift});`,
      ...accumulatorStatements(bias, terms.map(([index, weight]) => [`${x}[${index}]`, weight])).map((statement) => `    ${statement}`),
      `    ${name}Rescale[${k}].acc <== acc;`,
      `    ${name}[${k}] <== ${name}Rescale[${k}].out;`,
    );
  });
  return lines;
}

/** One knowledge-base pool gadget per window (window sizes differ at padded borders). */
export function poolLines(params: PoolParams, name: string, x: string, bits: number): string[] {
  const windows = poolWindows(params);
  const template = params.kind === 'max-pool' ? 'MaxPool1D' : 'AvgPool1D';
  const lines = [`    signal ${name}[${windows.length}];`];
  windows.forEach((window, w) => {
    const pool = `${name}Pool${w}`;
    lines.push(`    component ${pool} = ${template}(${window.length}, ${window.length}, ${bits});`);
    window.forEach((index, j) => lines.push(`    ${pool}.x[${j}] <== ${index === PADDING ? '0' : `${x}[${index}]`};`));
    lines.push(`    ${name}[${w}] <== ${pool}.out[0];`);
  });
  return lines;
}

/** floor(a b / 2^shift) through the dense rescale (remainder and output range-checked). */
export function mulLines(params: MulParams, name: string, inputs: string[], n: number, bits: number): string[] {
  const other = params.constant ? `${name}Constant[i]` : `${inputs[1]}[i]`;
  return [
    `    signal ${name}[${n}];`,
    `    component ${name}Rescale[${n}];`,
    ...(params.constant ? [`    var ${name}Constant[${n}] = [${params.constant.join(', ')}];`] : []),
    `    for (var i = 0; i < ${n}; i++) {`,
    `        ${name}Rescale[i] = DenseRescale(${bits}, ${params.shift});`,
    `        ${name}Rescale[i].acc <== ${inputs[0]}[i] * ${other};`,
    `        ${name}[i] <== ${name}Rescale[i].out;`,
    `    }`,
  ];
}

export function leakyReluLines(params: LeakyReluParams, name: string, x: string, n: number, bits: number): string[] {
  return [
    `    signal ${name}[${n}];`,
    `    component ${name}Leaky[${n}];`,
    `    for (var i = 0; i < ${n}; i++) {`,
    `        ${name}Leaky[i] = LeakyReLU(${bits}, ${params.slope}, ${params.frac});`,
    `        ${name}Leaky[i].x <== ${x}[i];`,
    `        ${name}[i] <== ${name}Leaky[i].out;`,
    `    }`,
  ];
}

export function clipLines(params: ClipParams, name: string, x: string, n: number, bits: number): string[] {
  return [
    `    signal ${name}[${n}];`,
    `    component ${name}Clip[${n}];`,
    `    for (var i = 0; i < ${n}; i++) {`,
    `        ${name}Clip[i] = Clip(${bits});`,
    `        ${name}Clip[i].x <== ${x}[i];`,
    `        ${name}Clip[i].lo <== ${params.lo};`,
    `        ${name}Clip[i].hi <== ${params.hi};`,
    `        ${name}[i] <== ${name}Clip[i].out;`,
    `    }`,
  ];
}

/** Copies only: --O1 merges each `a <== b` away, so a gather costs no constraint. */
export function gatherLines(params: GatherParams, name: string, inputs: string[]): string[] {
  return [`    signal ${name}[${params.sources.length}];`, ...params.sources.map(([position, index], k) => `    ${name}[${k}] <== ${inputs[position]}[${index}];`)];
}

/** Each product a constraint of its own, summed into the dense rescale. */
export function matMulLines(params: MatMulParams, name: string, inputs: string[], bits: number): string[] {
  const { batch, rows, inner, cols } = params;
  const n = batch * rows * cols;
  const bOffset = params.sharedB ? '0' : `b * ${inner * cols}`;
  return [
    `    signal ${name}[${n}];`,
    `    signal ${name}Product[${n}][${inner}];`,
    `    component ${name}Rescale[${n}];`,
    `    for (var b = 0; b < ${batch}; b++) for (var r = 0; r < ${rows}; r++) for (var c = 0; c < ${cols}; c++) {`,
    `        var k = (b * ${rows} + r) * ${cols} + c;`,
    `        acc = 0;`,
    `        for (var i = 0; i < ${inner}; i++) {`,
    `            ${name}Product[k][i] <== ${inputs[0]}[(b * ${rows} + r) * ${inner} + i] * ${inputs[1]}[${bOffset} + i * ${cols} + c];`,
    `            acc += ${name}Product[k][i];`,
    `        }`,
    `        ${name}Rescale[k] = DenseRescale(${bits}, ${params.shift});`,
    `        ${name}Rescale[k].acc <== acc;`,
    `        ${name}[k] <== ${name}Rescale[k].out;`,
    `    }`,
  ];
}

/** The knowledge-base LayerNorm per row, then y * gamma + beta through the dense rescale. */
export function layerNormLines(params: LayerNormParams, name: string, x: string, bits: number): string[] {
  const { rows, length } = params;
  return [
    `    signal ${name}[${rows * length}];`,
    `    component ${name}Norm[${rows}];`,
    `    component ${name}Rescale[${rows * length}];`,
    `    var ${name}Gamma[${length}] = [${params.gamma.join(', ')}];`,
    `    var ${name}Beta[${length}] = [${params.beta.join(', ')}];`,
    `    for (var r = 0; r < ${rows}; r++) {`,
    `        ${name}Norm[r] = LayerNorm(${length}, ${bits}, ${params.frac}, ${params.epsilon});`,
    `        for (var j = 0; j < ${length}; j++) ${name}Norm[r].x[j] <== ${x}[r * ${length} + j];`,
    `        for (var j = 0; j < ${length}; j++) {`,
    `            ${name}Rescale[r * ${length} + j] = DenseRescale(${bits}, ${params.shift});`,
    `            ${name}Rescale[r * ${length} + j].acc <== ${name}Norm[r].out[j] * ${name}Gamma[j] + ${name}Beta[j];`,
    `            ${name}[r * ${length} + j] <== ${name}Rescale[r * ${length} + j].out;`,
    `        }`,
    `    }`,
  ];
}

/** Floor to the table's fractional bits (Rescale), saturate to its domain (Clip), look up. */
export function lookupLines(params: LookupParams, name: string, x: string, n: number, bits: number): string[] {
  const template = params.table === 'gelu' ? 'GeluLookup' : 'SigmoidLookup';
  const value = params.table === 'tanh' ? `2 * ${name}Table[i].out - 256` : `${name}Table[i].out`;
  const scaled = params.multiplier !== undefined;
  const floor = scaled
    ? [`        ${name}Floor[i] = DenseRescale(${bits}, ${params.shift});`, `        ${name}Floor[i].acc <== ${x}[i] * ${params.multiplier};`]
    : [`        ${name}Floor[i] = Rescale(${bits}, ${params.shift});`, `        ${name}Floor[i].x <== ${x}[i];`];
  const clipBits = scaled ? bits : bits - params.shift;
  return [
    `    signal ${name}[${n}];`,
    ...(params.shift > 0 ? [`    component ${name}Floor[${n}];`] : []),
    `    component ${name}Clip[${n}];`,
    `    component ${name}Table[${n}];`,
    `    for (var i = 0; i < ${n}; i++) {`,
    ...(params.shift > 0 ? floor : []),
    `        ${name}Clip[i] = Clip(${clipBits});`,
    `        ${name}Clip[i].x <== ${params.shift > 0 ? `${name}Floor[i].out` : `${x}[i]`};`,
    `        ${name}Clip[i].lo <== -16;`,
    `        ${name}Clip[i].hi <== 15;`,
    `        ${name}Table[i] = ${template}();`,
    `        ${name}Table[i].x <== ${name}Clip[i].out;`,
    `        ${name}[i] <== ${value};`,
    `    }`,
  ];
}

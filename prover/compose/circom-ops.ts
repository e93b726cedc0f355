import type { ClipParams, ConvParams, GatherParams, LeakyReluParams, MulParams, PoolParams } from '../quantize/types.js';
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

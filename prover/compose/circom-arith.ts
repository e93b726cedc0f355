import type { AbsParams, ExtremumParams, ReduceParams, SumParams } from '../quantize/types.js';

/** Circom lines for Sub / Neg / Sum, Abs, Max / Min and ReduceSum / ReduceMean; `name` is the array written. */

/** Each input's element for output i (a `var` table of sources when it is broadcast), and the tables' declarations. */
function operandsAt(sources: (number[] | null)[] | undefined, name: string, inputs: string[], n: number): { operands: string[]; tables: string[] } {
  const tables: string[] = [];
  const operands = inputs.map((x, k) => {
    const source = sources?.[k];
    if (!source) return `${x}[i]`;
    tables.push(`    var ${name}Source${k}[${n}] = [${source.join(', ')}];`);
    return `${x}[${name}Source${k}[i]]`;
  });
  return { operands, tables };
}

/** One linear constraint per element, then its range check to SInt(bits). */
export function sumLines(params: SumParams, name: string, inputs: string[], n: number, bits: number): string[] {
  const half = 1n << BigInt(bits - 1);
  const { operands, tables } = operandsAt(params.sources, name, inputs, n);
  const terms = operands.map((x, k) => `${params.signs[k] < 0n ? '-' : '+'} ${x}`).join(' ');
  return [
    `    signal ${name}[${n}];`,
    `    component ${name}Range[${n}];`,
    ...tables,
    ...(params.constant ? [`    var ${name}Constant[${n}] = [${params.constant.join(', ')}];`] : []),
    `    for (var i = 0; i < ${n}; i++) {`,
    `        ${name}[i] <== ${params.constant ? `${name}Constant[i]` : '0'} ${terms};`,
    `        ${name}Range[i] = RangeCheck(${bits});`,
    `        ${name}Range[i].x <== ${name}[i] + ${half};`,
    `    }`,
  ];
}

/** The knowledge-base AbsSigned (sign bit and magnitude constrained), then the output's range check. */
export function absLines(_params: AbsParams, name: string, x: string, n: number, bits: number): string[] {
  const half = 1n << BigInt(bits - 1);
  return [
    `    signal ${name}[${n}];`,
    `    component ${name}Abs[${n}];`,
    `    component ${name}Range[${n}];`,
    `    for (var i = 0; i < ${n}; i++) {`,
    `        ${name}Abs[i] = AbsSigned(${bits});`,
    `        ${name}Abs[i].x <== ${x}[i];`,
    `        ${name}[i] <== ${name}Abs[i].out;`,
    `        ${name}Range[i] = RangeCheck(${bits});`,
    `        ${name}Range[i].x <== ${name}[i] + ${half};`,
    `    }`,
  ];
}

/** The knowledge-base Max / Min over each element's operands (activations, then constants). */
export function extremumLines(params: ExtremumParams, name: string, inputs: string[], n: number, bits: number): string[] {
  const template = params.which === 'max' ? 'Max' : 'Min';
  const at = operandsAt(params.sources, name, inputs, n);
  const operands = [...at.operands, ...params.constants.map((_, k) => `${name}Constant${k}[i]`)];
  return [
    `    signal ${name}[${n}];`,
    `    component ${name}Pick[${n}];`,
    ...at.tables,
    ...params.constants.map((values, k) => `    var ${name}Constant${k}[${n}] = [${values.join(', ')}];`),
    `    for (var i = 0; i < ${n}; i++) {`,
    `        ${name}Pick[i] = ${template}(${operands.length}, ${bits});`,
    ...operands.map((operand, j) => `        ${name}Pick[i].x[${j}] <== ${operand};`),
    `        ${name}[i] <== ${name}Pick[i].out;`,
    `    }`,
  ];
}

/** A sum is one linear constraint and a range check; a mean is the knowledge-base AvgPool1D over the group. */
export function reduceLines(params: ReduceParams, name: string, x: string, bits: number): string[] {
  const half = 1n << BigInt(bits - 1);
  const n = params.groups.length;
  const lines = [`    signal ${name}[${n}];`];
  if (!params.mean) lines.push(`    component ${name}Range[${n}];`);
  params.groups.forEach((group, k) => {
    if (params.mean) {
      const pool = `${name}Mean${k}`;
      lines.push(`    component ${pool} = AvgPool1D(${group.length}, ${group.length}, ${bits});`);
      group.forEach((index, j) => lines.push(`    ${pool}.x[${j}] <== ${x}[${index}];`));
      lines.push(`    ${name}[${k}] <== ${pool}.out[0];`);
    } else {
      lines.push(
        `    ${name}[${k}] <== ${group.map((index) => `${x}[${index}]`).join(' + ')};`,
        `    ${name}Range[${k}] = RangeCheck(${bits});`,
        `    ${name}Range[${k}].x <== ${name}[${k}] + ${half};`,
      );
    }
  });
  return lines;
}

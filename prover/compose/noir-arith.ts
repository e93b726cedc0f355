import type { AbsParams, ExtremumParams, ReduceParams, SumParams } from '../quantize/types.js';

/** Noir lines for Sub / Neg / Sum, Abs, Max / Min and ReduceSum / ReduceMean; `name` is the array written. */

export function sumLines(params: SumParams, name: string, inputs: string[], n: number, bits: number, globals: string[]): string[] {
  const half = 1n << BigInt(bits - 1);
  const constant = `${name.toUpperCase()}_CONSTANT`;
  if (params.constant) globals.push(`global ${constant}: [Field; ${n}] = [${params.constant.join(', ')}];`);
  const terms = inputs.map((x, k) => `${params.signs[k] < 0n ? '-' : '+'} ${x}[i]`).join(' ');
  return [
    `    let mut ${name}: [Field; ${n}] = [0; ${n}];`,
    `    for i in 0..${n} {`,
    `        ${name}[i] = ${params.constant ? `${constant}[i]` : '0'} ${terms};`,
    `        let _ = range_check::range_check::<${bits}>(${name}[i] + ${half});`,
    '    }',
  ];
}

export function absLines(_params: AbsParams, name: string, x: string, n: number, bits: number): string[] {
  const half = 1n << BigInt(bits - 1);
  return [
    `    let mut ${name}: [Field; ${n}] = [0; ${n}];`,
    `    for i in 0..${n} {`,
    `        ${name}[i] = abs_signed::abs_signed::<${bits}>(${x}[i]);`,
    `        let _ = range_check::range_check::<${bits}>(${name}[i] + ${half});`,
    '    }',
  ];
}

export function extremumLines(params: ExtremumParams, name: string, inputs: string[], n: number, bits: number, globals: string[]): string[] {
  const constants = params.constants.map((values, k) => {
    const global = `${name.toUpperCase()}_CONSTANT${k}`;
    globals.push(`global ${global}: [Field; ${n}] = [${values.join(', ')}];`);
    return `${global}[i]`;
  });
  const operands = [...inputs.map((x) => `${x}[i]`), ...constants];
  const call = params.which === 'max' ? 'max::row_max' : 'min::row_min';
  return [
    `    let mut ${name}: [Field; ${n}] = [0; ${n}];`,
    `    for i in 0..${n} {`,
    `        ${name}[i] = ${call}::<${operands.length}, ${bits}>([${operands.join(', ')}]);`,
    '    }',
  ];
}

export function reduceLines(params: ReduceParams, name: string, x: string, bits: number): string[] {
  const half = 1n << BigInt(bits - 1);
  const n = params.groups.length;
  const lines = [`    let mut ${name}: [Field; ${n}] = [0; ${n}];`];
  params.groups.forEach((group, k) => {
    const elements = group.map((index) => `${x}[${index}]`);
    if (params.mean) {
      lines.push(`    ${name}[${k}] = average_pool::avg_pool_1d::<${group.length}, ${group.length}, 1, ${bits}>([${elements.join(', ')}])[0];`);
    } else {
      lines.push(`    ${name}[${k}] = ${elements.join(' + ')};`, `    let _ = range_check::range_check::<${bits}>(${name}[${k}] + ${half});`);
    }
  });
  return lines;
}

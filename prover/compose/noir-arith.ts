import type { AbsParams, ExtremumParams, ReduceParams, SumParams } from '../quantize/types.js';

/** Noir lines for Sub / Neg / Sum, Abs, Max / Min and ReduceSum / ReduceMean; `name` is the array written. */

/** Each input's element for output i (a global table of sources when it is broadcast). */
function operandsAt(sources: (number[] | null)[] | undefined, name: string, inputs: string[], n: number, globals: string[]): string[] {
  return inputs.map((x, k) => {
    const source = sources?.[k];
    if (!source) return `${x}[i]`;
    const table = `${name.toUpperCase()}_SOURCE${k}`;
    globals.push(`global ${table}: [u32; ${n}] = [${source.join(', ')}];`);
    return `${x}[${table}[i]]`;
  });
}

export function sumLines(params: SumParams, name: string, inputs: string[], n: number, bits: number, globals: string[]): string[] {
  const half = 1n << BigInt(bits - 1);
  const constant = `${name.toUpperCase()}_CONSTANT`;
  if (params.constant) globals.push(`global ${constant}: [Field; ${n}] = [${params.constant.join(', ')}];`);
  const terms = operandsAt(params.sources, name, inputs, n, globals).map((x, k) => `${params.signs[k] < 0n ? '-' : '+'} ${x}`).join(' ');
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
  const operands = [...operandsAt(params.sources, name, inputs, n, globals), ...constants];
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

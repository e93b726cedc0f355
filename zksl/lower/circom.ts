/**
 * Lowering to a readable Circom 2 template: signals named after sketch variables, every hint a `<--`
 * followed by its checks, products as `<==`, range checks as inline bit decompositions and lookups
 * as one-hot selections over a constant `var` table. Parameters are fixed at lowering time.
 */
import { formatLocation } from '../core/location.js';
import type { Value } from '../core/run.js';
import type { Params, Sketch } from '../core/sketch.js';
import type { Constraint } from '../core/circuit.js';
import { atom, buildForLowering, collectTables, linear, printHint, type Reference, locationComment, commentText, sketchLine } from './common.js';
import { sanitize, variableNames, type SketchSource } from './common.js';
import type { LoweredCircuit, LowerOptions } from './common.js';

export function lowerToCircom(sketch: Sketch, options: LowerOptions = {}): LoweredCircuit {
  const { built, counts } = buildForLowering(sketch, options.params);
  const { circuit } = built;
  const names = variableNames(built, { source: options.source, elementNames: 'indexed' });
  const ref: Reference = (v) => names[v];
  const lc = (s: Parameters<typeof linear>[0]): string => linear(s, ref);
  const outputVars = new Set(built.outputs.flatMap((o) => o.vars));
  const claimed = options.checkOutputs ? outputVars : new Set<number>();
  const template = sanitize(sketch.name);
  const body: string[] = [];
  // the sketch line of each body line (the source map)
  const origin: number[] = [];
  let current = 0;
  const emit = (line = ''): number => (origin.push(current), body.push(line ? `    ${line}` : ''));

  for (const input of built.inputs) emit(`signal input ${input.name}${dims(input.shape)};`);
  for (const output of built.outputs) emit(`signal ${options.checkOutputs ? 'input' : 'output'} ${output.name}${dims(output.shape)};`);
  const tables = collectTables(circuit.steps.flatMap((s) => (s.kind === 'hint' ? [s.expr] : [])));
  for (const c of circuit.constraints) if (c.kind === 'lookup') tables.set(c.table.name, c.table.values);
  for (const [name, values] of tables) emit(`var T_${name}[${values.length}] = [${values.join(', ')}];`);

  let lastLocation = '';
  let helper = 0;
  for (const step of circuit.steps) {
    const at = step.kind === 'constraint' ? step.constraint.location : circuit.vars[step.var].location;
    const location = formatLocation(at);
    current = sketchLine(at);
    if (location !== lastLocation) {
      emit();
      emit(locationComment(location));
      lastLocation = location;
    }
    switch (step.kind) {
      case 'hint': {
        if (claimed.has(step.var)) {
          emit(`// ${names[step.var]} is a claimed output here, not computed`);
          break;
        }
        if (!outputVars.has(step.var)) emit(`signal ${names[step.var]};`);
        emit(`${names[step.var]} <-- ${printHint(step.expr, circomHint(lc))};`);
        break;
      }
      case 'product': {
        if (!outputVars.has(step.var)) emit(`signal ${names[step.var]};`);
        const product = `${atom(lc(step.a))} * ${atom(lc(step.b))}`;
        emit(claimed.has(step.var) ? `${product} === ${names[step.var]};` : `${names[step.var]} <== ${product};`);
        break;
      }
      case 'constraint':
        for (const line of constraintLines(step.constraint, { lc, claimed, helper: helper++ })) emit(line);
        break;
      default:
        step satisfies never;
    }
  }
  const publicInputs = built.inputs.filter((i) => i.public).map((i) => i.name);
  const header = [
    'pragma circom 2.1.0;',
    '',
    `// ${commentText(sketch.name)}, lowered from a ZKSL sketch (${describeParams(built.params)}). Edit the sketch, not this file.`,
    `template ${template}() {`,
  ];
  const main = `component main${publicInputs.length ? ` {public [${publicInputs.join(', ')}]}` : ''} = ${template}();`;
  const source = [...header, ...body, '}', '', main, ''].join('\n');
  const sourceLines = [...header.map(() => 0), ...origin, 0, 0, 0, 0];
  return {
    lang: 'circom',
    name: template,
    files: { 'main.circom': source },
    entry: 'main.circom',
    publicInputs,
    inputNames: built.inputs.map((i) => i.name),
    outputNames: options.checkOutputs ? [] : built.outputs.map((o) => o.name),
    counts,
    sourceLines: { 'main.circom': sourceLines },
  };
}

function dims(shape: number[]): string {
  return shape.map((d) => `[${d}]`).join('');
}

export function describeParams(params: Params): string {
  const entries = Object.entries(params);
  return entries.length ? entries.map(([k, v]) => `${k} = ${v}`).join(', ') : 'no parameters';
}

function constraintLines(c: Constraint, context: { lc: (s: Parameters<typeof linear>[0]) => string; claimed: Set<number>; helper: number }): string[] {
  const { lc } = context;
  const k = context.helper;
  switch (c.kind) {
    case 'quadratic': {
      if (c.role === 'output' && !context.claimed.has(c.b.asVariable() ?? -1)) return [`${lc(c.b)} <== ${lc(c.c)};`];
      if (c.a.isConstant() && c.a.constant === 1n) return [`${lc(c.b)} === ${lc(c.c)};`];
      return [`${atom(lc(c.a))} * ${atom(lc(c.b))} === ${lc(c.c)}; // ${commentText(c.label)}`];
    }
    case 'range': {
      const x = atom(lc(c.x));
      return [
        `// ${commentText(c.label)}: 0 <= ${x} < 2^${c.bits}`,
        `signal rc${k}[${c.bits}];`,
        `var rc${k}_sum = 0;`,
        `for (var i = 0; i < ${c.bits}; i++) {`,
        `    rc${k}[i] <-- (${x} >> i) & 1;`,
        `    rc${k}[i] * (rc${k}[i] - 1) === 0;`,
        `    rc${k}_sum += rc${k}[i] * (1 << i);`,
        '}',
        `rc${k}_sum === ${x};`,
      ];
    }
    case 'lookup': {
      const [x, y, size, table] = [atom(lc(c.x)), atom(lc(c.y)), c.table.values.length, `T_${c.table.name}`];
      return [
        `// ${commentText(c.label)}: (${x}, ${y}) in ${table}, by one-hot selection`,
        `signal lk${k}[${size}];`,
        `var lk${k}_count = 0;`,
        `var lk${k}_index = 0;`,
        `var lk${k}_value = 0;`,
        `for (var i = 0; i < ${size}; i++) {`,
        `    lk${k}[i] <-- ${x} == i ? 1 : 0;`,
        `    lk${k}[i] * (lk${k}[i] - 1) === 0;`,
        `    lk${k}_count += lk${k}[i];`,
        `    lk${k}_index += i * lk${k}[i];`,
        `    lk${k}_value += ${table}[i] * lk${k}[i];`,
        '}',
        `lk${k}_count === 1;`,
        `lk${k}_index === ${x};`,
        `lk${k}_value === ${y};`,
      ];
    }
    default:
      return c satisfies never;
  }
}

function circomHint(lc: (s: Parameters<typeof linear>[0]) => string): Parameters<typeof printHint>[1] {
  return {
    leaf: (signal) => lc(signal),
    node: (expr, [a, b, c]) => {
      switch (expr.op) {
        case 'add':
          return `${a} + ${b}`;
        case 'sub':
          return `${a} - ${b}`;
        case 'mul':
          return `${a} * ${b}`;
        case 'div':
          return `${a} \\ ${b}`;
        case 'mod':
          return `${a} % ${b}`;
        case 'shr':
          return `${a} >> ${b}`;
        case 'bit':
          return `(${a} >> ${b}) & 1`;
        case 'lt':
          return `${a} < ${b} ? 1 : 0`;
        case 'inv':
          return `${a} != 0 ? 1 / ${a} : 0`;
        case 'isZero':
          return `${a} == 0 ? 1 : 0`;
        case 'select':
          return `${a} != 0 ? ${b} : ${c}`;
        case 'table':
          return `T_${expr.table.name}[${a}]`;
        default:
          return expr satisfies never;
      }
    },
  };
}

export type { SketchSource, Value };

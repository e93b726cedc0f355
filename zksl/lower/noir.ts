/**
 * Lowering to a Noir program: `main` with typed arguments, each hint an `unconstrained fn` called in
 * `unsafe {}` under a `// Safety:` comment and followed by its asserts, range checks as
 * `assert_max_bit_size`, lookups as constant global arrays indexed by range-checked witnesses.
 */
import type { Constraint } from '../core/circuit.js';
import type { HintExpr } from '../core/hint.js';
import { formatLocation } from '../core/location.js';
import type { Sketch } from '../core/sketch.js';
import { scalarOf, type ScalarType, type SignalType } from '../core/types.js';
import { bitsFor } from '../core/field.js';
import { describeParams } from './circom.js';
import { atom, buildForLowering, collectTables, linear, printHint, type HintPrinter, locationComment, commentText, sketchLine } from './common.js';
import { sanitize, variableNames } from './common.js';
import type { LoweredCircuit, LowerOptions } from './common.js';

const NATIVE_UINT = new Set([8, 16, 32, 64]);

/** Noir type of an input: bool and uN where native, Field otherwise (checked by the sketch's constraints). */
function noirScalar(type: ScalarType): string {
  if (type.kind === 'bool') return 'bool';
  if (type.kind === 'uint' && NATIVE_UINT.has(type.bits)) return `u${type.bits}`;
  return 'Field';
}

function noirType(type: SignalType, scalar: (t: ScalarType) => string): string {
  const { scalar: base, shape } = scalarOf(type);
  return shape.reduceRight((inner, d) => `[${inner}; ${d}]`, scalar(base));
}

export function lowerToNoir(sketch: Sketch, options: LowerOptions = {}): LoweredCircuit {
  const { built, counts } = buildForLowering(sketch, options.params);
  const { circuit } = built;
  const check = options.checkOutputs ?? false;
  const names = variableNames(built, { source: options.source, elementNames: check ? 'indexed' : 'flat' });
  const nativeInputs = new Map<number, boolean>();
  for (const input of built.inputs) for (const v of input.vars) nativeInputs.set(v, noirScalar(input.scalar) !== 'Field');
  const lc = (s: Parameters<typeof linear>[0]): string => linear(s, (v) => (nativeInputs.get(v) ? `(${names[v]} as Field)` : names[v]));
  const outputVars = new Set(built.outputs.flatMap((o) => o.vars));
  const hints = new Map<string, string>();
  const body: string[] = [];
  // the sketch line of each body line (the source map)
  const origin: number[] = [];
  let current = 0;
  const emit = (line = ''): number => (origin.push(current), body.push(line ? `    ${line}` : ''));

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
        if (check && outputVars.has(step.var)) {
          emit(`// ${names[step.var]} is a claimed output here, not computed`);
          break;
        }
        const { name, args } = hintFunction(step.expr, { hints, lc });
        emit(`// Safety: ${names[step.var]} is only trusted through the constraints that follow`);
        emit(`let ${names[step.var]} = unsafe { ${name}(${args.join(', ')}) };`);
        break;
      }
      case 'product': {
        const product = `${atom(lc(step.a))} * ${atom(lc(step.b))}`;
        if (check && outputVars.has(step.var)) {
          emit(`assert(${product} == ${names[step.var]});`);
        } else {
          // A witness of its own keeps the product out of wider opcodes (see compiler-harness/noir/BB-SOUNDNESS.md).
          emit(`let ${names[step.var]} = ${product};`);
          emit(`std::as_witness(${names[step.var]});`);
        }
        break;
      }
      case 'constraint':
        for (const line of constraintLines(step.constraint, { lc, names, check, helper: helper++ })) emit(line);
        break;
      default:
        step satisfies never;
    }
  }

  const tables = collectTables(circuit.steps.flatMap((s) => (s.kind === 'hint' ? [s.expr] : [])));
  for (const c of circuit.constraints) if (c.kind === 'lookup') tables.set(c.table.name, c.table.values);
  const parameters = built.inputs.map((i) => `${i.name}: ${i.public ? 'pub ' : ''}${noirType(i.type, noirScalar)}`);
  if (check) parameters.push(...built.outputs.map((o) => `${o.name}: pub ${noirType(o.type, () => 'Field')}`));
  const returned = built.outputs.map((o) => {
    const flat = o.vars.map((v) => names[v]);
    return o.shape.length ? nestText(flat, o.shape) : flat[0];
  });
  const returnTypes = built.outputs.map((o) => noirType(o.type, () => 'Field'));
  const signature = check || returned.length === 0 ? '' : ` -> pub ${returned.length === 1 ? returnTypes[0] : `(${returnTypes.join(', ')})`}`;
  current = 0;
  if (!check && returned.length) emit(returned.length === 1 ? returned[0] : `(${returned.join(', ')})`);
  const prelude = [
    `// ${commentText(sketch.name)}, lowered from a ZKSL sketch (${describeParams(built.params)}). Edit the sketch, not this file.`,
    ...[...tables].map(([name, values]) => `global T_${name}: [Field; ${values.length}] = [${values.join(', ')}];`),
    '',
    ...hints.values(),
    `fn main(${parameters.join(', ')})${signature} {`,
  ].join('\n');
  const source = [prelude, ...body, '}', ''].join('\n');
  const sourceLines = [...prelude.split('\n').map(() => 0), ...origin, 0, 0];
  const name = sanitize(sketch.name).toLowerCase();
  return {
    lang: 'noir',
    name,
    files: { 'src/main.nr': source, 'Nargo.toml': noirManifest(name) },
    entry: 'src/main.nr',
    publicInputs: built.inputs.filter((i) => i.public).map((i) => i.name),
    inputNames: built.inputs.map((i) => i.name),
    outputNames: check ? [] : built.outputs.map((o) => o.name),
    counts,
    sourceLines: { 'src/main.nr': sourceLines },
  };
}

function nestText(flat: string[], shape: number[]): string {
  if (shape.length === 0) return flat[0];
  const [head, ...rest] = shape;
  const size = rest.reduce((a, b) => a * b, 1);
  return `[${Array.from({ length: head }, (_, i) => nestText(flat.slice(i * size, (i + 1) * size), rest)).join(', ')}]`;
}

/** One unconstrained fn per distinct hint shape; leaves (signals and constants) become parameters. */
function hintFunction(expr: HintExpr, context: { hints: Map<string, string>; lc: (s: Parameters<typeof linear>[0]) => string }): { name: string; args: string[] } {
  const args: string[] = [];
  const printer: HintPrinter = {
    leaf: (signal) => {
      args.push(context.lc(signal));
      return `x${args.length - 1}`;
    },
    node: noirHintNode,
  };
  const bodyText = printHint(expr, printer);
  const key = `${args.length}:${bodyText}`;
  let fn = context.hints.get(key);
  const name = fn ? /fn (\w+)/.exec(fn)![1] : `hint_${expr.op}_${context.hints.size}`;
  if (!fn) {
    const params = args.map((_, i) => `x${i}: Field`).join(', ');
    fn = `unconstrained fn ${name}(${params}) -> Field {\n    ${bodyText}\n}\n`;
    context.hints.set(key, fn);
  }
  return { name, args };
}

function noirHintNode(expr: Exclude<HintExpr, { op: 'leaf' }>, [a, b, c]: string[]): string {
  const u = (x: string): string => `(${x} as u128)`;
  switch (expr.op) {
    case 'add':
      return `${a} + ${b}`;
    case 'sub':
      return `${a} - ${b}`;
    case 'mul':
      return `${a} * ${b}`;
    case 'div':
      return `(${u(a)} / ${u(b)}) as Field`;
    case 'mod':
      return `(${u(a)} % ${u(b)}) as Field`;
    case 'shr':
      return `(${u(a)} >> (${b} as u8)) as Field`;
    case 'bit':
      return `((${u(a)} >> (${b} as u8)) & 1) as Field`;
    case 'lt':
      return `if ${u(a)} < ${u(b)} { 1 } else { 0 }`;
    case 'inv':
      return `if ${a} == 0 { 0 } else { 1 / ${a} }`;
    case 'isZero':
      return `if ${a} == 0 { 1 } else { 0 }`;
    case 'select':
      return `if ${a} != 0 { ${b} } else { ${c} }`;
    case 'table':
      return `T_${expr.table.name}[${a} as u32]`;
    default:
      return expr satisfies never;
  }
}

function constraintLines(c: Constraint, context: { lc: (s: Parameters<typeof linear>[0]) => string; names: string[]; check: boolean; helper: number }): string[] {
  const { lc } = context;
  const label = commentText(c.label).replace(/["\\]/g, '');
  switch (c.kind) {
    case 'quadratic': {
      if (c.role === 'output' && !context.check) return [`let ${context.names[c.b.asVariable()!]} = ${lc(c.c)};`];
      if (c.a.isConstant() && c.a.constant === 1n) return [`assert(${lc(c.b)} == ${lc(c.c)}, "${label}");`];
      // The product gets a witness of its own: `a * b == c` with three terms in c is an opcode
      // shape bb.js 0.86 does not enforce (compiler-harness/noir/BB-SOUNDNESS.md).
      if (c.c.isConstant()) return [`assert(${atom(lc(c.a))} * ${atom(lc(c.b))} == ${lc(c.c)}, "${label}");`];
      const product = `qp${context.helper}`;
      return [`let ${product} = ${atom(lc(c.a))} * ${atom(lc(c.b))};`, `std::as_witness(${product});`, `assert(${product} == ${lc(c.c)}, "${label}");`];
    }
    case 'range': {
      const x = lc(c.x);
      if (/^\w+$/.test(x)) return [`${x}.assert_max_bit_size::<${c.bits}>(); // ${label}`];
      const name = `rc${context.helper}`;
      return [`let ${name} = ${x};`, `${name}.assert_max_bit_size::<${c.bits}>(); // ${label}`];
    }
    case 'lookup': {
      const name = `lk${context.helper}`;
      return [
        `let ${name} = ${lc(c.x)};`,
        `${name}.assert_max_bit_size::<${bitsFor(c.table.values.length)}>(); // makes the u32 index exact`,
        `assert(${lc(c.y)} == T_${c.table.name}[${name} as u32], "${label}");`,
      ];
    }
    default:
      return c satisfies never;
  }
}

/** The Nargo manifest of a lowered program: a binary package without dependencies. `name` is an identifier. */
export function noirManifest(name: string): string {
  return `[package]\nname = "${name}"\ntype = "bin"\nauthors = [""]\n\n[dependencies]\n`;
}

/**
 * `sketch(...)`: a circuit definition with parameters, typed inputs and outputs, and a body that
 * builds constraints. `buildCircuit` runs the body once in a fresh `Circuit`; the runners in
 * `run.ts` call it in witness, constraint or forge configuration.
 */
import { Circuit, type CircuitOptions } from './circuit.js';
import { inputToField } from './field.js';
import { setSignalHost, Signal, type Val } from './signal.js';
import { inputSpec, scalarOf, type InputSpec, type ScalarType, type SignalType } from './types.js';
import { assertType } from './hint.js';

export type Params = Record<string, number>;

/** Signal tree for a type: a Signal for scalars, nested arrays for Arr/Tensor. */
export type ValueOf<T> = [T] extends [{ kind: 'array'; of: infer O }] ? ValueOf<O>[] : Signal;
/** What a body may return for an output of type T (constants allowed). */
export type OutputOf<T> = [T] extends [{ kind: 'array'; of: infer O }] ? OutputOf<O>[] : Val;
type Unwrap<S> = S extends InputSpec<infer T> ? T : S;
export type InputsOf<I> = { [K in keyof I]: ValueOf<Unwrap<I[K]>> };
export type OutputsOf<O> = { [K in keyof O]: OutputOf<O[K]> };

export interface SketchDefinition<P extends Params, I, O> {
  name: string;
  /** Default parameter values; callers may override any of them. */
  params: P;
  // method syntax on purpose: a specific sketch must be usable where any Sketch is expected
  inputs(params: P): I;
  outputs(params: P): O;
  body(inputs: InputsOf<I>, params: P): OutputsOf<O>;
  description?: string;
}

export interface Sketch<P extends Params = Params, I = Record<string, SignalType | InputSpec>, O = Record<string, SignalType>>
  extends SketchDefinition<P, I, O> {
  readonly kind: 'zksl-sketch';
}

/**
 * Define a sketch. Example:
 * `export default sketch({ name: 'Square', params: {}, inputs: () => ({ x: Field }), outputs: () => ({ y: Field }), body: ({ x }) => ({ y: x.mul(x) }) })`.
 */
export function sketch<P extends Params, I extends Record<string, SignalType | InputSpec>, O extends Record<string, SignalType>>(
  definition: SketchDefinition<P, I, O>,
): Sketch<P, I, O> {
  return { ...definition, kind: 'zksl-sketch' };
}

export interface InputBinding {
  name: string;
  type: SignalType;
  scalar: ScalarType;
  public: boolean;
  shape: number[];
  /** Flattened variable indices, row-major. */
  vars: number[];
}

export interface OutputBinding {
  name: string;
  type: SignalType;
  scalar: ScalarType;
  shape: number[];
  vars: number[];
}

export interface Built {
  circuit: Circuit;
  params: Params;
  inputs: InputBinding[];
  outputs: OutputBinding[];
}

export class InputError extends Error {}

/** Run the body once. Throws ConstraintViolation / HintFailure / InputError in witness mode. */
export function buildCircuit(
  sketch: Sketch,
  options: CircuitOptions & { params?: Params; inputs?: Record<string, unknown> },
): Built {
  const unknown = Object.keys(options.params ?? {}).filter((k) => !(k in sketch.params));
  if (unknown.length) {
    const quoted = unknown.map((k) => `'${k}'`).join(', ');
    throw new InputError(`unknown parameter ${quoted} (${sketch.name} takes ${Object.keys(sketch.params).join(', ') || 'none'})`);
  }
  const params = { ...sketch.params, ...(options.params ?? {}) };
  const declared = sketch.inputs(params);
  if (options.mode === 'witness') checkInputNames(sketch.name, Object.keys(declared), options.inputs ?? {});
  const circuit = new Circuit(options);
  const previous = setSignalHost(circuit);
  try {
    const inputs: InputBinding[] = [];
    const bodyInputs: Record<string, unknown> = {};
    circuit.unlocated = true;
    for (const [name, type] of Object.entries(declared)) {
      const spec = inputSpec(type);
      const { scalar, shape } = scalarOf(spec.type);
      const raw = options.mode === 'witness' ? flattenInput(name, options.inputs?.[name], shape) : undefined;
      const vars = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) =>
        circuit.newVar({ origin: 'input', label: shape.length ? `${name}[${i}]` : name }, () => raw?.[i]),
      );
      const signals = vars.map((v) => Signal.variable(v));
      // declared input types are checked: a UInt(8) input of 300 is refused, not wrapped
      circuit.checkingInput = name;
      for (const s of signals) assertType(s, scalar, { role: 'logic', label: `input ${name}` });
      circuit.checkingInput = undefined;
      bodyInputs[name] = nest(signals, shape);
      inputs.push({ name, type: spec.type, scalar, public: spec.public, shape, vars });
    }
    circuit.unlocated = false;
    const returned = sketch.body(bodyInputs as never, params) as Record<string, unknown>;
    const outputs: OutputBinding[] = [];
    const used = new Set<number>();
    for (const [name, type] of Object.entries(sketch.outputs(params))) {
      const { scalar, shape } = scalarOf(type);
      const values = flattenOutput(name, returned?.[name], shape);
      const vars = values.map((value, i) => bindOutput(circuit, { value, used, label: shape.length ? `${name}[${i}]` : name }));
      outputs.push({ name, type, scalar, shape, vars });
    }
    return { circuit, params, inputs, outputs };
  } finally {
    setSignalHost(previous);
  }
}

function bindOutput(circuit: Circuit, o: { value: Val; used: Set<number>; label: string }): number {
  const signal = Signal.from(o.value);
  const direct = signal.asVariable();
  // a hint or product becomes the output itself, so a forged output re-runs every check on it
  if (direct !== undefined && !o.used.has(direct) && circuit.vars[direct].origin !== 'input') {
    o.used.add(direct);
    return direct;
  }
  const index = circuit.newVar({ origin: 'output', label: o.label }, () => circuit.evaluate(signal));
  o.used.add(index);
  circuit.assertQuadratic(Signal.from(1), Signal.variable(index), signal, `output ${o.label}`, 'output');
  return index;
}

/**
 * A misspelt input name is refused and named: silently ignoring it would let a reject vector with
 * a typo "pass", and report the real input as missing instead of the misspelling.
 */
function checkInputNames(sketchName: string, names: string[], inputs: Record<string, unknown>): void {
  const given = Object.keys(inputs);
  const unknown = given.filter((k) => !names.includes(k));
  const missing = names.filter((k) => inputs[k] === undefined);
  const takes = `${sketchName}'s inputs are ${names.join(', ') || 'none'}`;
  const quote = (list: string[]): string => list.map((k) => `'${k}'`).join(', ');
  if (unknown.length) {
    const alsoMissing = missing.length ? `; missing ${quote(missing)}` : '';
    throw new InputError(`unknown input${unknown.length > 1 ? 's' : ''} ${quote(unknown)} (${takes}${alsoMissing})`);
  }
  if (missing.length) throw new InputError(`missing input${missing.length > 1 ? 's' : ''} ${quote(missing)} (${takes})`);
}

function flattenInput(name: string, value: unknown, shape: number[]): bigint[] {
  const out: bigint[] = [];
  const walk = (v: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      try {
        out.push(inputToField(v));
      } catch (error) {
        throw new InputError(`input ${path}: ${(error as Error).message}`);
      }
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new InputError(`input ${path}: expected an array of length ${shape[depth]}`);
    }
    v.forEach((item, i) => walk(item, depth + 1, `${path}[${i}]`));
  };
  walk(value, 0, name);
  return out;
}

function flattenOutput(name: string, value: unknown, shape: number[]): Val[] {
  const out: Val[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (v instanceof Signal || typeof v === 'bigint' || typeof v === 'number') out.push(v);
      else throw new Error(`sketch body: output '${name}' must be a Signal or a constant, got ${typeof v}`);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new Error(`sketch body: output '${name}' must be an array of length ${shape[depth]}`);
    }
    for (const item of v) walk(item, depth + 1);
  };
  walk(value, 0);
  return out;
}

/** Rebuild nested arrays from a flat row-major list. */
export function nest<T>(flat: T[], shape: number[]): unknown {
  if (shape.length === 0) return flat[0];
  const [head, ...rest] = shape;
  const size = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: head }, (_, i) => nest(flat.slice(i * size, (i + 1) * size), rest));
}

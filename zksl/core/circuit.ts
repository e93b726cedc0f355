/**
 * The circuit being built by one run of a sketch body. The same object serves both modes: in
 * constraint mode values stay undefined and hints are not run; in witness mode every variable gets a
 * value as it is created and every constraint is checked the moment it is recorded, so the first
 * violation is reported with the sketch line that created it.
 */
import { mod, P } from './field.js';
import { evaluateHint, HintError, type HintExpr, type Table } from './hint.js';
import { captureTrace, defineLazyLocation, formatLocation, type Location } from './location.js';
import { Signal, type SignalHost } from './signal.js';

export type Mode = 'witness' | 'constraints';
export type VarOrigin = 'input' | 'hint' | 'product' | 'output';
/** Why a constraint exists: a type check of one new variable, an output binding, or sketch logic. */
export type ConstraintRole = 'check' | 'output' | 'logic';

export interface VarInfo {
  index: number;
  origin: VarOrigin;
  /** Explicit label from the sketch or gadget (e.g. 'quotient'), if any. */
  label?: string;
  location?: Location;
}

interface ConstraintBase {
  id: number;
  label: string;
  role: ConstraintRole;
  /** For role 'check': the variable being checked. */
  owner?: number;
  /** The declared input whose type check this is (the runner's input checks), so a refusal can name it. */
  input?: string;
  location?: Location;
}

export type Constraint =
  | (ConstraintBase & { kind: 'quadratic'; a: Signal; b: Signal; c: Signal; defines?: number })
  | (ConstraintBase & { kind: 'range'; x: Signal; bits: number })
  | (ConstraintBase & { kind: 'lookup'; table: Table; x: Signal; y: Signal });

/** The program in creation order; lowering replays it. */
export type Step =
  | { kind: 'hint'; var: number; expr: HintExpr }
  | { kind: 'product'; var: number; a: Signal; b: Signal; constraint: Constraint }
  | { kind: 'constraint'; constraint: Constraint };

export class ConstraintViolation extends Error {
  constructor(
    readonly constraint: Constraint,
    detail: string,
  ) {
    super(`constraint '${constraint.label}' violated at ${formatLocation(constraint.location)}: ${detail}`);
  }
}

export class HintFailure extends Error {
  constructor(
    readonly location: Location | undefined,
    message: string,
  ) {
    super(`hint failed at ${formatLocation(location)}: ${message}`);
  }
}

export interface CircuitOptions {
  mode: Mode;
  /** Forge mode: variable index → value to use instead of the computed one. */
  overrides?: ReadonlyMap<number, bigint>;
  /** Forge mode: honest values to fall back on when a re-run hint cannot compute. */
  fallback?: readonly (bigint | undefined)[];
}

export class Circuit implements SignalHost {
  readonly vars: VarInfo[] = [];
  readonly values: (bigint | undefined)[] = [];
  readonly constraints: Constraint[] = [];
  readonly steps: Step[] = [];

  /** While true, new variables and constraints get no source location (the runner's input checks). */
  unlocated = false;

  /** While set, the runner is checking this declared input's type: constraints record its name. */
  checkingInput: string | undefined;

  constructor(readonly options: CircuitOptions) {}

  /** Attach the sketch location of the current call to a new variable or constraint. */
  private locate<T extends object>(target: T): T {
    defineLazyLocation(target, this.unlocated ? undefined : captureTrace());
    return target;
  }

  get mode(): Mode {
    return this.options.mode;
  }

  newVar(info: Omit<VarInfo, 'index' | 'location'>, compute: () => bigint | undefined): number {
    const index = this.vars.length;
    this.vars.push(this.locate({ ...info, index }));
    const override = this.options.overrides?.get(index);
    this.values.push(override ?? (this.mode === 'witness' ? compute() : undefined));
    return index;
  }

  /** Value of a linear combination, undefined in constraint mode. */
  evaluate(signal: Signal): bigint | undefined {
    let total = signal.constant;
    for (const [index, coefficient] of signal.terms) {
      const v = this.values[index];
      if (v === undefined) return undefined;
      total += coefficient * v;
    }
    return mod(total);
  }

  valueOf(signal: Signal): bigint {
    const v = this.evaluate(signal);
    if (v === undefined) {
      throw new Error('ZKSL: .value() has no value in constraint mode; read values only inside hints');
    }
    return v;
  }

  hint(expr: HintExpr, label?: string): Signal {
    const index = this.newVar({ origin: 'hint', label }, () => {
      try {
        return evaluateHint(expr, (s) => this.valueOf(s));
      } catch (error) {
        const fallback = this.options.fallback?.[this.vars.length - 1];
        if (fallback !== undefined) return fallback;
        if (error instanceof HintError) throw new HintFailure(this.vars.at(-1)?.location, error.message);
        throw error;
      }
    });
    this.steps.push({ kind: 'hint', var: index, expr });
    return Signal.variable(index);
  }

  product(a: Signal, b: Signal): Signal {
    const index = this.newVar({ origin: 'product' }, () => {
      const x = this.evaluate(a);
      const y = this.evaluate(b);
      return x === undefined || y === undefined ? undefined : mod(x * y);
    });
    const constraint = this.record({ kind: 'quadratic', a, b, c: Signal.variable(index), defines: index, label: 'product', role: 'logic' });
    this.steps.push({ kind: 'product', var: index, a, b, constraint });
    this.check(constraint);
    return Signal.variable(index);
  }

  assertQuadratic(a: Signal, b: Signal, c: Signal, label: string, role: ConstraintRole = 'logic', owner?: number): void {
    this.add({ kind: 'quadratic', a, b, c, label, role, owner });
  }

  assertRange(x: Signal, bits: number, label: string, role: ConstraintRole = 'logic', owner?: number): void {
    this.add({ kind: 'range', x, bits, label, role, owner });
  }

  assertLookup(table: Table, x: Signal, y: Signal, label: string): void {
    this.add({ kind: 'lookup', table, x, y, label, role: 'logic' });
  }

  private add(fields: DistributiveOmit<Constraint, 'id' | 'location'>): void {
    const constraint = this.record(fields);
    this.steps.push({ kind: 'constraint', constraint });
    this.check(constraint);
  }

  private record(fields: DistributiveOmit<Constraint, 'id' | 'location'>): Constraint {
    const input = this.checkingInput === undefined ? {} : { input: this.checkingInput };
    const constraint = this.locate({ ...fields, ...input, id: this.constraints.length }) as Constraint;
    this.constraints.push(constraint);
    return constraint;
  }

  /** Throws ConstraintViolation when the witness breaks the constraint; no-op without values. */
  check(constraint: Constraint): void {
    const failure = this.violation(constraint);
    if (failure) throw new ConstraintViolation(constraint, failure);
  }

  violation(constraint: Constraint): string | undefined {
    switch (constraint.kind) {
      case 'quadratic': {
        const [a, b, c] = [constraint.a, constraint.b, constraint.c].map((s) => this.evaluate(s));
        if (a === undefined || b === undefined || c === undefined) return undefined;
        return mod(a * b) === c ? undefined : `${show(a)} · ${show(b)} ≠ ${show(c)}`;
      }
      case 'range': {
        const x = this.evaluate(constraint.x);
        if (x === undefined) return undefined;
        return x < 1n << BigInt(constraint.bits) ? undefined : `${show(x)} is not below 2^${constraint.bits}`;
      }
      case 'lookup': {
        const x = this.evaluate(constraint.x);
        const y = this.evaluate(constraint.y);
        if (x === undefined || y === undefined) return undefined;
        const size = constraint.table.values.length;
        if (x >= BigInt(size)) return `${show(x)} is outside the domain of table ${constraint.table.name} (size ${size})`;
        const expected = constraint.table.values[Number(x)];
        return expected === y ? undefined : `(${show(x)}, ${show(y)}) is not in table ${constraint.table.name} (expected ${show(expected)})`;
      }
      default:
        return constraint satisfies never;
    }
  }
}

/** Large elements read better as p − k: they are usually small negative numbers. */
function show(value: bigint): string {
  return value > P / 2n ? `p − ${P - value}` : String(value);
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * `Signal`: a linear combination of circuit variables plus a constant. Linear operations fold
 * locally (no constraint); multiplying two non-constant signals asks the active circuit for a new
 * product variable, so every recorded constraint stays quadratic (a·b = c over linear combinations).
 */
import { mod } from './field.js';

/** Anything usable where a signal is expected: a signal or a constant. */
export type Val = Signal | bigint | number;

/** What `Signal` needs from the active circuit; implemented by `Circuit` (kept abstract to avoid an import cycle). */
export interface SignalHost {
  product(a: Signal, b: Signal): Signal;
  assertQuadratic(a: Signal, b: Signal, c: Signal, label: string): void;
  valueOf(signal: Signal): bigint;
}

let host: SignalHost | undefined;

/** Install (or clear) the circuit that receives constraints; the runner does this around a sketch body. */
export function setSignalHost(next: SignalHost | undefined): SignalHost | undefined {
  const previous = host;
  host = next;
  return previous;
}

export function activeHost(): SignalHost {
  if (!host) {
    throw new Error('ZKSL: signal operations that create constraints must run inside a sketch body');
  }
  return host;
}

export class Signal {
  /** Variable index → coefficient (never zero); the caller must not mutate it. */
  readonly terms: ReadonlyMap<number, bigint>;
  readonly constant: bigint;

  constructor(terms: ReadonlyMap<number, bigint>, constant: bigint) {
    this.terms = terms;
    this.constant = mod(constant);
  }

  /** A constant signal. Example: `Signal.from(5)`. */
  static from(value: Val): Signal {
    if (value instanceof Signal) return value;
    if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value))) return new Signal(new Map(), BigInt(value));
    throw new Error(`expected a Signal, a bigint or a safe integer, got ${typeof value === 'number' ? value : typeof value}`);
  }

  static variable(index: number): Signal {
    return new Signal(new Map([[index, 1n]]), 0n);
  }

  isConstant(): boolean {
    return this.terms.size === 0;
  }

  /** The single variable this signal is, when it is exactly `1·v`. */
  asVariable(): number | undefined {
    if (this.terms.size !== 1 || this.constant !== 0n) return undefined;
    const [[index, coefficient]] = [...this.terms];
    return coefficient === 1n ? index : undefined;
  }

  /** x + y. Example: `a.add(1)`. */
  add(other: Val): Signal {
    const o = Signal.from(other);
    const terms = new Map(this.terms);
    for (const [index, coefficient] of o.terms) {
      const sum = mod((terms.get(index) ?? 0n) + coefficient);
      if (sum === 0n) terms.delete(index);
      else terms.set(index, sum);
    }
    return new Signal(terms, this.constant + o.constant);
  }

  /** x − y. Example: `a.sub(b)`. */
  sub(other: Val): Signal {
    return this.add(Signal.from(other).scale(-1n));
  }

  /** −x. Example: `a.neg()`. */
  neg(): Signal {
    return this.scale(-1n);
  }

  /** c·x for a constant c (free: no constraint). Example: `a.scale(256)`. */
  scale(factor: bigint | number): Signal {
    const f = mod(BigInt(factor));
    if (f === 0n) return new Signal(new Map(), 0n);
    const terms = new Map<number, bigint>();
    for (const [index, coefficient] of this.terms) terms.set(index, mod(coefficient * f));
    return new Signal(terms, this.constant * f);
  }

  /** x·y; one quadratic constraint and a new variable unless one side is constant. Example: `a.mul(b)`. */
  mul(other: Val): Signal {
    const o = Signal.from(other);
    // constant fast path: scaling is linear and costs nothing
    if (o.isConstant()) return this.scale(o.constant);
    if (this.isConstant()) return o.scale(this.constant);
    return activeHost().product(this, o);
  }

  /** x². Example: `a.square()`. */
  square(): Signal {
    return this.mul(this);
  }

  /** Assert x = y (one linear constraint). Example: `total.assertEquals(expected)`. */
  assertEquals(other: Val, label = 'assertEquals'): void {
    const difference = this.sub(other);
    if (difference.isConstant() && difference.constant === 0n) return;
    activeHost().assertQuadratic(Signal.from(1), difference, Signal.from(0), label);
  }

  /** Assert x·y = z (one quadratic constraint). Example: `a.assertMul(b, c)`. */
  assertMul(other: Val, product: Val, label = 'assertMul'): void {
    activeHost().assertQuadratic(this, Signal.from(other), Signal.from(product), label);
  }

  /** Assert x ∈ {0, 1}. Example: `flag.assertBool()`. */
  assertBool(label = 'assertBool'): void {
    activeHost().assertQuadratic(this, this.sub(1), Signal.from(0), label);
  }

  /** The value in witness mode (canonical, in [0, p)); throws in constraint mode. Example: `q.value()`. */
  value(): bigint {
    if (this.isConstant()) return this.constant;
    return activeHost().valueOf(this);
  }
}

/** Constant signal shorthand. Example: `constant(7)`. */
export function constant(value: bigint | number): Signal {
  return Signal.from(value);
}

/** Sum of signals (linear, free; also `G.sum`). Example: `sum([a, b, c])`. */
export function sum(values: readonly Val[]): Signal {
  // one accumulator instead of repeated add(): summing n signals stays linear in n
  const terms = new Map<number, bigint>();
  let constantTotal = 0n;
  for (const value of values) {
    const s = Signal.from(value);
    constantTotal += s.constant;
    for (const [index, coefficient] of s.terms) terms.set(index, mod((terms.get(index) ?? 0n) + coefficient));
  }
  for (const [index, coefficient] of terms) if (coefficient === 0n) terms.delete(index);
  return new Signal(terms, constantTotal);
}

import { BN254_PRIME } from '../field.js';
import type { Expression, Input, MainCircuit } from '../noir/acir-decode.js';
import type { Rule } from './circom-attack.js';
import { mod } from './field.js';
import type { PropagationState } from './propagate.js';
import { wireUses, type Combination, type Constraint, type ConstraintSystem } from './r1cs.js';

/**
 * `main`'s ACIR as a rank-1 constraint system, so the Circom analysis's determination (propagation,
 * elimination, bounded divisions, case splits: circom-attack.ts `determine`) can say which Noir
 * witnesses the inputs force.
 *
 * Wire w + 1 is ACIR witness w (wire 0 is the constant 1); the encoding adds wires of its own:
 * - AssertZero: one product term stays A·B = C; more get a wire each (t = a·b).
 * - RANGE x < 2^n: bits b_k with b_k·b_k = b_k and Σ 2^k·b_k = x, exactly what the proving
 *   backend enforces, and the shape the determination reads bounds and contradictions from.
 * - AND / XOR: the inputs' bits as above, and the output as Σ 2^k of the bitwise results.
 * - Memory: a read at a constant index equates the value with the element's wire. A read at a
 *   computed index is a rule instead (`rules`): once the index and that element are forced, so is
 *   the value. (One-hot selectors would say the same in R1CS, but every read would then be a case
 *   split with as many cases as the block has elements, probed again at every round.)
 * Whatever is not encoded is left out: Brillig outputs (the hints: free by design), calls of other
 * ACIR functions, Poseidon2 outputs, memory written at a computed index or under a predicate.
 * Leaving a constraint out only ever makes fewer witnesses forced and fewer inputs refused, so
 * every conclusion drawn from this system holds for the program.
 */

const P = BN254_PRIME;

export interface AcirSystem {
  system: ConstraintSystem;
  /** A witness for `system` from ACIR witness values (missing ones 0); the encoding's wires computed. */
  witness(values: Map<number, bigint>): bigint[];
  /** The determination's rules for what R1CS does not say (memory reads at computed indices). */
  rules: Rule[];
  /** What the encoding left out, for the report. */
  omitted: string[];
}

interface Read {
  index: Terms;
  elements: number[];
  value: number;
}

export const wireOf = (witness: number): number => witness + 1;

type Terms = Map<number, bigint>;

class Builder {
  readonly constraints: Constraint[] = [];
  nWires: number;
  /** The encoding's own wires, in creation order, with how to compute each from the wires before it. */
  readonly own: { wire: number; value: (w: bigint[]) => bigint }[] = [];
  readonly omitted = new Map<string, number>();

  constructor(witnesses: number) {
    this.nWires = witnesses + 1;
  }

  wire(value: (w: bigint[]) => bigint): number {
    const wire = this.nWires++;
    this.own.push({ wire, value });
    return wire;
  }

  /** A·B = C */
  add(a: Terms, b: Terms, c: Terms): void {
    this.constraints.push({ a: combination(a), b: combination(b), c: combination(c) });
  }

  /** Σ terms = 0 */
  zero(terms: Terms): void {
    this.add(new Map([[0, 1n]]), terms, new Map());
  }

  /** The wire of a·b (a new one). */
  product(a: number, b: number): number {
    const t = this.wire((w) => mod(w[a] * w[b], P));
    this.add(new Map([[a, 1n]]), new Map([[b, 1n]]), new Map([[t, 1n]]));
    return t;
  }

  /** The expression as linear terms, a product wire for each product term. */
  linear(e: Expression): Terms {
    const terms: Terms = new Map();
    addTo(terms, 0, e.constant);
    for (const [c, a] of e.linear) addTo(terms, wireOf(a), c);
    for (const [c, a, b] of e.mul) addTo(terms, this.product(wireOf(a), wireOf(b)), c);
    return terms;
  }

  /** Bits of a wire (new Boolean wires decomposing it) or of a constant. */
  bits(input: Input, n: number): (number | bigint)[] {
    if ('constant' in input) return Array.from({ length: n }, (_, k) => (input.constant >> BigInt(k)) & 1n);
    const x = wireOf(input.witness);
    const bits = Array.from({ length: n }, (_, k) => this.wire((w) => (w[x] >> BigInt(k)) & 1n));
    for (const b of bits) this.add(new Map([[b, 1n]]), new Map([[b, 1n]]), new Map([[b, 1n]]));
    const sum: Terms = new Map([[x, P - 1n]]);
    bits.forEach((b, k) => addTo(sum, b, 1n << BigInt(k)));
    this.zero(sum);
    return bits;
  }

  skip(what: string): void {
    this.omitted.set(what, (this.omitted.get(what) ?? 0) + 1);
  }
}

export function acirSystem(main: MainCircuit, inputWitnesses: number[]): AcirSystem {
  const builder = new Builder(main.currentWitnessIndex + 1);
  /** Each block's elements as wires; `undefined` once written where this encoding cannot follow. */
  const blocks = new Map<number, number[] | undefined>();
  const reads: Read[] = [];
  for (const op of main.opcodes) {
    switch (op.kind) {
      case 'assert-zero':
        assertZero(builder, op.expression);
        break;
      case 'range':
        if (op.bits > 253 || 'constant' in op.input) builder.skip('RANGE of a constant or over 253 bits');
        else if (op.bits === 0) builder.zero(new Map([[wireOf(op.input.witness), 1n]]));
        else builder.bits(op.input, op.bits);
        break;
      case 'logic': {
        const n = op.lhs.bits;
        if (n > 253 || n === 0) {
          builder.skip('AND/XOR over more than 253 bits');
          break;
        }
        const [a, b] = [builder.bits(op.lhs, n), builder.bits(op.rhs, n)];
        const out: Terms = new Map([[wireOf(op.output), P - 1n]]);
        a.forEach((x, k) => {
          const weight = 1n << BigInt(k);
          const both = bitProduct(builder, x, b[k]);
          if (op.op === 'and') addTerm(out, both, weight);
          else addTerm(addTerm(addTerm(out, x, weight), b[k], weight), both, mod(-2n * weight, P));
        });
        builder.zero(out);
        break;
      }
      case 'memory-init':
        blocks.set(op.block, op.init.map(wireOf));
        break;
      case 'memory-op': {
        const elements = blocks.get(op.block);
        const operation = constantOf(op.operation);
        const unconditional = op.predicate === undefined || (constantOf(op.predicate) ?? 0n) !== 0n;
        if (!elements || !unconditional || (operation !== 0n && operation !== 1n)) {
          if (operation !== 0n) blocks.set(op.block, undefined);
          builder.skip('memory use this encoding cannot follow (a predicate, or a block written at a computed index)');
          break;
        }
        const index = constantOf(op.index);
        if (operation === 1n) {
          if (index === undefined) {
            blocks.set(op.block, undefined);
            builder.skip('memory written at a computed index');
          } else if (index < BigInt(elements.length)) {
            const value = builder.linear(op.value);
            const element = builder.wire((w) => evaluateTerms(value, w));
            builder.zero(addTo(new Map(value), element, P - 1n));
            blocks.set(op.block, elements.map((e, k) => (BigInt(k) === index ? element : e)));
          }
          break;
        }
        if (index !== undefined) {
          if (index < BigInt(elements.length)) builder.zero(addTo(builder.linear(op.value), elements[Number(index)], P - 1n));
          break;
        }
        const target = singleWire(op.value);
        if (target === undefined) builder.skip('memory reads into an expression');
        else reads.push({ index: builder.linear(op.index), elements, value: target });
        break;
      }
      case 'brillig-call':
        break;
      case 'call':
        builder.skip('calls of other ACIR functions');
        break;
      case 'poseidon2':
        builder.skip('Poseidon2 permutations');
        break;
    }
  }
  const system = finish(builder, inputWitnesses);
  return {
    system,
    witness(values) {
      const w = new Array<bigint>(system.nWires).fill(0n);
      w[0] = 1n;
      for (const [index, value] of values) if (index <= main.currentWitnessIndex) w[wireOf(index)] = mod(value, P);
      for (const { wire, value } of builder.own) w[wire] = value(w);
      return w;
    },
    rules: reads.length > 0 ? [(state) => readValues(reads, state)] : [],
    omitted: [...builder.omitted].map(([what, count]) => `${count} × ${what}`),
  };
}

/** Reads whose index and element are known: their values, written into the state's witness. */
function readValues(reads: Read[], state: PropagationState): number[] {
  const fixed: number[] = [];
  for (const read of reads) {
    if (state.known[read.value] || fixed.includes(read.value) || ![...read.index.keys()].every((w) => state.known[w])) continue;
    const index = evaluateTerms(read.index, state.witness);
    if (index >= BigInt(read.elements.length)) continue;
    const element = read.elements[Number(index)];
    if (!state.known[element]) continue;
    state.witness[read.value] = state.witness[element];
    fixed.push(read.value);
  }
  return fixed;
}

function assertZero(builder: Builder, e: Expression): void {
  if (e.mul.length === 1) {
    // q·a·b + L = 0  ⇔  (q·a)·b = −L
    const [[q, a, b]] = e.mul;
    const rest: Terms = new Map();
    addTo(rest, 0, P - e.constant);
    for (const [c, x] of e.linear) addTo(rest, wireOf(x), P - c);
    builder.add(new Map([[wireOf(a), q]]), new Map([[wireOf(b), 1n]]), rest);
  } else builder.zero(builder.linear(e));
}

function bitProduct(builder: Builder, x: number | bigint, y: number | bigint): number | bigint {
  if (typeof x === 'bigint' && typeof y === 'bigint') return x * y;
  if (typeof x === 'bigint') return x === 0n ? 0n : y;
  if (typeof y === 'bigint') return y === 0n ? 0n : x;
  return builder.product(x, y);
}

/** terms += weight · (a bit wire, or a constant bit). */
function addTerm(terms: Terms, bit: number | bigint, weight: bigint): Terms {
  return typeof bit === 'bigint' ? addTo(terms, 0, bit * weight) : addTo(terms, bit, weight);
}

function addTo(terms: Terms, wire: number, coefficient: bigint): Terms {
  const sum = mod((terms.get(wire) ?? 0n) + coefficient, P);
  if (sum === 0n) terms.delete(wire);
  else terms.set(wire, sum);
  return terms;
}

/** The witness an expression is, when it is one (coefficient 1, no constant). */
function singleWire(e: Expression): number | undefined {
  return e.mul.length === 0 && e.linear.length === 1 && e.linear[0][0] === 1n && e.constant === 0n ? wireOf(e.linear[0][1]) : undefined;
}

function constantOf(e: Expression): bigint | undefined {
  return e.mul.length === 0 && e.linear.length === 0 ? e.constant : undefined;
}

function evaluateTerms(terms: Terms, w: bigint[]): bigint {
  let sum = 0n;
  for (const [wire, c] of terms) sum += c * (wire === 0 ? 1n : w[wire]);
  return mod(sum, P);
}

function combination(terms: Terms): Combination {
  return { wires: [...terms.keys()], coefficients: [...terms.values()] };
}

function finish(builder: Builder, inputWitnesses: number[]): ConstraintSystem {
  const nWires = builder.nWires;
  const witnesses = builder.own[0]?.wire ?? nWires;
  return {
    prime: P,
    nWires,
    nOutputs: 0,
    nInputs: inputWitnesses.length,
    inputWires: new Set(inputWitnesses.map(wireOf)),
    constraints: builder.constraints,
    names: Array.from({ length: nWires }, (_, w) => (w === 0 ? 'one' : w < witnesses ? `w${w - 1}` : `encoding#${w}`)),
    labels: new Map(),
    uses: wireUses(builder.constraints, nWires),
  };
}

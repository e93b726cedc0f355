import type { Arith as Z3Arith, Context, init } from 'z3-solver';
import { signed } from './field.js';
import type { ConstraintSystem } from './r1cs.js';
import { constraintWires, linearForm, rootsFor } from './propagate.js';

/**
 * z3 on the part of the system propagation could not settle. Field equations are encoded as
 * integer ones: a linear constraint Σ c·x + k ≡ 0 (mod p) becomes Σ c·x + k = p·t with a fresh
 * integer t (coefficients in their signed form, so 2^i stays small and −1 stays −1; t bounded by
 * the range of the sum), each wire is an integer in [0, p), and a quadratic in a single wire pins
 * it to its roots — two roots r₁ < r₂ as x = r₁ + (r₂ − r₁)·s with s ∈ [0, 1], a bound rather
 * than a disjunction. That is linear integer arithmetic, which z3 decides well; it covers bit
 * decompositions, range checks, selectors and quotient/remainder pairs.
 *
 * Constraints with a product of two unknowns are left out. Leaving constraints out only widens
 * the solution set, so `unsat` is a proof (for these inputs); a `sat` model is a candidate that the
 * caller must re-check against every constraint.
 */

type Arith = Z3Arith<'zkcoder'>;
type Z3 = Awaited<ReturnType<typeof init>>;
let z3: Promise<{ api: Z3; ctx: Context<'zkcoder'> }> | undefined;

function loadZ3(): Promise<{ api: Z3; ctx: Context<'zkcoder'> }> {
  // One context for the process: contexts are heavy and queries never share variables by accident
  // because each solver only sees what it was given.
  // Imported on first use: a process that never queries never loads z3 (its module and its threads).
  const loading = z3 ?? import('z3-solver').then(({ init }) => init()).then((api) => ({ api, ctx: api.Context('zkcoder') as Context<'zkcoder'> }));
  z3 = loading;
  return loading;
}

/** Start loading z3 now, so that its start-up overlaps work that comes before the first query. */
export function warmSmt(): void {
  loadZ3().catch(() => (z3 = undefined));
}

/** Stop z3's worker threads so the process can exit; the next query starts z3 again. */
export async function disposeSmt(): Promise<void> {
  if (!z3) return;
  const { api } = await z3;
  z3 = undefined;
  const { killThreads } = await import('z3-solver');
  await killThreads(api.em);
}

export interface ResidualQuery {
  system: ConstraintSystem;
  witness: bigint[];
  known: Uint8Array;
  /** Constraints with at least one unknown wire. */
  constraints: number[];
  /** Ask for a model where at least one of these wires differs from its witness value; omit for any model. */
  differ?: number[];
  /** Models already seen (wire → value), excluded on the `differ` wires. */
  exclude?: Map<number, bigint>[];
  timeoutMs: number;
}

export type ResidualAnswer =
  | { status: 'sat'; values: Map<number, bigint>; relaxed: number }
  | { status: 'unsat'; relaxed: number }
  | { status: 'unknown'; reason: string };

export async function solveResidual(query: ResidualQuery): Promise<ResidualAnswer> {
  const { system, witness, known } = query;
  const p = system.prime;
  const asked = Date.now();
  const { ctx } = await loadZ3();
  // Loading z3 (the first query of a worker) comes out of the same budget as the query.
  const timeoutMs = query.timeoutMs - (Date.now() - asked);
  if (timeoutMs <= 50) return { status: 'unknown', reason: 'no time left after loading z3' };
  const solver = new ctx.Solver('QF_LIA');
  solver.set('timeout', Math.floor(timeoutMs));
  // Finite domains first: their bounds make the wrap variables below tight (often exactly 0).
  const domains = new Map<number, bigint[]>();
  const linear: { row: number; terms: Map<number, bigint>; constant: bigint }[] = [];
  let relaxed = 0;
  for (const [row, index] of query.constraints.entries()) {
    const constraint = system.constraints[index];
    const unknown = constraintWires(constraint).filter((w) => !known[w]);
    if (unknown.length === 0) continue;
    if (unknown.length === 1) {
      const roots = rootsFor(constraint, unknown[0], witness, p);
      if (roots === undefined) continue;
      if (roots.length === 0) return { status: 'unsat', relaxed };
      const previous = domains.get(unknown[0]);
      domains.set(unknown[0], previous ? previous.filter((r) => roots.includes(r)) : roots);
      continue;
    }
    const form = linearForm(constraint, known, witness, p);
    if (form) linear.push({ row, ...form });
    else relaxed++;
  }
  const bounds = (wire: number): [bigint, bigint] => {
    const domain = domains.get(wire);
    return domain && domain.length > 0 ? [min(domain), max(domain)] : [0n, p - 1n];
  };
  const variables = new Map<number, Arith>();
  const variable = (wire: number): Arith => {
    let x = variables.get(wire);
    if (!x) {
      x = ctx.Int.const(`w${wire}`);
      variables.set(wire, x);
      const domain = domains.get(wire);
      if (!domain) solver.add(x.ge(0), x.le(ctx.Int.val(p - 1n)));
      else if (domain.length === 0) solver.add(ctx.Bool.val(false));
      else if (domain.length === 1) solver.add(x.eq(ctx.Int.val(domain[0])));
      else {
        // Two roots as x = r₁ + (r₂ − r₁)·s with s ∈ [0, 1]: an integer bound, not a disjunction,
        // so a bit decomposition stays a linear program instead of 2^n cases.
        const [r1, r2] = [min(domain), max(domain)];
        if (r2 - r1 === 1n) solver.add(x.ge(ctx.Int.val(r1)), x.le(ctx.Int.val(r2)));
        else {
          const s = ctx.Int.const(`s${wire}`);
          solver.add(s.ge(0), s.le(1), x.eq(s.mul(ctx.Int.val(r2 - r1)).add(ctx.Int.val(r1))));
        }
      }
    }
    return x;
  };
  for (const wire of domains.keys()) variable(wire);
  for (const { row, terms, constant } of linear) {
    const k = signed(constant, p);
    let sum: Arith = ctx.Int.val(k);
    let [low, high] = [k, k];
    for (const [wire, coefficient] of terms) {
      const c = signed(coefficient, p);
      const [lo, hi] = bounds(wire);
      sum = sum.add(variable(wire).mul(ctx.Int.val(c)));
      low += c > 0n ? c * lo : c * hi;
      high += c > 0n ? c * hi : c * lo;
    }
    // Σ = p·t with t bounded by the range of Σ: usually a handful of values, often only 0.
    const t = ctx.Int.const(`t${row}`);
    solver.add(sum.eq(t.mul(ctx.Int.val(p))), t.ge(ctx.Int.val(ceilDiv(low, p))), t.le(ctx.Int.val(floorDiv(high, p))));
  }
  if (query.differ) {
    const differ = query.differ.filter((w) => !known[w]);
    if (differ.length === 0) return { status: 'unsat', relaxed };
    solver.add(ctx.Or(...differ.map((w) => variable(w).neq(ctx.Int.val(witness[w])))));
    for (const seen of query.exclude ?? []) {
      solver.add(ctx.Or(...differ.map((w) => variable(w).neq(ctx.Int.val(seen.get(w) ?? witness[w])))));
    }
  }
  try {
    const status = await solver.check();
    if (status === 'unsat') return { status: 'unsat', relaxed };
    if (status === 'unknown') return { status: 'unknown', reason: solver.reasonUnknown() };
    const model = solver.model();
    const values = new Map<number, bigint>();
    for (const [wire, x] of variables) values.set(wire, BigInt(model.eval(x, true).toString()));
    return { status: 'sat', values, relaxed };
  } finally {
    solver.release?.();
  }
}

function min(values: bigint[]): bigint {
  return values.reduce((a, b) => (b < a ? b : a));
}

function max(values: bigint[]): bigint {
  return values.reduce((a, b) => (b > a ? b : a));
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

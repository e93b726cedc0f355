/**
 * Structural findings and counts over a built circuit. Both work without a witness, so constraint
 * mode can report an unconstrained hint before any input exists.
 */
import type { Circuit, Constraint } from './circuit.js';
import { P } from './field.js';
import { formatLocation, type Location } from './location.js';
import type { Signal } from './signal.js';

export interface Finding {
  code: 'unconstrained-hint';
  severity: 'error';
  message: string;
  location?: Location;
  variable: number;
}

export interface ConstraintCounts {
  variables: number;
  hints: number;
  /** All a·b = c constraints, including products and linear ones (a = 1). */
  quadratic: number;
  /** The subset of `quadratic` that is linear. */
  linear: number;
  range: number;
  /** Sum of bits over all range constraints (the R1CS cost of bit decomposition). */
  rangeBits: number;
  lookup: number;
  /** Sum of table sizes over all lookups (the R1CS cost of one-hot selection). */
  lookupDomain: number;
  /** Estimated R1CS constraints after lowering to Circom (non-linear + linear, before circom's simplification). */
  r1csEstimate: number;
}

/**
 * A hint is unconstrained when no constraint other than its own type check and output bindings
 * mentions it: its value is then whatever the prover likes, the classic `<--` without `===`.
 */
export function findUnconstrainedHints(circuit: Circuit): Finding[] {
  const reached = new Set<number>();
  for (const constraint of circuit.constraints) {
    if (constraint.role === 'output') continue;
    for (const v of mentioned(constraint)) {
      if (constraint.role === 'check' && constraint.owner === v) continue;
      reached.add(v);
    }
  }
  const findings: Finding[] = [];
  for (const info of circuit.vars) {
    if (info.origin !== 'hint' || reached.has(info.index)) continue;
    const name = info.label ? `'${info.label}' ` : '';
    findings.push({
      code: 'unconstrained-hint',
      severity: 'error',
      variable: info.index,
      location: info.location,
      message: `unconstrained hint ${name}at ${formatLocation(info.location)}: its value reaches no constraint besides its own type check, so a prover can set it freely`,
    });
  }
  return findings;
}

export function mentioned(constraint: Constraint): number[] {
  switch (constraint.kind) {
    case 'quadratic':
      return [...constraint.a.terms.keys(), ...constraint.b.terms.keys(), ...constraint.c.terms.keys()];
    case 'range':
      return [...constraint.x.terms.keys()];
    case 'lookup':
      return [...constraint.x.terms.keys(), ...constraint.y.terms.keys()];
    default:
      return constraint satisfies never;
  }
}

export function countConstraints(circuit: Pick<Circuit, 'vars' | 'constraints'>): ConstraintCounts {
  const counts: ConstraintCounts = {
    variables: circuit.vars.length,
    hints: circuit.vars.filter((v) => v.origin === 'hint').length,
    quadratic: 0,
    linear: 0,
    range: 0,
    rangeBits: 0,
    lookup: 0,
    lookupDomain: 0,
    r1csEstimate: 0,
  };
  for (const c of circuit.constraints) {
    switch (c.kind) {
      case 'quadratic':
        counts.quadratic++;
        if (c.a.isConstant() || c.b.isConstant()) counts.linear++;
        counts.r1csEstimate++;
        break;
      case 'range':
        counts.range++;
        counts.rangeBits += c.bits;
        // one booleanity constraint per bit plus the recomposition
        counts.r1csEstimate += c.bits + 1;
        break;
      case 'lookup':
        counts.lookup++;
        counts.lookupDomain += c.table.values.length;
        // booleanity per selector, plus one-hot sum, index and value recompositions
        counts.r1csEstimate += c.table.values.length + 3;
        break;
      default:
        c satisfies never;
    }
  }
  return counts;
}

/** One constraint in readable form, for constraint mode (`x·y = t3`, `range(b − r − 1, 8)`). */
export interface ConstraintLine {
  text: string;
  label: string;
  location?: string;
}

export function describeSystem(circuit: Circuit): ConstraintLine[] {
  const name = (v: number): string => {
    const info = circuit.vars[v];
    return info.label ?? `${info.origin === 'product' ? 't' : info.origin === 'hint' ? 'h' : 'v'}${v}`;
  };
  const show = (s: Signal): string => {
    const parts = [...s.terms].map(([v, c]) => {
      const negative = c > P / 2n;
      const magnitude = negative ? P - c : c;
      return `${negative ? '− ' : '+ '}${magnitude === 1n ? '' : `${magnitude}·`}${name(v)}`;
    });
    if (s.constant !== 0n || parts.length === 0) {
      const negative = s.constant > P / 2n;
      parts.push(`${negative ? '− ' : '+ '}${negative ? P - s.constant : s.constant}`);
    }
    const text = parts.join(' ').replace(/^\+ /, '').replace(/^− /, '−');
    return parts.length > 1 ? `(${text})` : text;
  };
  return circuit.constraints.map((c) => {
    const location = c.location ? formatLocation(c.location) : undefined;
    switch (c.kind) {
      case 'quadratic': {
        const left = c.a.isConstant() && c.a.constant === 1n ? show(c.b) : `${show(c.a)}·${show(c.b)}`;
        return { text: `${left} = ${show(c.c)}`, label: c.label, location };
      }
      case 'range':
        return { text: `range(${show(c.x)}, ${c.bits})`, label: c.label, location };
      case 'lookup':
        return { text: `(${show(c.x)}, ${show(c.y)}) ∈ ${c.table.name}[${c.table.values.length}]`, label: c.label, location };
      default:
        return c satisfies never;
    }
  });
}

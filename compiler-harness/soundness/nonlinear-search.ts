import { perturbMany, type Alternative, type Determination } from './circom-attack.js';
import { linearForm } from './propagate.js';
import { isOutputWire, type ConstraintSystem } from './r1cs.js';

/**
 * Class 5 of the attacks: a bounded search where z3's relaxation is blind. z3 (`smt.ts`) drops
 * every constraint with a product of two undetermined wires, so its models break those (or it gives
 * up), while the freedom may still be there, just not linear: q·k + r = x with q, k and r all
 * hinted moves only when two of them move together. Perturbation moves one wire, pair moves keep a
 * linear row; neither fixes two factors of a product at once.
 *
 * So the factors of the broken products are the pivots, and pairs of them take small field values
 * — 0, 1, 2, −1, (p + 1)/2 (that is 1/2), the honest value ± 1, or the honest value itself (pinned,
 * so the other moves against it) — while propagation and elimination re-derive every wire the pair
 * then determines (`perturbMany`), and every constraint a changed wire touches is re-checked.
 */

const MAX_PIVOTS = 12;

export function searchNonlinear(options: { system: ConstraintSystem; honest: bigint[]; base: Determination; deadline: number }): { counterexample?: Alternative; tried: string } {
  const { system, honest, base, deadline } = options;
  const pivots = productFactors(system, honest, base);
  if (pivots.length < 2) return { tried: `non-linear search: skipped, ${pivots.length} undetermined factor(s) of a product` };
  let attempts = 0;
  const stopped = () => ({ tried: `non-linear search stopped by the time budget after ${attempts} pair assignments over ${pivots.length} factors of products` });
  const values = new Map(pivots.map((wire) => [wire, smallValues(system, honest, base, wire)]));
  for (let i = 0; i < pivots.length; i++) {
    for (let j = i + 1; j < pivots.length; j++) {
      const [wi, wj] = [pivots[i], pivots[j]];
      for (const vi of values.get(wi)!) {
        for (const vj of values.get(wj)!) {
          if (vi === honest[wi] && vj === honest[wj]) continue;
          if (Date.now() > deadline) return stopped();
          attempts++;
          const how = `non-linear search: set ${system.names[wi]} to ${describe(vi, honest[wi], system.prime)} and ${system.names[wj]} to ${describe(vj, honest[wj], system.prime)}, re-derived what they determine`;
          const alternative = perturbMany(system, honest, base, new Map([[wi, vi], [wj, vj]]), how);
          if (alternative?.changed.some((w) => isOutputWire(system, w))) {
            return { counterexample: alternative, tried: `non-linear search: found after ${attempts} pair assignments over ${pivots.length} factors of products` };
          }
        }
      }
    }
  }
  return { tried: `non-linear search: ${attempts} pair assignments over ${pivots.length} factors of products, none changed an output` };
}

/** Undetermined wires multiplied by another undetermined wire in some constraint, most used first, outputs first. */
function productFactors(system: ConstraintSystem, honest: bigint[], base: Determination): number[] {
  const counts = new Map<number, number>();
  for (const index of base.residual) {
    const constraint = system.constraints[index];
    if (linearForm(constraint, base.known, honest, system.prime)) continue;
    const left = new Set(constraint.a.wires.filter((w) => !base.known[w]));
    const right = new Set(constraint.b.wires.filter((w) => !base.known[w]));
    // b·(b − 1) = 0 and other squares of one wire are a domain, not a product of two unknowns.
    if (left.size === 1 && right.size === 1 && [...left][0] === [...right][0]) continue;
    for (const wire of new Set([...left, ...right])) counts.set(wire, (counts.get(wire) ?? 0) + 1);
  }
  const rank = (wire: number) => (isOutputWire(system, wire) ? 1000 : 0) + counts.get(wire)!;
  return [...counts.keys()].sort((x, y) => rank(y) - rank(x) || x - y).slice(0, MAX_PIVOTS);
}

/** The honest value first (pinned), then the small field values a second root usually is. */
function smallValues(system: ConstraintSystem, honest: bigint[], base: Determination, wire: number): bigint[] {
  const p = system.prime;
  const v = honest[wire];
  const domain = base.domains.get(wire);
  if (domain) return [v, ...domain.filter((root) => root !== v)];
  return [...new Set([v, (v + 1n) % p, (v + p - 1n) % p, 0n, 1n, 2n, p - 1n, (p + 1n) / 2n])];
}

function describe(value: bigint, honest: bigint, p: bigint): string {
  if (value === honest) return `its honest value ${value}`;
  if (value === p - 1n) return '-1';
  if (value === (p + 1n) / 2n) return '1/2';
  return value.toString();
}

import { readFile } from 'node:fs/promises';
import type { CircomCompiled } from '../compiler-harness/circom/backend.js';
import { parseSym } from '../compiler-harness/circom/signals.js';

/**
 * R1CS constraints per composed layer (`t<index>` in the Circom main) and for the input range
 * checks (`inputs`), and for the `--commit-weights` Poseidon chain (`commitment`). A constraint belongs to the latest layer whose signals it touches: a layer's
 * constraints read earlier layers' outputs, never later ones. The counts add up to the total.
 */
export async function circomLayerConstraints(compiled: CircomCompiled): Promise<Map<string, number>> {
  const sym = parseSym(await readFile(compiled.symPath, 'utf8'));
  // wire → the latest layer index among the names on it (-1: a graph input's range check)
  const layerOfWire = new Map<number, number>();
  const hashWires = new Set<number>();
  for (const entry of sym) {
    if (entry.wire < 0) continue;
    if (/^main\.weights(Hash|Commitment)\b/.test(entry.name)) hashWires.add(entry.wire);
    const match = /^main\.(?:t(\d+)|in\d+)/.exec(entry.name);
    if (!match) continue;
    const layer = match[1] === undefined ? -1 : Number(match[1]);
    layerOfWire.set(entry.wire, Math.max(layerOfWire.get(entry.wire) ?? -1, layer));
  }
  const counts = new Map<string, number>();
  for (const constraint of compiled.r1cs.constraints) {
    let latest = -1;
    let hashing = false;
    for (const combination of [constraint.a, constraint.b, constraint.c]) {
      for (const wire of combination.keys()) {
        latest = Math.max(latest, layerOfWire.get(wire) ?? -1);
        hashing ||= hashWires.has(wire);
      }
    }
    const key = latest >= 0 ? `t${latest}` : hashing ? 'commitment' : 'inputs';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

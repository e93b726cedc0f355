import { isMainThread } from 'node:worker_threads';
import type { R1csField } from 'r1csfile';

/**
 * An independent check of a counterexample witness: the r1cs read with iden3's r1csfile (not our
 * reader) and A·w × B·w = C·w evaluated with plain bigints, so a bug in the analysis's own parser or
 * arithmetic cannot turn a forged witness into a verdict.
 *
 * Main thread only: r1csfile loads ffjavascript, whose web-worker shim takes over any worker thread
 * it is imported in. The isolated analysis runs this after its worker answers (`isolated.ts`).
 */
export const canRecheckHere = isMainThread;

export async function witnessSatisfies(r1csPath: string, witness: (string | bigint)[]): Promise<boolean> {
  const field = (p: bigint): R1csField<bigint> => ({
    p,
    fromRprLE(buffer: Uint8Array, offset: number) {
      let value = 0n;
      for (let i = 31; i >= 0; i--) value = (value << 8n) | BigInt(buffer[offset + i]);
      return value;
    },
  });
  const { readR1cs } = await import('r1csfile');
  const r1cs = await readR1cs<bigint>(r1csPath, { loadConstraints: true, loadMap: false, singleThread: true, getFieldFromPrime: field });
  const p = r1cs.prime;
  const w = witness.map((v) => BigInt(v));
  if (w.length !== r1cs.nVars || w[0] !== 1n) return false;
  const value = (lc: Record<string, bigint>) => Object.entries(lc).reduce((sum, [i, c]) => (sum + c * w[Number(i)]) % p, 0n);
  return r1cs.constraints.every(([a, b, c]) => (value(a) * value(b) - value(c)) % p === 0n);
}

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as snarkjs from 'snarkjs';
import { zkcoderHome } from '../home.js';
import { DEV_PTAU_WARNING, ensureDevPtau, requiredPtauPowerForR1cs } from '../setup/ptau.js';
import type { HarnessOptions, Proof } from '../types.js';
import type { CircomCompiled } from './backend.js';
import { encodeWtns } from './wtns.js';

export type CircomProofSystem = 'groth16' | 'plonk';

interface ProvingKey {
  zkeyPath: string;
  verificationKey: unknown;
  warnings: string[];
}

// snarkjs logs through this; a silent logger that still lets us see why PLONK setup fails.
function collectingLogger(lines: string[]) {
  const push = (m: string) => lines.push(m);
  return { debug: () => undefined, info: () => undefined, warn: push, error: push };
}

/**
 * Groth16 / PLONK proving key for a compiled circuit, cached by the R1CS content so a circuit set up
 * once is not set up again. Uses a real ptau when the user gave one, else the dev ptau.
 */
export async function provingKey(
  compiled: CircomCompiled,
  system: CircomProofSystem,
  options: HarnessOptions,
): Promise<ProvingKey> {
  const home = zkcoderHome(options.home);
  const warnings: string[] = [];
  const userPtau = options.ptauPath ?? process.env.ZKCODER_PTAU;
  const r1csBytes = await readFile(compiled.r1csPath);
  const digest = createHash('sha256').update(r1csBytes).update(system).update(userPtau ?? 'dev').digest('hex').slice(0, 24);
  const keyDir = join(home, 'keys');
  const zkeyPath = join(keyDir, `${digest}.${system}.zkey`);
  const vkeyPath = join(keyDir, `${digest}.${system}.vkey.json`);
  if (!existsSync(zkeyPath) || !existsSync(vkeyPath)) {
    await mkdir(keyDir, { recursive: true });
    let power = requiredPtauPowerForR1cs(compiled.r1cs, system);
    const partial = `${zkeyPath}.${process.pid}.partial`;
    // The power is computed exactly as snarkjs does; should a future snarkjs count differently it
    // answers -1, and the next power is tried before giving up.
    for (let attempt = 0; ; attempt++) {
      const ptau = await ensureDevPtau({ power, home: options.home, ptauPath: userPtau });
      if (ptau.warning && !warnings.includes(ptau.warning)) warnings.push(ptau.warning);
      const log: string[] = [];
      const result =
        system === 'groth16'
          ? await snarkjs.zKey.newZKey(compiled.r1csPath, ptau.ptauPath, partial, collectingLogger(log))
          : await snarkjs.plonk.setup(compiled.r1csPath, ptau.ptauPath, partial, collectingLogger(log));
      if (result !== -1 && existsSync(partial)) break;
      if (userPtau || attempt >= 2) throw new Error(`${system} setup failed: ${log.join('; ') || 'snarkjs gave no reason'}`);
      power = ptau.power + 1;
    }
    const verificationKey = await snarkjs.zKey.exportVerificationKey(partial);
    await writeFile(vkeyPath, JSON.stringify(verificationKey));
    await rename(partial, zkeyPath);
  } else if (!userPtau) {
    warnings.push(DEV_PTAU_WARNING);
  }
  const verificationKey = JSON.parse(await readFile(vkeyPath, 'utf8'));
  return { zkeyPath, verificationKey, warnings };
}

export async function proveCircom(
  compiled: CircomCompiled,
  witness: readonly bigint[],
  system: CircomProofSystem,
  options: HarnessOptions,
): Promise<Proof> {
  const start = performance.now();
  const key = await provingKey(compiled, system, options);
  const wtns = { type: 'mem' as const, data: encodeWtns(witness, compiled.r1cs.prime) };
  const prover = system === 'groth16' ? snarkjs.groth16 : snarkjs.plonk;
  const { proof, publicSignals } = await prover.prove(key.zkeyPath, wtns);
  return {
    system,
    proof,
    publicSignals,
    verificationKey: key.verificationKey,
    durationMs: performance.now() - start,
    warnings: key.warnings,
  };
}

export async function verifyCircom(proof: Proof): Promise<boolean> {
  const verifier = proof.system === 'plonk' ? snarkjs.plonk : snarkjs.groth16;
  try {
    return await verifier.verify(proof.verificationKey, proof.publicSignals, proof.proof);
  } catch {
    // A malformed (tampered) proof can make snarkjs throw instead of answering false.
    return false;
  }
}

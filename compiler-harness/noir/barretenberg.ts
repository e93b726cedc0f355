/**
 * One bb.js instance shared by every Noir circuit of a backend: gate counts, UltraHonk proofs and
 * the constraint check behind `forge` / `checkWitness`. Each `Barretenberg` starts its own worker
 * threads and a large wasm heap, so one per backend (not per circuit) keeps a 2-core machine usable.
 */
import { gunzipSync } from 'node:zlib';
import { Barretenberg, Crs, Fr, RawBuffer, UltraHonkBackend, type ProofData } from '@aztec/bb.js';
import { acvm } from '@noir-lang/noir_js';
import { DEV_CRS_POINTS, ensureDevCrs, type CrsInfo } from '../setup/crs.js';
import { bbWasmPath } from './bb-wasm.js';
import { checkAcirWitness, permutationInputs } from './acir-check.js';

export interface BarretenbergOptions {
  home?: string;
  crsPath?: string;
  threads?: number;
}

/** An UltraHonkBackend that borrows the shared instance instead of starting its own. */
class SharedUltraHonkBackend extends UltraHonkBackend {
  constructor(bytecodeBase64: string, api: Barretenberg) {
    super(bytecodeBase64, { threads: 1 });
    // `instantiate()` only builds an instance (and loads the CRS) when `api` is unset.
    this.api = api;
  }
}

export class SharedBarretenberg {
  private api: Promise<Barretenberg> | undefined;
  private crs: Promise<CrsInfo> | undefined;
  /** G1 points currently loaded into bb's global SRS. */
  private loadedPoints = 0;
  /** bb.js is not re-entrant across concurrent calls on one instance: run them one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BarretenbergOptions) {}

  /** `[total gates, power-of-two circuit size]` as bb.js counts them for UltraHonk. */
  circuitSize(acir: Uint8Array): Promise<[number, number]> {
    return this.serial(async (api) => {
      const [total, subgroup] = await api.acirGetCircuitSizes(acir, false, true);
      return [total, subgroup];
    });
  }

  /** The CRS in use (a generated development one unless the user supplied theirs). */
  crsInfo(): Promise<CrsInfo> {
    this.crs ??= ensureDevCrs({ home: this.options.home, crsPath: this.options.crsPath }).catch((error: unknown) => {
      this.crs = undefined; // let a later call retry (e.g. after the user fixes the CRS folder)
      throw error;
    });
    return this.crs;
  }

  prove(bytecodeBase64: string, compressedWitness: Uint8Array): Promise<{ proof: ProofData; verificationKey: Uint8Array }> {
    return this.serial(async (api) => {
      await this.loadSrs(api, bytecodeBase64);
      const backend = new SharedUltraHonkBackend(bytecodeBase64, api);
      const proof = await backend.generateProof(compressedWitness);
      const verificationKey = await backend.getVerificationKey();
      return { proof, verificationKey };
    });
  }

  verify(bytecodeBase64: string, proof: ProofData): Promise<boolean> {
    return this.serial(async (api) => {
      await this.loadSrs(api, bytecodeBase64);
      return new SharedUltraHonkBackend(bytecodeBase64, api).verifyProof(proof);
    });
  }

  /**
   * Whether `compressedWitness` satisfies every constraint: prove it, then verify the proof against
   * the public values the witness itself carries. Proving and verifying in one call is not enough:
   * bb.js merges copy-constrained witnesses (`ret − v = 0`) and silently proves with the value of
   * `v`, so an edited public output would be replaced rather than rejected.
   */
  satisfies(bytecodeBase64: string, compressedWitness: Uint8Array): Promise<{ ok: boolean; reason?: string }> {
    return this.serial(async (api) => {
      // bb.js 0.86 accepts some witnesses that violate an AssertZero opcode (BB-SOUNDNESS.md):
      // check the decoded ACIR first, and never report a violated opcode as satisfied.
      // Poseidon2 black boxes are checked too (bb.js computes each permutation in microseconds),
      // so a forged hash output is refused without a proof.
      const program = gunzipSync(Buffer.from(bytecodeBase64, 'base64'));
      const witness = mainWitness(compressedWitness);
      const permutations = new Map<string, bigint[]>();
      for (const inputs of permutationInputs(program, witness)) {
        const outputs = await api.poseidon2Permutation(inputs.map((v) => new Fr(v)));
        permutations.set(inputs.join(','), outputs.map((fr) => BigInt(fr.toString())));
      }
      const acir = checkAcirWitness(program, witness, (inputs) => permutations.get(inputs.join(',')));
      if (acir.ok === false) {
        return { ok: false, reason: `ACIR opcode ${acir.violated.index} violated: ${acir.violated.opcode}` };
      }
      await this.loadSrs(api, bytecodeBase64);
      const claimed = publicValues(bytecodeBase64, compressedWitness);
      let proof: ProofData;
      try {
        proof = await new SharedUltraHonkBackend(bytecodeBase64, api).generateProof(compressedWitness);
      } catch (error) {
        // A wasm abort can leave the instance unusable: start a fresh one next time.
        await this.destroy();
        return { ok: false, reason: `prover failed: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (proof.publicInputs.length !== claimed.length) {
        throw new Error(`bb.js proved ${proof.publicInputs.length} public inputs, the witness has ${claimed.length}`);
      }
      const ok = await new SharedUltraHonkBackend(bytecodeBase64, api).verifyProof({ proof: proof.proof, publicInputs: claimed });
      const replaced = proof.publicInputs.some((value, i) => BigInt(value) !== BigInt(claimed[i]));
      return ok ? { ok } : { ok, reason: replaced ? 'public values forced back by copy constraints' : 'constraints violated' };
    });
  }

  async destroy(): Promise<void> {
    const api = this.api;
    this.api = undefined;
    this.loadedPoints = 0;
    if (api) await (await api).destroy();
  }

  private serial<T>(work: (api: Barretenberg) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (!this.api) {
        const created = bbWasmPath(this.options.home).then((wasmPath) => Barretenberg.new({ threads: this.options.threads ?? 2, wasmPath }));
        // A failed start must not poison every later call.
        created.catch(() => this.api === created && (this.api = undefined));
        this.api = created;
      }
      return work(await this.api);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * bb.js would try to download a missing CRS from aztec-ignition (which fails offline): load the
   * points ourselves, after checking the CRS is big enough for this circuit.
   */
  private async loadSrs(api: Barretenberg, bytecodeBase64: string): Promise<void> {
    const acir = gunzipSync(Buffer.from(bytecodeBase64, 'base64'));
    const [, subgroup] = await api.acirGetCircuitSizes(acir, false, true);
    const needed = subgroup + 1;
    if (needed <= this.loadedPoints) return;
    const crs = await this.crsInfo();
    if (needed > crs.points) {
      throw new Error(
        `circuit needs a CRS of ${needed} points (2^${Math.log2(subgroup)} gates) but ${crs.crsPath} has ${crs.points}; ` +
          'pass a larger CRS folder via crsPath / ZKCODER_CRS',
      );
    }
    // Load at least the dev size once, so later small circuits skip this step; a big ceremony
    // file is only read as far as needed (2^20 points are 64 MB).
    const points = Math.min(crs.points, Math.max(needed, DEV_CRS_POINTS));
    const reader = new Crs(points, crs.crsPath, () => {});
    await api.srsInitSrs(new RawBuffer(reader.getG1Data()), points, new RawBuffer(reader.getG2Data()));
    this.loadedPoints = points;
  }
}

/** `main`'s witness values by index. */
function mainWitness(compressedWitness: Uint8Array): Map<number, bigint> {
  const stack = acvm.decompressWitnessStack(compressedWitness);
  const main = stack.find((item) => item.index === 0) ?? stack[0];
  return new Map([...main.witness].map(([index, value]) => [index, BigInt(value)]));
}

/** The public inputs (public parameters, then return values, by witness index) a witness claims. */
function publicValues(bytecodeBase64: string, compressedWitness: Uint8Array): string[] {
  const stack = acvm.decompressWitnessStack(compressedWitness);
  const main = stack.find((item) => item.index === 0) ?? stack[0];
  const publicWitness = acvm.getPublicWitness(Buffer.from(bytecodeBase64, 'base64'), main.witness);
  return [...publicWitness.entries()].sort(([a], [b]) => a - b).map(([, value]) => value);
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acvm } from '@noir-lang/noir_js';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../test/run-cli.js';
import { checkSketchVectors, lowerSketchSource } from '../../zksl/index.js';
import { checkCircuit } from '../check.js';
import { formatCheckReport } from '../report-text.js';
import { loadTestVectors } from '../vectors/schema.js';
import { acirBytes, toWitnessHex } from './acir.js';
import { bbUnenforcedOpcodes, checkAcirWitness, decodeMainOpcodes, permutationInputs } from './acir-check.js';
import { zkcoderHome } from '../home.js';
import { NoirBackend, type NoirCompiledCircuit } from './backend.js';
import type { SharedBarretenberg } from './barretenberg.js';

// The run's cache (vitest.config.ts sets ZKCODER_HOME): its dev CRS is shared with the other files.
const backend = new NoirBackend({ home: zkcoderHome(), timeoutMs: 60_000 });
const scratch = mkdtempSync(join(tmpdir(), 'zkcoder-acir-check-'));
afterAll(async () => {
  await backend.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

// noir_wasm 1.0.0-beta.7 emits one opcode `ret − a·b − c − d = 0` (five witnesses) for this body,
// and bb.js 0.86 proves and verifies a witness with ret = 16 (BB-SOUNDNESS.md).
const FIVE_WITNESSES = `fn main(a: Field, b: Field, c: Field, d: Field) -> pub Field {
    a * b + c + d
}
`;
const inputs = { a: 2, b: 3, c: 4, d: 5 };

async function compile(main: string): Promise<NoirCompiledCircuit & { warnings: (string | undefined)[] }> {
  const result = await backend.compile({ lang: 'noir', entry: 'src/main.nr', name: 'acir_check', files: { 'src/main.nr': main } });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return Object.assign(result.compiled as NoirCompiledCircuit, { warnings: result.diagnostics.map((d) => d.code) });
}

/** The honest witness of main, and its return witness index. */
async function honestWitness(compiled: NoirCompiledCircuit, given: Record<string, number> = inputs) {
  const run = await backend.execute(compiled, given);
  if (!run.ok) throw new Error(run.failure.message);
  const stack = acvm.decompressWitnessStack(run.witness.data as Uint8Array);
  const [ret] = [...acvm.getReturnWitness(Buffer.from(compiled.program.bytecode, 'base64'), stack[0].witness).keys()];
  return { stack, ret, values: new Map([...stack[0].witness].map(([i, v]) => [i, BigInt(v)])) };
}

describe('ACIR check of a witness (independent of bb.js)', () => {
  it('decodes the five-witness opcode, passes the honest witness and refuses an edited return', async () => {
    const compiled = await compile(FIVE_WITNESSES);
    const acir = acirBytes(compiled.program.bytecode);
    const opcodes = decodeMainOpcodes(acir);
    expect(opcodes).toHaveLength(1);
    expect(opcodes[0].kind).toBe('assert-zero');
    expect(bbUnenforcedOpcodes(acir)).toHaveLength(1);
    expect(compiled.warnings).toEqual(['BB-UNENFORCED']);

    const { ret, values } = await honestWitness(compiled);
    expect(values.get(ret)).toBe(15n);
    expect(checkAcirWitness(acir, values)).toEqual({ ok: true });
    const forged = new Map(values).set(ret, 16n);
    expect(checkAcirWitness(acir, forged)).toMatchObject({ ok: false, violated: { index: 0 } });

    const verdict = await backend.forge(compiled, inputs, { return: 16 });
    expect(verdict.accepted).toBe(false);
    expect(verdict.detail).toContain('ACIR opcode 0 violated');
    expect((await backend.forge(compiled, inputs, { return: 15 })).accepted).toBe(true);
  });

  it('checks Poseidon2 permutations: a forged hash output is refused without a proof', async () => {
    const compiled = await compile(`fn main(a: Field, b: Field) -> pub Field {
    std::hash::poseidon2_permutation([a, b, 0, 36893488147419103232], 4)[0]
}
`);
    const acir = acirBytes(compiled.program.bytecode);
    expect(decodeMainOpcodes(acir).filter((op) => op.kind === 'poseidon2')).toHaveLength(1);
    const { ret, values } = await honestWitness(compiled, { a: 2, b: 3 });
    // The permutation as the ACVM computed it, read back from the honest witness.
    const [inputs] = permutationInputs(acir, values);
    expect(inputs.slice(0, 2)).toEqual([2n, 3n]);
    const op = decodeMainOpcodes(acir).find((o) => o.kind === 'poseidon2') as { outputs: number[] };
    const outputs = op.outputs.map((w) => values.get(w)!);
    const known = (args: bigint[]) => (args.join() === inputs.join() ? outputs : undefined);
    expect(checkAcirWitness(acir, values, known)).toEqual({ ok: true });
    // The hash output and the return value moved together: only the permutation can refuse it.
    const forged = new Map(values).set(op.outputs[0], outputs[0] + 1n).set(ret, values.get(ret)! + 1n);
    expect(checkAcirWitness(acir, forged)).toEqual({ ok: true });
    expect(checkAcirWitness(acir, forged, known)).toMatchObject({ ok: false, violated: { opcode: expect.stringContaining('Poseidon2 permutation') } });

    // Refused by the ACIR check (the detail names the opcode), not by a bb.js proof of seconds.
    const verdict = await backend.forge(compiled, { a: 2, b: 3 }, { return: (values.get(ret)! + 1n).toString() });
    expect(verdict.accepted).toBe(false);
    expect(verdict.detail).toContain('Poseidon2 permutation');
    expect((await backend.forge(compiled, { a: 2, b: 3 }, { return: values.get(ret)!.toString() })).accepted).toBe(true);
  });

  it('bb.js 0.86 alone proves and verifies the violating witness (why the ACIR check exists)', async () => {
    const compiled = await compile(FIVE_WITNESSES);
    const { stack, ret } = await honestWitness(compiled);
    const witness = new Map(stack[0].witness).set(ret, toWitnessHex(16n));
    const data = acvm.compressWitnessStack([{ ...stack[0], witness }]);
    // zkcoder refuses to prove it; bb.js itself (reached under the backend) proves and verifies it.
    await expect(backend.prove(compiled, { lang: 'noir', data })).rejects.toThrow(/refusing to prove: bb\.js 0\.86 does not enforce ACIR opcode #0/);
    const bb = (backend as unknown as { barretenberg: SharedBarretenberg }).barretenberg;
    const { proof } = await bb.prove(compiled.program.bytecode, data);
    expect(proof.publicInputs.map((value) => BigInt(value))).toEqual([16n]);
    // If this starts failing, bb.js enforces the opcode now: update BB-SOUNDNESS.md, the warning and the refusal.
    expect(await bb.verify(compiled.program.bytecode, proof)).toBe(true);
  });

  it('HardSigmoid sketch lowered to Noir: no opcode bb.js leaves unenforced (products get witnesses), every forge refused', async () => {
    const vectors = join(scratch, 'hard-sigmoid-vectors.json');
    writeFileSync(vectors, JSON.stringify({
      accept: [{ inputs: { x: 0 }, outputs: { y: 128 } }],
      forge: [
        { inputs: { x: 0 }, outputs: { y: 129 }, reason: '+1' },
        { inputs: { x: 0 }, outputs: { y: 127 }, reason: '-1' },
        { inputs: { x: -700 }, outputs: { y: 1 }, reason: 'clamp low' },
      ],
    }));
    // What `zkcoder sketch test` does for Noir, on this file's backend (no CLI process, no second
    // Noir toolchain); the Circom side of this sketch is proved by test/op-generate.test.ts.
    const source = readFileSync(join(root, 'test/fixtures/op/hard-sigmoid.ts'), 'utf8');
    const parsed = await loadTestVectors(vectors);
    const interpreter = await checkSketchVectors(source, parsed);
    expect(interpreter.ok, interpreter.summary).toBe(true);
    const lowered = await lowerSketchSource(source, 'noir');
    if (!lowered.ok) throw new Error(lowered.failure.message);
    const { files, entry, publicInputs, name, outputNames } = lowered.circuit;
    const report = await checkCircuit({ backend, circuit: { lang: 'noir', files, entry, publicInputs, name, returnNames: outputNames }, vectors: parsed, soundness: false });
    const noir = formatCheckReport(report);
    // Before the lowering gave each product a witness (std::as_witness), two opcodes had the shape.
    expect(noir).not.toContain('BB-UNENFORCED');
    expect(noir.match(/✓ forge\[\d\]: forgery rejected/g), noir).toHaveLength(3);
    expect(report.passed, noir).toBe(true);
  }, 180_000);
});

/**
 * Forging for Noir: take an honest witness, replace the return value with a claimed (wrong) one and
 * ask whether the result still satisfies every constraint. `accepted: true` is always backed by a
 * concrete witness that bb.js proved and verified, so it never overstates a soundness problem.
 *
 * Editing only the return witnesses is not enough for Noir: ACIR generation gives `main`'s return
 * value fresh witnesses tied to the computed value by a final `ret − v = 0` opcode. When `v` is an
 * unconstrained hint, an attacker would change the hint as well, so a second attempt also moves
 * every intermediate witness that held the same honest value as a return witness (its aliases).
 */
import { acvm, abi, type CompiledCircuit as NoirProgram } from '@noir-lang/noir_js';
import type { ForgeResult } from '../types.js';
import { toNoirInputs, toNoirValue, toWitnessHex, type AbiType } from './acir.js';

export interface ForgeRequest {
  program: NoirProgram;
  inputs: Record<string, unknown>;
  /** `{ return: value }`, the claimed outputs. */
  outputs: Record<string, unknown>;
  /** The honest witness (compressed witness stack from noir_js). */
  honestWitness: Uint8Array;
  /** Does this compressed witness stack satisfy the circuit? */
  satisfies(compressedWitness: Uint8Array): Promise<{ ok: boolean; reason?: string }>;
}

export async function forgeReturnValue(request: ForgeRequest): Promise<ForgeResult> {
  const { program } = request;
  if (!program.abi.return_type) return { accepted: false, detail: 'the circuit returns nothing: there is no output to forge' };
  if (!('return' in request.outputs)) {
    return { accepted: false, detail: `no claimed value for "return" (got ${Object.keys(request.outputs).join(', ') || 'nothing'})` };
  }

  const stack = acvm.decompressWitnessStack(request.honestWitness);
  const main = stack.find((item) => item.index === 0) ?? stack[0];
  const honest = main.witness;
  const returnIndices = [...acvm.getReturnWitness(Buffer.from(program.bytecode, 'base64'), honest).keys()];
  const noirInputs = toNoirInputs(request.inputs, program.abi.parameters) as abi.InputMap;

  let claimed: Map<number, string>;
  try {
    const returnType = program.abi.return_type.abi_type as AbiType;
    claimed = abi.abiEncode(program.abi, noirInputs, toNoirValue(request.outputs.return, returnType) as abi.InputValue);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { accepted: false, detail: `the claimed return value is not a valid ${describeType(program)}: ${message}` };
  }
  const forged = new Map<number, bigint>();
  for (const index of returnIndices) {
    const value = claimed.get(index);
    if (value === undefined) throw new Error(`ABI encoding has no value for return witness ${index}`);
    forged.set(index, BigInt(value));
  }
  if ([...forged].every(([index, value]) => BigInt(honest.get(index) ?? '0') === value)) {
    return { accepted: true, detail: 'the claimed outputs equal the honest outputs, so the honest witness satisfies the circuit' };
  }

  const attempts: string[] = [];
  const tryWitness = async (label: string, edits: Map<number, bigint>): Promise<boolean> => {
    const witness = new Map(honest);
    for (const [index, value] of edits) witness.set(index, toWitnessHex(value));
    const edited = acvm.compressWitnessStack(stack.map((item) => (item === main ? { ...item, witness } : item)));
    const verdict = await request.satisfies(edited);
    attempts.push(`${label}: ${verdict.ok ? 'constraints satisfied' : (verdict.reason ?? 'constraints violated')}`);
    return verdict.ok;
  };

  if (await tryWitness(`edited return witnesses ${returnIndices.map((i) => `w${i}`).join(', ')}`, forged)) {
    return { accepted: true, detail: `forged witness accepted — ${attempts.join('; ')}` };
  }

  // Aliases: non-input witnesses that honestly carried a return value (hint outputs, copies).
  const inputIndices = new Set(abi.abiEncode(program.abi, noirInputs).keys());
  const aliases = new Map(forged);
  for (const [index, value] of honest) {
    if (inputIndices.has(index) || forged.has(index)) continue;
    for (const returnIndex of returnIndices) {
      if (BigInt(value) === BigInt(honest.get(returnIndex) ?? '0')) aliases.set(index, forged.get(returnIndex)!);
    }
  }
  if (aliases.size > forged.size) {
    const moved = [...aliases.keys()].filter((i) => !forged.has(i)).map((i) => `w${i}`);
    if (await tryWitness(`also moved aliases ${moved.join(', ')}`, aliases)) {
      return { accepted: true, detail: `forged witness accepted — ${attempts.join('; ')}` };
    }
  }
  return { accepted: false, detail: `forged witness rejected — ${attempts.join('; ')}` };
}

function describeType(program: NoirProgram): string {
  return `return value (${JSON.stringify(program.abi.return_type?.abi_type)})`;
}

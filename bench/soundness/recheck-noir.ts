/**
 * Re-checking a Noir counterexample with the harness alone. The analyser hands over the whole
 * alternative witness (it came from a run where only unconstrained code was rewritten), so bb.js can
 * judge it against the original program: it must satisfy every constraint, carry the stated inputs,
 * and return something other than the honest execution (or carry inputs the program refuses).
 * Without a witness, the claimed return value is forged onto the honest witness instead, which
 * misses attacks that also move intermediate values.
 */
import { abi, acvm } from '@noir-lang/noir_js';
import { toNoirInputs } from '../../compiler-harness/noir/acir.js';
import type { NoirCompiledCircuit } from '../../compiler-harness/noir/backend.js';
import type { Counterexample } from '../../compiler-harness/soundness/types.js';
import type { Backend, CompiledCircuit } from '../../compiler-harness/types.js';

export async function recheckNoir<C extends CompiledCircuit>(backend: Backend<C>, compiled: C, counterexample: Counterexample): Promise<boolean | string> {
  if (counterexample.noirWitness) return recheckWitness(backend, compiled, counterexample);
  if (counterexample.kind !== 'different-outputs') return `${counterexample.kind}: no witness to check and no honest witness to edit`;
  const claimed = counterexample.outputs.find((o) => o.name === 'return');
  if (!claimed) return 'no return value in the counterexample';
  const forged = await backend.forge(compiled, counterexample.inputs, { return: JSON.parse(claimed.alternative) as unknown });
  if (forged.detail.includes('equal the honest outputs')) return false;
  return forged.accepted ? true : `harness forge with the claimed return value rejected (${forged.detail.slice(0, 160)})`;
}

async function recheckWitness<C extends CompiledCircuit>(backend: Backend<C>, compiled: C, counterexample: Counterexample): Promise<boolean | string> {
  const data = new Uint8Array(Buffer.from(counterexample.noirWitness!, 'base64'));
  if (!(await backend.checkWitness(compiled, { lang: 'noir', data }))) return false;
  const program = (compiled as unknown as NoirCompiledCircuit).program;
  const witness = mainWitness(data);
  const stated = abi.abiEncode(program.abi, toNoirInputs(counterexample.inputs, program.abi.parameters) as abi.InputMap);
  for (const [index, value] of stated) {
    if (BigInt(witness.get(index) ?? '0') !== BigInt(value)) return 'the witness carries other inputs than stated';
  }
  const honest = await backend.execute(compiled, counterexample.inputs);
  if (counterexample.kind === 'assert-bypass') return honest.ok ? 'the program accepts the inputs of this assert-bypass counterexample' : true;
  if (!honest.ok) return 'honest execution refused the stated inputs';
  const bytecode = Buffer.from(program.bytecode, 'base64');
  const returned = (w: Map<number, string>) => [...acvm.getReturnWitness(bytecode, w).values()].map((v) => BigInt(v).toString());
  return returned(witness).join(',') !== returned(mainWitness(honest.witness.data as Uint8Array)).join(',');
}

function mainWitness(compressed: Uint8Array): Map<number, string> {
  const stack = acvm.decompressWitnessStack(compressed);
  return (stack.find((item) => item.index === 0) ?? stack[0]).witness;
}

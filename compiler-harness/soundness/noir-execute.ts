import { Noir, abi, acvm, type CompiledCircuit, type ForeignCallHandler, type InputMap, type WitnessMap } from '@noir-lang/noir_js';
import type { HintFunction } from './noir-rewrite.js';

/**
 * Executions of the rewritten program for the hint attack (noir-attack.ts). The honest run, and an
 * input set whose refusal is quoted in a finding, go through noir_js, which names the failing
 * assert. Every other run (thousands per check: each input set with honest, then mutated answers)
 * goes to the ACVM directly, with the bytecode and the input witnesses encoded once, and decodes
 * only what the caller reads: a failure is just a failure (no debug symbols inflated to locate it,
 * no stack captured), a success's return value is compared by its witnesses and decoded, and its
 * witness compressed, only when asked.
 */

export interface HintCall {
  hint: HintFunction;
  index: number;
  /** Arguments as the oracle saw them (field elements, flattened per parameter). */
  args: string[][];
  /** The honest answer, every slot's values in order (see noir-hint-types.ts). */
  honest: string[];
  /** How many of those values each slot holds. */
  sizes: number[];
}

export type Run =
  | {
      ok: true;
      calls: HintCall[];
      /** The return witnesses' values: equal keys, equal return values. */
      returnKey: string;
      returnValue(): unknown;
      witness(): Uint8Array;
      /** `main`'s witness values by index. */
      values(): Map<number, bigint>;
    }
  | { ok: false; message: string; calls: HintCall[]; /** an assert or constraint failed (not an ABI error) */ executionFailed: boolean; location?: string };

export type Answer = (call: HintCall) => string[];

export class HintExecutor {
  private readonly noir: Noir;
  private readonly bytecode: Uint8Array;
  private readonly byOracle: Map<string, HintFunction>;
  /** `main`'s return witness indices, read off the first successful run. */
  private returnWitnesses: number[] | undefined;

  constructor(private readonly program: CompiledCircuit, hints: HintFunction[]) {
    this.noir = new Noir(program);
    this.bytecode = Buffer.from(program.bytecode, 'base64');
    this.byOracle = new Map(hints.map((h) => [h.oracle, h]));
  }

  /** `main`'s return witnesses, once a run has succeeded. */
  get returns(): number[] | undefined {
    return this.returnWitnesses;
  }

  /** The input witnesses of an input set, by index; `undefined` when the ABI refuses it. */
  inputValues(inputs: InputMap): Map<number, bigint> | undefined {
    try {
      return new Map([...abi.abiEncode(this.program.abi, inputs)].map(([index, value]) => [index, BigInt(value)]));
    } catch {
      return undefined;
    }
  }

  /** A run with honest answers through noir_js: a failure carries its message and source location. */
  async located(inputs: InputMap): Promise<Run> {
    const calls: HintCall[] = [];
    try {
      const { witness } = await this.noir.execute(inputs, this.handler(calls));
      return this.success(calls, acvm.decompressWitnessStack(witness), witness);
    } catch (error) {
      const e = error as { message?: string; noirCallStack?: unknown };
      const message = e.message ?? String(error);
      const stack = Array.isArray(e.noirCallStack) ? e.noirCallStack.map(String) : [];
      // Frames read `at x < 100 (/tmp/…/src/main.nr:2:12)`; keep the project-relative part.
      const location = /\((?:.*\/)?(src\/[^:()]+:\d+):\d+\)\s*$/.exec(stack[stack.length - 1] ?? '')?.[1];
      return { ok: false, message, calls, executionFailed: stack.length > 0 || message.startsWith('Circuit execution failed'), location };
    }
  }

  /** Replays of one input set: `replay(answer)` runs it with those hint answers. */
  replays(inputs: InputMap): (answer: Answer) => Promise<Run> {
    let encoded: WitnessMap | { error: string };
    try {
      encoded = abi.abiEncode(this.program.abi, inputs);
    } catch (error) {
      encoded = { error: error instanceof Error ? error.message : String(error) };
    }
    return async (answer) => {
      const calls: HintCall[] = [];
      if ('error' in encoded) return { ok: false, message: encoded.error, calls, executionFailed: false };
      // Most replays fail, and the ACVM reports each failure as a new Error: capturing its stack
      // (wasm frames) cost more than a tenth of the attack, and nobody reads it.
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        const stack = await acvm.executeProgram(this.bytecode, new Map(encoded), this.handler(calls, answer));
        return this.success(calls, stack);
      } catch (error) {
        return { ok: false, message: `Circuit execution failed: ${error instanceof Error ? error.message : String(error)}`, calls, executionFailed: true };
      } finally {
        Error.stackTraceLimit = limit;
      }
    };
  }

  private success(calls: HintCall[], stack: acvm.WitnessStack, compressed?: Uint8Array): Run {
    const main = stack[0].witness;
    this.returnWitnesses ??= [...acvm.getReturnWitness(this.bytecode, main).keys()];
    return {
      ok: true,
      calls,
      returnKey: this.returnWitnesses.map((index) => main.get(index)).join(','),
      returnValue: () => abi.abiDecode(this.program.abi, main).return_value,
      witness: () => compressed ?? acvm.compressWitnessStack(stack),
      values: () => new Map([...main].map(([index, value]) => [index, BigInt(value)])),
    };
  }

  private handler(calls: HintCall[], answer?: Answer): ForeignCallHandler {
    return async (name, args) => {
      const hint = this.byOracle.get(name);
      if (!hint) {
        if (name === 'print') return [];
        throw new Error(`unexpected foreign call ${name}`);
      }
      // The honest answer arrives as the last slots (a tuple or struct spreads over several).
      const honestSlots = args.slice(args.length - hint.slots.length);
      const call: HintCall = { hint, index: calls.length, args: args.slice(0, args.length - hint.slots.length), honest: honestSlots.flat(), sizes: honestSlots.map((s) => s.length) };
      calls.push(call);
      const values = answer ? answer(call) : call.honest;
      let offset = 0;
      return hint.slots.map((slot, k) => {
        const part = values.slice(offset, (offset += call.sizes[k]));
        return slot.array ? part : part[0];
      });
    };
  }
}

import type { CompiledCircuit } from '@noir-lang/noir_js';
import { acirBytes } from '../noir/acir.js';
import { decodeMain, type Expression, type MainCircuit, type Opcode } from '../noir/acir-decode.js';
import { evaluate } from '../noir/acir-check.js';
import { acirSystem, wireOf, type AcirSystem } from './acir-system.js';
import { determine } from './circom-attack.js';
import type { HintCall } from './noir-execute.js';

/**
 * What the constraints alone say about a Noir program at one input (noir-attack.ts asks before it
 * searches): are the hint answers and the return value forced, so that no other answer can pass;
 * are the inputs refused, so that no answer can get them through. Both are proofs over `main`'s
 * ACIR (acir-system.ts: an encoding that leaves out what it cannot follow, never adds), by the
 * same determination the Circom analysis runs on an R1CS. When neither holds, the search runs.
 */

type BrilligCall = Extract<Opcode, { kind: 'brillig-call' }>;

export class AcirDetermination {
  private readonly calls: BrilligCall[];

  private constructor(
    private readonly main: MainCircuit,
    private readonly acir: AcirSystem,
  ) {
    this.calls = main.opcodes.filter((op): op is BrilligCall => op.kind === 'brillig-call');
  }

  /** `undefined` when the program cannot be decoded (another noir version, an opcode not read). */
  static of(program: CompiledCircuit, inputWitnesses: number[]): AcirDetermination | undefined {
    try {
      const main = decodeMain(acirBytes(program.bytecode));
      return new AcirDetermination(main, acirSystem(main, inputWitnesses));
    } catch {
      return undefined;
    }
  }

  get omitted(): string[] {
    return this.acir.omitted;
  }

  /**
   * The witnesses the hint calls of a run wrote: each call matched, in order, to the Brillig call
   * opcode that ran it (same arguments, same answer), every opcode of a matched function accounted
   * for. `undefined` when that matching fails (a hint called from unconstrained code, say).
   */
  hintOutputs(values: Map<number, bigint>, calls: HintCall[]): number[] | undefined {
    const value = (w: number) => values.get(w) ?? 0n;
    const ran = this.calls.filter((op) => op.predicate === undefined || evaluate(op.predicate, value) !== 0n);
    const hintOf = new Map<number, string>();
    const matched = new Set<BrilligCall>();
    let next = 0;
    for (const call of calls) {
      const answer = call.honest.map((v) => BigInt(v));
      const args = call.args.flat().map((v) => BigInt(v));
      let found = -1;
      for (let k = next; k < ran.length && found < 0; k++) {
        const op = ran[k];
        const outputs = op.outputs.flat();
        if (outputs.length !== answer.length || outputs.some((w, i) => value(w) !== answer[i])) continue;
        const inputs = flatInputs(op, value);
        if (inputs && (inputs.length !== args.length || inputs.some((v, i) => v !== args[i]))) continue;
        if ((hintOf.get(op.id) ?? call.hint.name) !== call.hint.name) continue;
        found = k;
      }
      if (found < 0) return undefined;
      hintOf.set(ran[found].id, call.hint.name);
      matched.add(ran[found]);
      next = found + 1;
    }
    if (ran.some((op) => hintOf.has(op.id) && !matched.has(op))) return undefined;
    return [...matched].flatMap((op) => op.outputs.flat());
  }

  /**
   * Do the constraints force every `wanted` witness at these values' inputs? `quick`: case splits
   * probed by propagation alone (false more often, never wrongly true).
   */
  forces(values: Map<number, bigint>, wanted: number[], deadline: number, quick = false): boolean {
    const result = determine(this.acir.system, this.acir.witness(values), deadline, this.acir.rules, quick);
    return !result.contradiction && wanted.every((w) => result.known[wireOf(w)] === 1);
  }

  /** Do the constraints refuse these inputs outright (no witness at all)? */
  refuses(inputs: Map<number, bigint>, deadline: number): boolean {
    return determine(this.acir.system, this.acir.witness(inputs), deadline, this.acir.rules).contradiction;
  }

  get opcodeCount(): number {
    return this.main.opcodes.length;
  }
}

/** A Brillig call's inputs flattened to values, or `undefined` when one is a memory block. */
function flatInputs(op: BrilligCall, value: (w: number) => bigint): bigint[] | undefined {
  const out: bigint[] = [];
  for (const input of op.inputs) {
    if ('block' in input) return undefined;
    const expressions: Expression[] = 'array' in input ? input.array : [input.expression];
    for (const e of expressions) out.push(evaluate(e, value));
  }
  return out;
}

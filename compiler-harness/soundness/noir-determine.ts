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
    main: MainCircuit,
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
   * The witnesses the hint calls of a run wrote: the outputs of every Brillig call opcode that ran
   * with a hint call's arguments and answer. A compiler directive that happens to take and return
   * the same values as a hint (a field inverse, say) is included too, since which of the two ran
   * the hint cannot be told apart that way: asking more of the constraints only proves less.
   * `undefined` when some hint call matches no opcode (a hint called from unconstrained code, say).
   */
  hintOutputs(values: Map<number, bigint>, calls: HintCall[]): number[] | undefined {
    const value = (w: number) => values.get(w) ?? 0n;
    // Inputs `undefined`: an opcode whose inputs sit in a memory block, matched by its answer alone.
    const signature = (inputs: bigint[] | undefined, outputs: bigint[]) => `${inputs?.join(',') ?? '*'}|${outputs.join(',')}`;
    const wanted = calls.map((call) => {
      const answer = call.honest.map((v) => BigInt(v));
      return [signature(call.args.flat().map((v) => BigInt(v)), answer), signature(undefined, answer)];
    });
    const signatures = new Set(wanted.flat());
    const matched = new Set<string>();
    const outputs = new Set<number>();
    for (const op of this.calls) {
      if (op.predicate !== undefined && evaluate(op.predicate, value) === 0n) continue; // did not run
      const written = op.outputs.flat();
      const key = signature(flatInputs(op, value), written.map(value));
      if (!signatures.has(key)) continue;
      matched.add(key);
      for (const w of written) outputs.add(w);
    }
    return wanted.every((keys) => keys.some((key) => matched.has(key))) ? [...outputs] : undefined;
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

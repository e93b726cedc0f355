import { readFile } from 'node:fs/promises';
import { mod } from './field.js';

/**
 * A circom (≥ 2.0.7) witness generator driven directly through its WASM exports, like circom's
 * own witness_calculator.js, with one difference that matters here: a failing `assert` is recorded
 * instead of aborting. The generator then finishes the witness, which lets the analysis ask "does
 * any witness for these rejected inputs still satisfy every constraint?" — an `assert` is checked
 * only while computing the witness and adds no constraint.
 */

// The project compiles without the DOM lib, where Node's WebAssembly global is typed: the little used here.
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: object): Promise<{ exports: unknown }>;
};
type WasmModule = { readonly __wasmModule: unique symbol };

interface CircomExports {
  init(sanityCheck: number): void;
  getFieldNumLen32(): number;
  getRawPrime(): void;
  readSharedRWMemory(index: number): number;
  writeSharedRWMemory(index: number, value: number): void;
  getInputSignalSize(hashMsb: number, hashLsb: number): number;
  setInputSignal(hashMsb: number, hashLsb: number, position: number): void;
  getWitnessSize(): number;
  getWitness(index: number): void;
  getMessageChar(): number;
}

export type WitnessOutcome =
  | { ok: true; witness: bigint[]; failedAsserts: string[] }
  | { ok: false; message: string };

export class CircomWitnessGenerator {
  private constructor(
    private readonly module: WasmModule,
    readonly prime: bigint,
  ) {}

  static async load(wasmPath: string): Promise<CircomWitnessGenerator> {
    const module = await WebAssembly.compile(await readFile(wasmPath));
    const probe = await instantiate(module, { asserts: [], errors: [] });
    probe.getRawPrime();
    return new CircomWitnessGenerator(module, readShared(probe, probe.getFieldNumLen32()));
  }

  /** Compute the witness; `failedAsserts` lists the messages of asserts that failed on the way. */
  async calculate(inputs: Record<string, unknown>): Promise<WitnessOutcome> {
    // A fresh instance per run: an aborted run can leave the module's memory half-written.
    const log = { asserts: [] as string[], errors: [] as string[] };
    const exports = await instantiate(this.module, log);
    const n32 = exports.getFieldNumLen32();
    try {
      exports.init(0);
      for (const [name, value] of Object.entries(inputs)) {
        const [msb, lsb] = fnvHash(name);
        const values = flatten(value);
        const size = exports.getInputSignalSize(msb, lsb);
        if (size < 0) return { ok: false, message: `the circuit has no input signal "${name}"` };
        if (size !== values.length) return { ok: false, message: `input "${name}" needs ${size} values, got ${values.length}` };
        values.forEach((element, position) => {
          writeShared(exports, n32, mod(element, this.prime));
          exports.setInputSignal(msb, lsb, position);
        });
      }
      const size = exports.getWitnessSize();
      const witness: bigint[] = [];
      for (let i = 0; i < size; i++) {
        exports.getWitness(i);
        witness.push(readShared(exports, n32));
      }
      return { ok: true, witness, failedAsserts: log.asserts };
    } catch (error) {
      const detail = log.errors.join(' ').trim();
      return { ok: false, message: `${(error as Error).message}${detail ? `: ${detail}` : ''}` };
    }
  }
}

async function instantiate(module: WasmModule, log: { asserts: string[]; errors: string[] }): Promise<CircomExports> {
  let exports: CircomExports | undefined;
  let pending = '';
  const message = (): string => {
    let text = '';
    for (let c = exports!.getMessageChar(); c !== 0; c = exports!.getMessageChar()) text += String.fromCharCode(c);
    return text;
  };
  const ignore = () => undefined;
  const instance = await WebAssembly.instantiate(module, {
    runtime: {
      exceptionHandler(code: number) {
        // 4 = assert failed: note it and let the generator carry on (the wasm continues past it).
        if (code === 4) {
          log.asserts.push(pending.trim() || 'assert failed');
          pending = '';
          return;
        }
        throw new Error(`circom witness generator error ${code}`);
      },
      printErrorMessage() {
        pending += `${message()}\n`;
        log.errors.push(pending.trim());
      },
      writeBufferMessage() {
        message();
      },
      showSharedRWMemory: ignore,
      error(code: number) {
        throw new Error(`circom witness generator error ${code}`);
      },
      log: ignore,
      logGetSignal: ignore,
      logSetSignal: ignore,
      logStartComponent: ignore,
      logFinishComponent: ignore,
    },
  });
  exports = instance.exports as unknown as CircomExports;
  return exports;
}

function readShared(exports: CircomExports, n32: number): bigint {
  let value = 0n;
  for (let j = n32 - 1; j >= 0; j--) value = (value << 32n) | BigInt(exports.readSharedRWMemory(j) >>> 0);
  return value;
}

function writeShared(exports: CircomExports, n32: number, value: bigint): void {
  for (let j = 0; j < n32; j++) exports.writeSharedRWMemory(j, Number((value >> BigInt(32 * j)) & 0xffffffffn));
}

function flatten(value: unknown): bigint[] {
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (typeof value === 'bigint') return [value];
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return [BigInt(value)];
  throw new TypeError(`input value ${String(value)} is not a number, string, bigint or array`);
}

/** circom's 64-bit FNV-1a of the signal name, split into the two halves its exports take. */
function fnvHash(name: string): [number, number] {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < name.length; i++) {
    hash ^= BigInt(name.charCodeAt(i));
    hash = (hash * 0x100000001b3n) % (1n << 64n);
  }
  return [Number(hash >> 32n), Number(hash & 0xffffffffn)];
}

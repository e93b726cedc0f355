// ffjavascript ships no types: the parts of its bn128 engine zkcoder uses. Field elements and
// points are raw Uint8Arrays in the engine's internal (Montgomery, little-endian) representation.
declare module 'ffjavascript' {
  /** A wasm call argument: a task variable's address (+ offset) or a plain number. */
  export type FfTaskParam = { var: number; offset?: number } | { val: number };
  /** One command of a task run by a worker's wasm instance (see threadman_thread.js). */
  export type FfTaskCommand =
    | { cmd: 'ALLOCSET'; var: number; buff: Uint8Array }
    | { cmd: 'ALLOC'; var: number; len: number }
    | { cmd: 'SET'; var: number; buff: Uint8Array }
    | { cmd: 'CALL'; fnName: string; params: FfTaskParam[] }
    | { cmd: 'GET'; out: number; var: number; len: number };

  export interface FfThreadManager {
    concurrency: number;
    singleThread: boolean;
    /** Runs the commands in a free worker; resolves with the `GET` outputs by `out` index. */
    queueAction(task: FfTaskCommand[], transfers?: ArrayBuffer[]): Promise<Uint8Array[]>;
    terminate(): Promise<void>;
  }

  export interface FfField {
    n8: number;
    one: Uint8Array;
    zero: Uint8Array;
    e(value: bigint | number | string | Uint8Array): Uint8Array;
    mul(a: Uint8Array, b: Uint8Array): Uint8Array;
    eq(a: Uint8Array, b: Uint8Array): boolean;
    isZero(a: Uint8Array): boolean;
    toObject(a: Uint8Array): bigint;
    fromMontgomery(a: Uint8Array): Uint8Array;
    batchFromMontgomery(buff: Uint8Array): Promise<Uint8Array>;
    batchToMontgomery(buff: Uint8Array): Promise<Uint8Array>;
    /** Element i of the result is `first·inc^i·buff[i]`. */
    batchApplyKey(buff: Uint8Array, first: Uint8Array, inc: Uint8Array): Promise<Uint8Array>;
    fft(buff: Uint8Array): Promise<Uint8Array>;
    ifft(buff: Uint8Array): Promise<Uint8Array>;
  }

  export interface FfCurveGroup {
    /** The base field (Fq for G1, Fq2 for G2). */
    F: { n8: number };
    /** Generator, jacobian. */
    g: Uint8Array;
    oneAffine: Uint8Array;
    zeroAffine: Uint8Array;
    timesFr(point: Uint8Array, scalar: Uint8Array): Uint8Array;
    toAffine(point: Uint8Array): Uint8Array;
    toUncompressed(point: Uint8Array): Uint8Array;
    fromRng(rng: ChaCha): Uint8Array;
    eq(a: Uint8Array, b: Uint8Array): boolean;
    /** Affine internal form → uncompressed big-endian standard form, many points at once. */
    batchLEMtoU(buff: Uint8Array): Promise<Uint8Array>;
    /** Point i of the result is `first·inc^i·buff[i]`. */
    batchApplyKey(buff: Uint8Array, first: Uint8Array, inc: Uint8Array): Promise<Uint8Array>;
  }

  export interface FfCurve {
    name: string;
    q: bigint;
    r: bigint;
    Fr: FfField;
    G1: FfCurveGroup;
    G2: FfCurveGroup;
    tm: FfThreadManager;
    /** Stops the worker threads and clears the process-wide instance. */
    terminate(): Promise<void>;
  }

  /** Without `singleThread`, returns the process-wide instance (`globalThis.curve_bn128`). */
  export function buildBn128(singleThread?: boolean): Promise<FfCurve>;

  export class ChaCha {
    constructor(seed?: number[]);
    nextU32(): number;
  }
}

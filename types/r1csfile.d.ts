// r1csfile ships no types: the reader zkcoder uses (tests cross-check the soundness analysis with it).
declare module 'r1csfile' {
  /** Field adapter r1csfile calls to decode coefficients; `p` must equal the file's prime. */
  export interface R1csField<T> {
    p: bigint;
    fromRprLE(buffer: Uint8Array, offset: number): T;
  }
  export interface R1csFile<T> {
    prime: bigint;
    nVars: number;
    nOutputs: number;
    nPubInputs: number;
    nPrvInputs: number;
    nConstraints: number;
    /** [A, B, C] per constraint, each a map wire index → coefficient. */
    constraints: [Record<string, T>, Record<string, T>, Record<string, T>][];
  }
  export function readR1cs<T>(
    fileName: string,
    options: {
      loadConstraints?: boolean;
      loadMap?: boolean;
      singleThread?: boolean;
      getFieldFromPrime?: (prime: bigint, singleThread?: boolean) => R1csField<T> | Promise<R1csField<T>>;
    },
  ): Promise<R1csFile<T>>;
}

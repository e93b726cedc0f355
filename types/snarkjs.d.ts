// snarkjs and ffjavascript ship no types: the few entry points zkcoder uses, loosely typed.
declare module 'snarkjs' {
  type FileRef = string | { type: 'mem'; data?: Uint8Array };
  type Logger = { debug?(m: string): void; info?(m: string): void; warn?(m: string): void; error?(m: string): void };
  export const groth16: {
    prove(zkey: FileRef, wtns: FileRef, logger?: Logger): Promise<{ proof: any; publicSignals: string[] }>;
    fullProve(input: unknown, wasm: string, zkey: FileRef, logger?: Logger): Promise<{ proof: any; publicSignals: string[] }>;
    verify(vk: unknown, publicSignals: unknown[], proof: unknown, logger?: Logger): Promise<boolean>;
    setup?(...args: any[]): Promise<any>;
  };
  export const plonk: {
    setup(r1cs: FileRef, ptau: FileRef, zkey: FileRef, logger?: Logger): Promise<any>;
    prove(zkey: FileRef, wtns: FileRef, logger?: Logger): Promise<{ proof: any; publicSignals: string[] }>;
    fullProve(input: unknown, wasm: string, zkey: FileRef, logger?: Logger): Promise<{ proof: any; publicSignals: string[] }>;
    verify(vk: unknown, publicSignals: unknown[], proof: unknown, logger?: Logger): Promise<boolean>;
  };
  export const zKey: {
    newZKey(r1cs: FileRef, ptau: FileRef, zkey: FileRef, logger?: Logger): Promise<any>;
    contribute(oldZkey: FileRef, newZkey: FileRef, name: string, entropy: string, logger?: Logger): Promise<any>;
    exportVerificationKey(zkey: FileRef, logger?: Logger): Promise<any>;
  };
  export const powersOfTau: Record<string, (...args: any[]) => Promise<any>>;
  export const wtns: {
    calculate(input: unknown, wasm: string, out: FileRef): Promise<void>;
    check(r1cs: FileRef, wtns: FileRef, logger?: Logger): Promise<boolean>;
    exportJson(wtns: FileRef): Promise<bigint[]>;
  };
  export const r1cs: Record<string, (...args: any[]) => Promise<any>>;
  export const curves: { getCurveFromName(name: string): Promise<{ terminate(): Promise<void> } & Record<string, any>> };
}

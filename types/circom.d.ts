declare module 'circom2' {
  export class CircomRunner {
    constructor(options: {
      args: string[];
      env?: Record<string, string>;
      preopens?: Record<string, string>;
      bindings: Record<string, unknown>;
    });
    /** Called by `execute` with its argument: the compiled WebAssembly module to instantiate. */
    compile(wasm: Uint8Array): Promise<object>;
    execute(wasm: Uint8Array): Promise<WebAssembly.Instance>;
  }
  export const bindings: Record<string, unknown>;
  export const preopens: Record<string, string>;
}

/**
 * circom2's runner, compiling its compiler module once per thread. circom2 compiles the 9 MB module
 * again at every run, and V8 then optimises the hot code of each new module again: seconds of CPU
 * per circuit. Sharing one module keeps that work; each run still gets a fresh instance, with its
 * own memory and WASI state.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CircomRunner, bindings } = require('circom2') as typeof import('circom2');

export { bindings };

// The project compiles without the DOM lib, where Node's WebAssembly global is typed: the one call used here.
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

let compilerModule: Promise<object> | undefined;

export class ReusingCircomRunner extends CircomRunner {
  override compile(wasm: Uint8Array): Promise<object> {
    if (!compilerModule) {
      compilerModule = WebAssembly.compile(wasm);
      // A failed compile is not kept: the next run tries again.
      compilerModule.catch(() => (compilerModule = undefined));
    }
    return compilerModule;
  }
}

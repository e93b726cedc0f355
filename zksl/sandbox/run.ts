/**
 * Running untrusted sketch source. The sketch is transpiled on the host (esbuild) and executed in a
 * fresh QuickJS WebAssembly instance holding only the ZKSL runtime: it has no file system, network,
 * environment or processes to reach, a memory cap, a stack cap and a deadline. A Node child under
 * the permission model was rejected because Node 20's permission model leaves the network open.
 * The sketch can still lie inside its own sandbox, so the reply is read as hostile data (reply.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { newQuickJSWASMModule, shouldInterruptAfterDeadline } from 'quickjs-emscripten';
import type { RunFailure } from '../core/run.js';
import type { GuestRequest } from './guest.js';
import { LOCKDOWN, REFUSAL } from './lockdown.js';
import { cleanMessage, malformed, MAX_REPLY_CHARS, readReply, type ReplyResult } from './reply.js';

export interface SandboxOptions {
  /** Wall-clock limit for the whole run, ms (default 5 000). */
  timeoutMs?: number;
  /** Heap limit inside the sandbox, bytes (default 128 MiB). */
  memoryBytes?: number;
}

export type SandboxResult<T> =
  | { ok: true; result: T; durationMs: number }
  | { ok: false; failure: RunFailure; durationMs: number };

let runtimeBundle: Promise<string> | undefined;

/** The ZKSL runtime + runners + lowerings as one script, built once per process. */
export function runtimeBundleCode(): Promise<string> {
  runtimeBundle ??= (async () => {
    const ts = fileURLToPath(new URL('./guest.ts', import.meta.url));
    const entry = existsSync(ts) ? ts : ts.replace(/\.ts$/, '.js');
    const result = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'neutral', target: 'es2020', logLevel: 'silent' });
    return result.outputFiles[0].text;
  })();
  return runtimeBundle;
}

const ALLOWED_IMPORT = /^(zksl|(\.{1,2}\/)+(runtime|index)(\.[jt]s)?)$/;

/** Imports are checked on the source text because the transpiler drops unused ones silently. */
function refusedImport(source: string): RunFailure | undefined {
  const pattern = /(\bimport\s+type\b[^;'"`]*)?(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"`]([^'"`]+)['"`]/g;
  for (const match of source.matchAll(pattern)) {
    // type-only imports vanish in transpilation
    if (match[1] || ALLOWED_IMPORT.test(match[2])) continue;
    const line = source.slice(0, match.index).split('\n').length;
    return {
      kind: 'refused',
      message: `${REFUSAL} import of '${match[2]}' at sketch.ts:${line}: a sketch may import only from "zksl" (no file system, network, environment or child processes)`,
      location: { file: 'sketch.ts', line },
    };
  }
  return undefined;
}

/** Transpile TS sketch source to a CommonJS body plus a generated → original line table. */
async function transpile(source: string): Promise<{ code: string; lines: number[] } | RunFailure> {
  const refused = refusedImport(source);
  if (refused) return refused;
  try {
    const out = await transform(source, { loader: 'ts', format: 'cjs', sourcemap: 'external', sourcefile: 'sketch.ts', target: 'es2020' });
    return { code: out.code, lines: lineTable(out.map) };
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { line: number } }[] }).errors?.[0];
    const location = first?.location ? { file: 'sketch.ts', line: first.location.line } : undefined;
    return { kind: 'sketch', message: `sketch does not parse: ${first?.text ?? String(error)}`, location };
  }
}

type Thrown = { name?: string; message?: string; stack?: string };

/** The sketch line of the first `sketch.ts:N` frame of a stack (N is a transpiled line; `lines` maps it back). */
function sketchLocation(stack: string | undefined, lines: number[]): RunFailure['location'] {
  const match = /\bsketch\.ts:(\d+)/.exec(stack ?? '');
  if (!match) return undefined;
  const generated = Number(match[1]);
  return { file: 'sketch.ts', line: lines[generated] || generated };
}

function classify(error: Thrown | undefined | null, lines: number[] = []): RunFailure {
  // QuickJS throws null when it cannot even allocate the error object
  if (error === null || error === undefined) return { kind: 'memory', message: 'sketch stopped: out of memory (memory limit)' };
  const message = String(error?.message ?? error ?? 'unknown error');
  if (message === 'interrupted') return { kind: 'timeout', message: 'sketch stopped: it ran past the time limit (an endless loop?)' };
  if (/out of memory|stack overflow|string too long|too many/i.test(message)) return { kind: 'memory', message: `sketch stopped: ${message} (memory or stack limit)` };
  if (message.includes(REFUSAL)) return { kind: 'refused', message };
  if (message.startsWith('sketch error: ')) return { kind: 'sketch', message };
  // thrown while the module itself ran (top-level code): say where
  const location = sketchLocation(error?.stack, lines);
  const where = location ? ` (sketch.ts:${location.line})` : '';
    const name = error?.name === 'UnknownMemberError' ? '' : `${error?.name ?? 'Error'}: `;
  return { kind: 'sketch', message: `sketch error: ${name}${message}${where}`, ...(location ? { location } : {}) };
}

type Op = GuestRequest['op'];
type Context = ReturnType<ReturnType<Awaited<ReturnType<typeof newQuickJSWASMModule>>['newRuntime']>['newContext']>;
type Handle = Parameters<Context['typeof']>[0];

/**
 * A string property of a guest value, read through the QuickJS API (no guest-side serialisation,
 * which a sketch could have patched); undefined when it is missing, not a string, or throws.
 */
function readString(context: Context, handle: Handle, key?: string): string | undefined {
  try {
    const target = key === undefined ? handle.dup() : context.getProp(handle, key);
    try {
      if (context.typeof(target) !== 'string') return undefined;
      const length = context.getProp(target, 'length').consume((n) => context.getNumber(n));
      if (length > MAX_REPLY_CHARS) return `(a string of ${length} characters, too long to read)`;
      return context.getString(target);
    } finally {
      target.dispose();
    }
  } catch {
    return undefined;
  }
}

/** What the guest threw, read field by field: a thrown value is as untrusted as a reply. */
function readThrown(context: Context, error: Handle): Thrown | null {
  const type = context.typeof(error);
  // QuickJS throws null when it cannot even allocate the error object
  if (type === 'undefined' || (type === 'object' && isNull(context, error))) return null;
  if (type === 'string') return { message: cleanMessage(readString(context, error) ?? '') };
  if (type !== 'object' && type !== 'function') return { message: `the sketch threw a ${type}` };
  const message = readString(context, error, 'message');
  const name = readString(context, error, 'name');
  const stack = readString(context, error, 'stack')?.slice(0, 4000);
  return { name: name === undefined ? undefined : cleanMessage(name).slice(0, 100), message: message === undefined ? 'the sketch threw a value that is not an Error' : cleanMessage(message), stack };
}

function isNull(context: Context, handle: Handle): boolean {
  try {
    return context.sameValue(handle, context.null);
  } catch {
    return false;
  }
}

/**
 * Run one request against sketch source inside a fresh sandbox. The reply is validated against the
 * request's schema; a reply that is not plain, well-formed data is a sketch failure like any other.
 */
export async function runInSandbox<O extends Op>(source: string, request: GuestRequest & { op: O }, options: SandboxOptions = {}): Promise<SandboxResult<ReplyResult<O>>> {
  type T = ReplyResult<O>;
  const started = Date.now();
  const done = (r: { ok: true; result: T } | { ok: false; failure: RunFailure }): SandboxResult<T> => ({ ...r, durationMs: Date.now() - started });
  const [bundle, transpiled] = await Promise.all([runtimeBundleCode(), transpile(source)]);
  if ('kind' in transpiled) return done({ ok: false, failure: transpiled });
  const quickjs = await newQuickJSWASMModule();
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(options.memoryBytes ?? 128 * 1024 * 1024);
  // small enough that QuickJS reports the overflow before the host's own stack runs out
  runtime.setMaxStackSize(256 * 1024);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(started + (options.timeoutMs ?? 5_000)));
  const context = runtime.newContext();
  try {
    const steps: [string, string][] = [
      [bundle, 'zksl-runtime.js'],
      [LOCKDOWN, 'zksl-sandbox.js'],
      // the wrapper shares line 1 with the sketch so line numbers stay aligned
      [`globalThis.__sketch = { exports: {} }; (function (module, exports, require) {${transpiled.code}\n})(__sketch, __sketch.exports, __zkslRequire);`, 'sketch.ts'],
      [`__zkslHandle(${JSON.stringify(JSON.stringify({ ...request, source, lines: transpiled.lines }))}, __sketch.exports)`, 'zksl-sandbox.js'],
    ];
    let last: string | undefined;
    for (const [code, file] of steps) {
      let result: ReturnType<typeof context.evalCode>;
      try {
        result = context.evalCode(code, file);
      } catch (error) {
        // the WebAssembly engine itself failed (host stack exhausted, instance aborted)
        return done({ ok: false, failure: classify({ message: `stack overflow in the sandbox engine (${(error as Error).message})` }) });
      }
      if (result.error) {
        const thrown = readThrown(context, result.error);
        result.error.dispose();
        return done({ ok: false, failure: classify(thrown, file === 'sketch.ts' ? transpiled.lines : []) });
      }
      last = readString(context, result.value);
      result.value.dispose();
    }
    if (last === undefined) return done({ ok: false, failure: malformed('not a string') });
    const reply = readReply(request.op, last);
    if (!reply.ok && reply.failure.kind === 'sketch') return done({ ok: false, failure: classify({ message: reply.failure.message }) });
    return done(reply as { ok: true; result: T } | { ok: false; failure: RunFailure });
  } finally {
    try {
      context.dispose();
      runtime.dispose();
    } catch {
      // QuickJS can abort while freeing a runtime that died mid-way (e.g. after a stack overflow);
      // the WebAssembly instance is private to this run and simply dropped.
    }
  }
}

// Just enough source-map decoding to turn a line of transpiled sketch code back into the line the
// model wrote: the first mapped segment of each generated line gives its original line.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) throw new Error(`bad source map character '${char}'`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/**
 * Generated line (1-based index) → original line (1-based), or 0 when the generated line has no
 * mapping. Example: `lineTable(map)[12] === 9`.
 */
export function lineTable(mapJson: string): number[] {
  const { mappings } = JSON.parse(mapJson) as { mappings: string };
  const table: number[] = [0];
  let originalLine = 0;
  for (const line of mappings.split(';')) {
    const originals: number[] = [];
    let column = 0;
    let leading = false;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      column += fields[0];
      if (fields.length >= 4) {
        originalLine += fields[2];
        if (originals.length === 0) leading = column === 0;
        originals.push(originalLine + 1);
      }
    }
    // esbuild maps a line's indentation (column 0) to where the previous statement ended; the code
    // on the line starts at the next segment
    table.push((leading && originals.length > 1 ? originals[1] : originals[0]) ?? 0);
  }
  return table;
}

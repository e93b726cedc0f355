/**
 * Source locations for constraints and hints: the first stack frame that is not ZKSL runtime code,
 * i.e. the line of the sketch that called the gadget. The sandbox swaps in its own frame filter and
 * line mapping (its sketch is transpiled), so the core never reads files.
 */

export interface Location {
  file: string;
  /** 1-based. */
  line: number;
  column?: number;
}

export interface LocatorConfig {
  /** True for frames that belong to the ZKSL runtime rather than to the sketch. */
  isRuntimeFrame(file: string): boolean;
  /** Map a generated position back to the sketch source (identity by default). */
  mapLocation?(location: Location): Location;
}

const defaultConfig: LocatorConfig = {
  isRuntimeFrame: (file) =>
    /[\\/]zksl[\\/](core|gadgets|lower|sandbox)[\\/]/.test(file) ||
    /[\\/]zksl[\\/](runtime|index)\.[jt]s$/.test(file) ||
    file.includes('node_modules') ||
    file.startsWith('node:'),
};

let config: LocatorConfig = defaultConfig;

/** Replace the frame filter (the sandbox uses this); returns the previous one. */
export function setLocatorConfig(next: LocatorConfig | undefined): LocatorConfig {
  const previous = config;
  config = next ?? defaultConfig;
  return previous;
}

// Node: "at fn (file:///a/b.ts:12:5)" or "at file:///a/b.ts:12:5"; QuickJS: "at fn (sketch.ts:3:40)".
const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+)(?::(\d+))?\)?\s*$/;

/** Where the current ZKSL call came from in the sketch; undefined when no sketch frame is on the stack. */
export function captureLocation(): Location | undefined {
  return resolveTrace(captureTrace());
}

/**
 * Capture the stack now and read it later: V8 formats (and source-maps) a stack only when `.stack`
 * is read, which is most of the cost, and most locations are never read.
 */
export function captureTrace(): Error {
  const limit = (Error as { stackTraceLimit?: number }).stackTraceLimit;
  (Error as { stackTraceLimit?: number }).stackTraceLimit = 60;
  const trace = new Error();
  (Error as { stackTraceLimit?: number }).stackTraceLimit = limit;
  return trace;
}

/** Give `target` a `location` property resolved from `trace` on first read (enumerable, so JSON sees it). */
export function defineLazyLocation(target: object, trace: Error | undefined): void {
  Object.defineProperty(target, 'location', {
    enumerable: true,
    configurable: true,
    get() {
      const location = trace ? resolveTrace(trace) : undefined;
      Object.defineProperty(target, 'location', { value: location, enumerable: true, configurable: true, writable: true });
      return location;
    },
  });
}

export function resolveTrace(trace: Error): Location | undefined {
  const stack = trace.stack ?? '';
  for (const line of stack.split('\n')) {
    if (!/^\s*at /.test(line)) continue;
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const file = match[1].replace(/^file:\/\//, '');
    if (config.isRuntimeFrame(file)) continue;
    const location: Location = { file, line: Number(match[2]) };
    if (match[3]) location.column = Number(match[3]);
    return config.mapLocation ? config.mapLocation(location) : location;
  }
  return undefined;
}

export function formatLocation(location: Location | undefined): string {
  if (!location) return '<unknown location>';
  return `${location.file}:${location.line}`;
}

/**
 * JSON from users and models, read as data: every object has a null prototype (so `__proto__`,
 * `constructor` or `toString` are names like any other), nesting is limited before `JSON.parse`
 * runs (it overflows the stack on deep input, which would surface as an internal error), and a
 * number too large for a double (`1e400`, which `JSON.parse` turns into `Infinity`) is refused.
 * Every problem names its JSON path, e.g. `accept[0].outputs.out`.
 */

/** Deep enough for any vectors file or saved run; far below what `JSON.parse` survives. */
export const DEFAULT_MAX_DEPTH = 128;

export class JsonDataError extends Error {
  override name = 'JsonDataError';
  constructor(
    /** Where, as people write it (`accept[0].inputs.a`); empty at the top level. */
    readonly path: string,
    /** What is wrong, without the path. */
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
  }
}

/** A JSON object as data: no inherited keys. */
export type DataObject = { [key: string]: unknown };

/** Parse `text` as JSON data; throws `JsonDataError` naming the path of the first problem. */
export function parseJsonData(text: string, options: { maxDepth?: number } = {}): unknown {
  scanLimits(text, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new JsonDataError('', `not valid JSON (${(error as Error).message})`);
  }
  return asData(parsed);
}

/** A copy of parsed JSON whose objects have null prototypes (own keys only, `__proto__` kept). */
export function asData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asData);
  if (value === null || typeof value !== 'object') return value;
  const data: DataObject = Object.create(null);
  for (const key of Object.keys(value)) {
    // defineProperty, not assignment: assigning `__proto__` would set a prototype on a plain object.
    Object.defineProperty(data, key, { value: asData((value as DataObject)[key]), enumerable: true, writable: true, configurable: true });
  }
  return data;
}

interface Frame {
  kind: 'object' | 'array';
  /** The current key (objects) or index (arrays). */
  key?: string;
  index: number;
  expectKey: boolean;
}

/**
 * One pass over the text, before `JSON.parse`: brackets deeper than `maxDepth` and numbers that
 * are not finite doubles are refused with their path. Malformed text is left to `JSON.parse`.
 */
function scanLimits(text: string, maxDepth: number): void {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectKey) {
        top.key = decodeString(text.slice(i, end + 1));
        top.expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) throw new JsonDataError(shortPath(stack), `nested deeper than ${maxDepth} levels`);
      stack.push({ kind: c === '{' ? 'object' : 'array', index: 0, expectKey: c === '{' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'array') top.index++;
      else if (top) top.expectKey = true;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const token = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 4096))?.[0] ?? c;
      if (!Number.isFinite(Number(token))) {
        throw new JsonDataError(shortPath(stack), `${shorten(token)} is out of range for a JSON number (write a large integer as a decimal string)`);
      }
      i += token.length - 1;
    }
  }
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

function decodeString(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

function pathOf(stack: Frame[]): string {
  return stack
    .map((f) => (f.kind === 'array' ? `[${f.index}]` : f.key === undefined ? '' : /^[A-Za-z_$][\w$]*$/.test(f.key) ? `.${f.key}` : `[${JSON.stringify(f.key)}]`))
    .join('')
    .replace(/^\./, '');
}

/** The path, its middle elided when it is very long (a deeply nested value). */
function shortPath(stack: Frame[]): string {
  const full = pathOf(stack);
  return full.length > 120 ? `${full.slice(0, 80)}…${full.slice(-30)}` : full;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 30)}…` : text;
}

/**
 * The sandbox reply as hostile data. Whatever the guest sends back is parsed under a size cap and
 * checked against a schema per request; names must be identifiers, values decimal field elements,
 * messages are capped and stripped of terminal control characters. Anything else is a malformed
 * reply: a failure of the sketch (which the model can repair), never an exception or a verdict.
 */
import { z } from 'zod';
import type { RunFailure } from '../core/run.js';
import type { GuestRequest } from './guest.js';

/** Largest reply accepted, in UTF-16 code units (lowered circuits of big sketches run to a few MiB). */
export const MAX_REPLY_CHARS = 16 * 1024 * 1024;
const MAX_MESSAGE_CHARS = 4_000;

// Keep newlines and tabs (multi-line diagnostics), drop what could move a terminal's cursor or colour.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A message from the guest made safe to print: capped, without terminal control characters. */
export function cleanMessage(text: string): string {
  const clean = text.replace(CONTROL, '?');
  return clean.length > MAX_MESSAGE_CHARS ? `${clean.slice(0, MAX_MESSAGE_CHARS)}… (cut)` : clean;
}

const message = z.string().transform(cleanMessage);

/** An input, output or parameter name: an identifier, never a key with a special meaning. */
const name = z
  .string()
  .regex(/^[A-Za-z_$][\w$]{0,99}$/, 'not an identifier')
  .refine((key) => key !== '__proto__', 'reserved name');
const count = z.number().int().nonnegative();
const location = z.strictObject({ file: z.string().max(200).regex(/^[^\n\r]*$/), line: count, column: count.optional() });

const failure = z.strictObject({
  kind: z.enum(['constraint', 'hint', 'input', 'sketch', 'timeout', 'memory', 'refused']),
  message,
  location: location.optional(),
  label: message.optional(),
  input: name.optional(),
});

/** A canonical (or, for signed outputs, signed) decimal field element, nested for arrays. */
const fieldText = z.string().regex(/^-?\d{1,80}$/, 'not a decimal field element');
type Value = string | Value[];
const value: z.ZodType<Value> = z.lazy(() => z.union([fieldText, z.array(value)]));
const values = z.record(name, value);

/** An input or expected value as a test vector gives it (numbers, decimal or hex strings, booleans). */
type VectorValue = number | string | boolean | VectorValue[];
const vectorValue: z.ZodType<VectorValue> = z.lazy(() =>
  z.union([z.number().refine(Number.isSafeInteger, 'not a safe integer'), z.string().regex(/^-?(0x[0-9a-fA-F]{1,64}|\d{1,80})$/), z.boolean(), z.array(vectorValue)]),
);
/** The same with null holes: a sampled invalid input leaves them to be filled from a valid one. */
type HoledValue = VectorValue | null | HoledValue[];
const holedValue: z.ZodType<HoledValue> = z.lazy(() => z.union([vectorValue, z.null(), z.array(holedValue)]));
const vectorValues = z.record(name, vectorValue);

const finding = z.strictObject({ code: z.literal('unconstrained-hint'), severity: z.literal('error'), message, location: location.optional(), variable: count });
const counts = z.strictObject({
  variables: count,
  hints: count,
  quadratic: count,
  linear: count,
  range: count,
  rangeBits: count,
  lookup: count,
  lookupDomain: count,
  r1csEstimate: count,
});
const problem = z.strictObject({ where: z.enum(['params', 'vectors']), message });

const witness = z.union([
  z.strictObject({ ok: z.literal(true), outputs: values, signedOutputs: values, counts, findings: z.array(finding) }),
  z.strictObject({ ok: z.literal(false), failure }),
]);

const constraints = z.strictObject({
  ok: z.boolean(),
  counts,
  findings: z.array(finding),
  failure: failure.optional(),
  system: z.array(z.strictObject({ text: z.string(), label: z.string(), location: z.string().optional() })).optional(),
});

const testVectors = z.strictObject({
  accept: z.array(z.strictObject({ inputs: vectorValues, outputs: vectorValues.optional() })),
  reject: z.array(z.strictObject({ inputs: vectorValues, reason: message })),
  forge: z.array(z.strictObject({ inputs: vectorValues, outputs: vectorValues, reason: message })),
});

const observations = z.strictObject({
  problems: z.array(problem),
  accept: z.array(z.union([z.strictObject({ ran: z.literal(true), outputs: values }), z.strictObject({ ran: z.literal(false), failure })])),
  reject: z.array(z.union([z.strictObject({ ran: z.literal(true) }), z.strictObject({ ran: z.literal(false), failure })])),
  forge: z.array(z.strictObject({ accepted: z.boolean(), detail: message, failure: failure.optional(), honestFailed: z.boolean() })),
  findings: z.array(finding),
  structureFailure: failure.optional(),
});

/** The vectors the guest ran when the host gave none (the module's own export), and what it saw. */
const vectorRun = z.strictObject({ vectors: testVectors.optional(), observations });

const derived = z.strictObject({
  accept: z.array(z.strictObject({ inputs: vectorValues, outputs: vectorValues })),
  reject: z.array(z.strictObject({ inputs: z.record(name, holedValue), reason: message })),
  /** What the module lacks (`missing invalidInputs`), for a warning. */
  notes: z.array(message).max(10).optional(),
  /** With a `floatReference` export: the integer reference's largest error in ulps (core/float-accuracy.ts). */
  float: z
    .strictObject({ maxUlps: z.number().nonnegative(), output: z.string().max(200), case: z.number().int().nonnegative(), cases: z.number().int().nonnegative(), tolerance: z.number().nonnegative().optional() })
    .optional(),
});

/** A lowering as the guest reports it; the host keeps only the source text and names the files itself. */
const lowered = z.strictObject({
  lang: z.enum(['circom', 'noir']),
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'not an identifier'),
  files: z.record(z.string().max(100), z.string()),
  entry: z.string().max(100),
  publicInputs: z.array(name),
  inputNames: z.array(name),
  outputNames: z.array(name),
  counts,
  sourceLines: z.record(z.string().max(100), z.array(z.number().int().min(0).max(10_000_000)).max(10_000_000)).optional(),
});

const RESULT = { witness, constraints, vectors: vectorRun, forge: z.never(), derive: derived, circom: lowered, noir: lowered } as const;

type Op = GuestRequest['op'];
export type ReplyResult<O extends Op> = z.output<(typeof RESULT)[O]>;
export type Reply<O extends Op> = { ok: true; result: ReplyResult<O> } | { ok: false; failure: RunFailure };

/** A reply the host refuses: the sketch (or the sandbox under it) sent something other than data. */
export function malformed(problem: string): RunFailure {
  return { kind: 'sketch', message: `sketch error: the sandbox reply was refused (${problem}); a sketch must not patch built-ins or return anything but plain data` };
}

/** Parse and validate the reply text for `op`; a failure describes what was wrong. */
export function readReply<O extends Op>(op: O, text: string): Reply<O> | { ok: false; failure: RunFailure } {
  if (text.length > MAX_REPLY_CHARS) return { ok: false, failure: malformed(`${text.length} characters, more than the ${MAX_REPLY_CHARS} allowed`) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, failure: malformed('not JSON') };
  }
  const shape = unusualShape(json);
  if (shape) return { ok: false, failure: malformed(shape) };
  const envelope = z.union([z.strictObject({ ok: z.literal(true), result: z.unknown() }), z.strictObject({ ok: z.literal(false), failure })]);
  let parsed;
  try {
    const outer = envelope.safeParse(json);
    if (!outer.success) return { ok: false, failure: malformed(describe(outer.error)) };
    if (!outer.data.ok) return { ok: false, failure: outer.data.failure };
    parsed = (RESULT[op] as z.ZodType<ReplyResult<O>>).safeParse(outer.data.result);
  } catch (error) {
    // a reply nested deeper than the validator's stack
    return { ok: false, failure: malformed(error instanceof RangeError ? 'nested too deeply' : String(error)) };
  }
  if (!parsed.success) return { ok: false, failure: malformed(describe(parsed.error)) };
  return { ok: true, result: parsed.data };
}

const MAX_DEPTH = 64;

/**
 * What the schema cannot see: nesting deeper than any honest reply (checked without recursion),
 * and a `__proto__` key, which the validator would silently drop (so an output would vanish).
 */
function unusualShape(json: unknown): string | undefined {
  const pending: [unknown, number][] = [[json, 0]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return `nested more than ${MAX_DEPTH} levels deep`;
    for (const key of Object.keys(value)) {
      if (key === '__proto__') return 'a key named __proto__';
      pending.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.map(String).join('.') : 'the reply';
  return `${path}: ${(issue?.message ?? 'invalid').slice(0, 200)}`;
}

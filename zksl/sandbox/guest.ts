/**
 * The code that runs inside the QuickJS sandbox next to the sketch: the ZKSL runtime, the runners
 * and the lowerings, behind one JSON-in / JSON-out entry point. Nothing here can reach the host.
 * It reports observations, never verdicts: the host judges them (see reply.ts and core/judge.ts).
 */

// Taken before any sketch code runs (the lockdown then freezes them too): the reply is built with
// these, whatever the sketch later does to the global names.
const { parse, stringify } = JSON;
const safeStringify = stringify.bind(JSON);
const safeParse = parse.bind(JSON);
import { setLocatorConfig } from '../core/location.js';
import { forgeOutputs, observeVectors, runConstraints, runWitness, toFailure, type TestVectors } from '../core/run.js';
import type { Params, Sketch } from '../core/sketch.js';
import { floatAccuracy } from '../core/float-accuracy.js';
import { declaredInputs, outsideValues, sampleInputsOfTypes, sampleValue, type SampleMode } from '../core/sampling.js';
import { lowerToCircom } from '../lower/circom.js';
import { lowerToNoir } from '../lower/noir.js';
import * as runtime from '../runtime.js';

export interface GuestRequest {
  op: 'witness' | 'constraints' | 'vectors' | 'forge' | 'circom' | 'noir' | 'derive';
  /** derive: how many valid inputs to sample, and the seed of the sampler's random numbers. */
  count?: number;
  /**
   * derive: sample from the sketch's declared input types instead of the module's own
   * `sampleInputs` / `reference` (outputs left to a witness run), with type rejects only for these
   * inputs. Knowledge-base entries use this: their sketches export no reference.
   */
  fromTypes?: { enforced: string[] };
  seed?: number;
  params?: Params;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  vectors?: TestVectors;
  /** Original sketch source, for naming signals after sketch variables. */
  source?: string;
  /** Generated line → original line of the sketch. */
  lines?: number[];
  checkOutputs?: boolean;
  /** Constraint mode: include the readable constraint system. */
  describe?: boolean;
}

const SKETCH_FILE = 'sketch.ts';

function handle(request: GuestRequest, exported: unknown): unknown {
  const sketch = findSketch(exported);
  const lines = request.lines ?? [];
  setLocatorConfig({
    isRuntimeFrame: (file) => file !== SKETCH_FILE,
    mapLocation: (location) => ({ file: SKETCH_FILE, line: lines[location.line] || location.line }),
  });
  const source = request.source ? { text: request.source, file: SKETCH_FILE } : undefined;
  switch (request.op) {
    case 'witness':
      return runWitness(sketch, { params: request.params, inputs: request.inputs ?? {} });
    case 'constraints': {
      const { built: _built, ...result } = runConstraints(sketch, { params: request.params, describe: request.describe });
      return result;
    }
    case 'vectors': {
      // the module's own vectors are copied to plain data first, so the run and the echo agree
      const own = request.vectors ? undefined : (safeParse(safeStringify(ownVectors(exported), bigintJson)) as TestVectors);
      return { ...(own ? { vectors: own } : {}), observations: observeVectors(sketch, request.vectors ?? own!, request.params) };
    }
    case 'derive':
      return deriveCases(exported, sketch, { params: { ...sketch.params, ...(request.params ?? {}) }, count: request.count ?? 8, seed: request.seed ?? 1, fromTypes: request.fromTypes });
    case 'forge':
      return forgeOutputs(sketch, { params: request.params, inputs: request.inputs ?? {}, outputs: request.outputs ?? {} });
    case 'circom':
      return lowerToCircom(sketch, { params: request.params, source, checkOutputs: request.checkOutputs });
    case 'noir':
      return lowerToNoir(sketch, { params: request.params, source, checkOutputs: request.checkOutputs });
    default:
      return request.op satisfies never;
  }
}

/** The vectors a sketch module exports next to its sketch (`export const vectors = { ... }`). */
function ownVectors(exported: unknown): TestVectors {
  const vectors = (exported as { vectors?: Partial<TestVectors> })?.vectors;
  if (!vectors) throw new Error('no vectors given, and the sketch module exports none (export const vectors = { accept, reject, forge })');
  return { accept: vectors.accept ?? [], reject: vectors.reject ?? [], forge: vectors.forge ?? [] };
}

interface ReferenceModule {
  reference?: (inputs: Record<string, unknown>, params: Params) => Record<string, unknown>;
  sampleInputs?: (random: () => number, params: Params) => Record<string, unknown>;
  invalidInputs?: (params: Params) => { inputs: Record<string, unknown>; reason: string }[];
  floatReference?: (inputs: Record<string, unknown>, params: Params) => Record<string, unknown>;
  floatTolerance?: unknown;
}

/**
 * Test cases from the module's own plain-TypeScript reference: `sampleInputs(random, params)` draws
 * valid inputs, `reference(inputs, params)` computes their outputs, `invalidInputs(params)` lists
 * inputs the circuit must refuse. On top of the model's samples come inputs drawn from the declared
 * types — every input at its type's lowest and highest, then small and random values — up to
 * `count` cases, each kept only when the reference gives integer outputs for it; and reject cases
 * just outside each declared type (holes, null, to fill from a valid input). The random numbers
 * are seeded, so the cases are reproducible.
 */
function deriveCases(exported: unknown, sketch: Sketch, options: { params: Params; count: number; seed: number; fromTypes?: { enforced: string[] } }) {
  const module = exported as ReferenceModule;
  const { params, count } = options;
  const random = seededRandom(options.seed);
  const declared = declaredInputs(sketch, params);
  const typeRejects = declared
    .filter(([name]) => !options.fromTypes || options.fromTypes.enforced.includes(name))
    .flatMap(([name, type]) => outsideValues(type).map((o) => ({ inputs: plainNumbers({ [name]: o.value }) as Record<string, unknown>, reason: `${name}${o.text}` })));
  if (options.fromTypes) {
    const accept = Array.from({ length: count }, (_, i) => ({ inputs: sampleInputsOfTypes(declared, random, typedMode(i)), outputs: {} }));
    return { accept, reject: typeRejects, notes: [] };
  }
  if (typeof module.reference !== 'function' || typeof module.sampleInputs !== 'function') {
    throw new Error('to derive vectors the sketch module must export reference(inputs, params) and sampleInputs(random, params)');
  }
  const own = Array.from({ length: Math.min(count, 8) }, () => module.sampleInputs!(random, params));
  const typed: Record<string, unknown>[] = [];
  // each input alone at its boundaries (the others random), then all at once, then inside
  for (const [name, type] of declared) {
    for (const mode of ['low', 'high'] as const) typed.push({ ...sampleInputsOfTypes(declared, random, 'random'), [name]: sampleValue(type, random, mode) });
  }
  typed.push(sampleInputsOfTypes(declared, random, 'low'), sampleInputsOfTypes(declared, random, 'high'));
  for (let i = 0; typed.length + own.length < count * 2 && i < count * 2; i++) typed.push(sampleInputsOfTypes(declared, random, i % 2 ? 'small' : 'random'));
  // the reference reads integers as numbers, as the model's own samples give them (bigint only beyond 2^53)
  typed.forEach((inputs, i) => (typed[i] = plainNumbers(inputs) as Record<string, unknown>));
  const seen = new Set<string>();
  const accept: { inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] = [];
  for (const [index, inputs] of [...own, ...typed].entries()) {
    if (accept.length >= count) break;
    // 5 and 5n are one input
    const key = safeStringify(inputs, (_key: string, value: unknown) => (typeof value === 'bigint' || typeof value === 'number' ? String(value) : value));
    if (seen.has(key)) continue;
    seen.add(key);
    let outputs: Record<string, unknown>;
    try {
      outputs = module.reference!(inputs, params);
    } catch (error) {
      // the model's own samples must work; a typed sample outside the reference's domain is dropped
      if (index < own.length) throw error;
      continue;
    }
    if (index < own.length || integerValues(outputs)) accept.push({ inputs, outputs });
  }
  const declaredRejects = typeof module.invalidInputs === 'function' ? module.invalidInputs(params) : [];
  const notes = typeof module.invalidInputs === 'function' ? [] : ['missing invalidInputs'];
  // fixed-point operators may add a float reference: the integer reference's error in ulps
  const float = typeof module.floatReference === 'function' ? floatAccuracy(sketch, params, module.floatReference, accept, module.floatTolerance) : undefined;
  return { accept, reject: [...declaredRejects, ...typeRejects], notes, ...(float ? { float } : {}) };
}

/** The knowledge-base sampler's order: the types' lowest, highest, then small and random values in turn. */
function typedMode(index: number): SampleMode {
  return index === 0 ? 'low' : index === 1 ? 'high' : index % 2 ? 'small' : 'random';
}

/** True when every leaf is an integer (number, bigint or decimal string): a value a vector can hold. */
function integerValues(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(integerValues);
  if (value && typeof value === 'object') return Object.values(value).every(integerValues);
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (typeof value === 'string') return /^-?\d+$/.test(value);
  return typeof value === 'bigint' || typeof value === 'boolean';
}

/** bigint leaves that are safe integers as numbers. */
function plainNumbers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainNumbers);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainNumbers(v)]));
  if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  return value;
}

/** mulberry32: small, seedable, good enough to sample test inputs. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function findSketch(exported: unknown): Sketch {
  const candidates = [exported, (exported as { default?: unknown })?.default, ...Object.values((exported ?? {}) as object)];
  const found = candidates.find((c) => (c as { kind?: string })?.kind === 'zksl-sketch');
  if (!found) throw new Error("the sketch module must export a sketch (export default sketch({ ... }))");
  return found as Sketch;
}

const bigintJson = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

(globalThis as Record<string, unknown>).__zksl = runtime;
(globalThis as Record<string, unknown>).__zkslHandle = (requestJson: string, exported: unknown): string => {
  try {
    return safeStringify({ ok: true, result: handle(safeParse(requestJson) as GuestRequest, exported) }, bigintJson);
  } catch (error) {
    return safeStringify({ ok: false, failure: toFailure(error) });
  }
};

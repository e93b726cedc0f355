import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zkcoderHome } from '../compiler-harness/home.js';
import { userPrimitivesDir } from '../knowledge-base/search.js';
import { addEntryRoot } from '../prover/compose/kb-sources.js';
import type { GraphNode } from '../prover/onnx/graph.js';
import { activationInput, nodeError, type OperatorDefinition } from '../prover/registry/operator.js';
import { OperatorRegistry } from '../prover/registry/registry.js';
import { formatAttributes, OPERATOR_SPECS, type AttributeValue } from './attributes.js';

/**
 * `op.json` of a user knowledge-base entry that `zkcoder op` registered: an elementwise operator at
 * fixed attributes, scale and width, with its exact integer semantics as a table over SInt(bits)
 * (run-length encoded) and the circuit names the prover instantiates per element.
 */
export interface RegisteredOperator {
  op: string;
  attributes: Record<string, AttributeValue>;
  scale: number;
  bits: number;
  circom: { template: string; input: string; output: string };
  noirFunction: string;
  /** y for x = min, min + 1, …: [value, count] runs. */
  table: { min: number; runs: [number, number][] };
  onnxruntime: string;
  summary: string;
}

/** The entry id: op type + a digest of attributes, scale and width (`op-hardsigmoid-3f2a9c1b`). */
export function registeredId(op: string, attributes: Record<string, AttributeValue>, scale: number, bits: number): string {
  const key = JSON.stringify({ attributes: Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b)), scale, bits });
  return `op-${op.toLowerCase()}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

export function encodeTable(values: bigint[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const value of values.map(Number)) {
    const last = runs.at(-1);
    if (last && last[0] === value) last[1]++;
    else runs.push([value, 1]);
  }
  return runs;
}

export function decodeTable(runs: [number, number][]): bigint[] {
  return runs.flatMap(([value, count]) => new Array<bigint>(count).fill(BigInt(value)));
}

/** The registered operators under `$ZKCODER_HOME/kb/primitives` (entries with an op.json), with their folders. */
export function readRegisteredOperators(home = zkcoderHome()): { id: string; root: string; operator: RegisteredOperator }[] {
  const root = userPrimitivesDir(home);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((dir) => dir.isDirectory() && existsSync(join(root, dir.name, 'op.json')))
    .map((dir) => ({ id: dir.name, root, operator: JSON.parse(readFileSync(join(root, dir.name, 'op.json'), 'utf8')) as RegisteredOperator }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The prover's operator definitions for the registered operators: one per op type, choosing the
 * registration whose attributes (defaults filled in), scale and width match the node. Their entries'
 * sources become visible to the composers.
 */
export function userOperatorDefinitions(home = zkcoderHome()): OperatorDefinition[] {
  const byOp = new Map<string, { id: string; operator: RegisteredOperator; evaluate?: (x: bigint) => bigint }[]>();
  for (const { id, root, operator } of readRegisteredOperators(home)) {
    addEntryRoot(id, root);
    byOp.set(operator.op, [...(byOp.get(operator.op) ?? []), { id, operator }]);
  }
  return [...byOp].map(([op, registered]) => ({
    op,
    // Every registration's sources are included (a composed circuit uses the one that matches).
    kb: registered.map((r) => r.id),
    summary: `registered by zkcoder op: ${registered.map((r) => formatAttributes(r.operator.attributes)).join('; ')}`,
    quantize(node, context) {
      const x = activationInput(node, context, 0);
      const attributes = nodeAttributes(node);
      const match = registered.find((r) => r.operator.scale === x.scale && r.operator.bits === context.bits && sameAttributes(r.operator.attributes, attributes));
      if (!match) {
        const have = registered.map((r) => `${formatAttributes(r.operator.attributes)} at scale 2^${r.operator.scale}, ${r.operator.bits} bits`).join('; ');
        throw nodeError(node, `no registered circuit for ${formatAttributes(attributes)} at scale 2^${x.scale}, ${context.bits} bits (registered: ${have}); run zkcoder op ${op} with these attributes and --scale ${x.scale}`);
      }
      const table = (match.evaluate ??= tableLookup(match.operator));
      return {
        inputs: [x.name],
        shape: x.shape,
        scale: x.scale,
        params: { kind: 'elementwise', circom: match.operator.circom, noirFunction: match.operator.noirFunction, entry: match.id, evaluate: table },
      };
    },
  }));
}

/** The prover's registry with the user's registered operators added (the hook `zkcoder prove` uses). */
export function operatorRegistry(home = zkcoderHome()): OperatorRegistry {
  return new OperatorRegistry(userOperatorDefinitions(home));
}

function tableLookup(operator: RegisteredOperator): (x: bigint) => bigint {
  const values = decodeTable(operator.table.runs);
  const min = BigInt(operator.table.min);
  return (x) => {
    const value = values[Number(x - min)];
    if (value === undefined) throw new Error(`${operator.op}: ${x} is outside the registered domain`);
    return value;
  };
}

function nodeAttributes(node: GraphNode): Record<string, AttributeValue> {
  const spec = OPERATOR_SPECS[node.op]?.attributes ?? {};
  const values: Record<string, AttributeValue> = {};
  for (const [name, attribute] of Object.entries(spec)) if (attribute.default !== undefined) values[name] = attribute.default;
  for (const [name, value] of Object.entries(node.attributes)) if (typeof value !== 'object' || Array.isArray(value)) values[name] = value as AttributeValue;
  return values;
}

/** Equal as ONNX stores them (floats are float32). */
function sameAttributes(a: Record<string, AttributeValue>, b: Record<string, AttributeValue>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => {
    const [x, y] = [a[key], b[key]];
    return typeof x === 'number' && typeof y === 'number' ? Math.fround(x) === Math.fround(y) : JSON.stringify(x) === JSON.stringify(y);
  });
}

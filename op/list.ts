import { readFileSync } from 'node:fs';
import { zkcoderHome } from '../compiler-harness/home.js';
import { BUILT_IN_OPERATORS } from '../prover/registry/registry.js';
import { formatAttributes, OPERATOR_SPECS } from './attributes.js';
import { operatorRegistry, readRegisteredOperators } from './user-operators.js';

export type OperatorStatus = 'supported' | 'generated' | 'unsupported';

export interface OperatorCoverage {
  op: string;
  status: OperatorStatus;
  reason?: string;
}

interface OperatorListFile {
  operators: { op: string; reason?: string }[];
}

/** The ONNX operator names (opset 17+), from the data file written from the ONNX operator docs. */
export function onnxOperators(): OperatorListFile['operators'] {
  return (JSON.parse(readFileSync(new URL('./onnx-operators.json', import.meta.url), 'utf8')) as OperatorListFile).operators;
}

/**
 * Every ONNX op and its status, read from the prover's registry: `supported` when a built-in
 * (verified) operator circuit handles it, `generated` when `zkcoder op` registered one in the user
 * knowledge base, otherwise `unsupported` with the reason.
 */
export function operatorCoverage(home = zkcoderHome()): OperatorCoverage[] {
  const registry = operatorRegistry(home);
  const builtIn = new Map(BUILT_IN_OPERATORS.map((operator) => [operator.op, operator]));
  const registered = readRegisteredOperators(home);
  const names = new Set([...onnxOperators().map((entry) => entry.op), ...registry.supported()]);
  const reasons = new Map(onnxOperators().map((entry) => [entry.op, entry.reason]));
  return [...names].sort().map((op): OperatorCoverage => {
    const operator = builtIn.get(op);
    if (operator && registry.has(op) && !registered.some((r) => r.operator.op === op)) return { op, status: 'supported', reason: operator.summary };
    const mine = registered.filter((r) => r.operator.op === op);
    if (mine.length) return { op, status: 'generated', reason: `user knowledge base: ${mine.map((r) => `${r.id} (${formatAttributes(r.operator.attributes)}, scale 2^${r.operator.scale})`).join('; ')}` };
    const reason = reasons.get(op);
    if (reason) return { op, status: 'unsupported', reason };
    const spec = OPERATOR_SPECS[op];
    return {
      op,
      status: 'unsupported',
      reason: spec?.elementwise ? `no verified circuit yet; elementwise: \`zkcoder op ${op}\` generates one with a model` : 'no verified circuit yet',
    };
  });
}

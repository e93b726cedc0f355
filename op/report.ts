import { formatShape } from '../prover/onnx/graph.js';
import { formatAttributes, opsetFor } from './attributes.js';
import type { OpResult } from './run-op.js';
import { vectorCounts } from './spec.js';

/** REPORT.md of a `zkcoder op --out` folder: what was built, from what reference, and the verdicts. */
export function opReport(result: OpResult): string {
  const { spec } = result;
  const lines = [
    `# ${spec.op} (${formatAttributes(spec.attributes)})`,
    '',
    `**${result.ok ? 'Verified' : 'NOT verified'}.** ${result.mode === 'registry' ? 'The prover already had a verified circuit for this operator (knowledge-base mode): it was instantiated at the requested shape and attributes.' : 'No verified circuit existed: the agent wrote one from the spec below, with the onnxruntime vectors as user vectors, and it was registered in the user knowledge base.'}`,
    '',
    '| | |',
    '|---|---|',
    `| input shapes | ${spec.shapes.map(formatShape).join(', ')} |`,
    `| output shape | ${formatShape(spec.outputShape)} |`,
    `| fixed point | SInt(${spec.bits}) at scale 2^${spec.scale} |`,
    ...(result.registration ? [`| registered as | \`${result.registration.id}\` (${result.registration.dir}) |`] : []),
    ...(result.agent ? [`| agent run | ${result.agent.runId}, ${result.agent.iterations} attempt(s) |`] : []),
    '',
    '## Integer semantics',
    '',
    spec.semantics,
    '',
    '## Tolerance against onnxruntime',
    '',
    `Measured max |circuit output − onnxruntime| = ${spec.tolerance.measured.toPrecision(4)}${spec.tolerance.bound !== undefined ? ` (bound ${spec.tolerance.bound})` : ''}: ${spec.tolerance.note}.`,
    '',
    '## Where the vectors come from',
    '',
    `The reference is ${spec.reference.runtime}, running a one-node ONNX model (opset ${opsetFor(spec.op)}) of the operator with these attributes and shapes. Inputs sampled (integers of SInt(${spec.bits}), fed to onnxruntime as integer / 2^${spec.scale}):`,
    '',
    ...spec.reference.samples.map((sample) => `- ${sample}`),
    '',
    'Accept vectors take the integer outputs of the semantics above on the samples that fit; reject vectors take inputs outside the declared domain (a value outside SInt, or a sample whose result overflows); forge vectors move an output by one unit either way.',
    '',
    '## Checks',
    '',
    '| language | vectors | verdict |',
    '|---|---|---|',
    ...result.checks.map((check) => `| ${check.lang} | ${vectorCounts(spec.vectors[check.lang])} | ${check.report.summary} |`),
    '',
  ];
  return lines.join('\n');
}

import type { ProveResult } from './prove.js';

/** REPORT.md of a prove run: the verdict, accuracy, sizes and times, and the per-layer table. */
export function reportMarkdown(result: ProveResult): string {
  const ms = (value: number | undefined) => (value === undefined ? '-' : `${(value / 1000).toFixed(2)} s`);
  const lines = [
    '# Inference proof',
    '',
    `- Verdict: ${result.ok ? 'ok' : 'FAILED'} (proof ${result.verified ? 'verified' : 'NOT verified'}; integer interpreter ${result.interpreterAgrees ? 'equals' : 'DIFFERS from'} the circuit's outputs)`,
    `- ${result.lang === 'circom' ? 'Circom' : 'Noir'} / ${result.system}; ${result.constraints} ${result.lang === 'circom' ? 'R1CS constraints' : 'ACIR opcodes'}${result.gates ? `, ${result.gates} UltraHonk gates` : ''}`,
    `- Quantization: ${result.bits}-bit signed fixed point, weights and inputs at scale 2^${result.scale}; products rescaled with floor (toward -infinity)`,
    `- Max |circuit output - onnxruntime| = ${result.maxAbsError.toPrecision(4)}${result.tolerance !== undefined ? ` (tolerance ${result.tolerance})` : ''}`,
    ...(result.weightsCommitment !== undefined
      ? [`- Weights private (--commit-weights): ${result.committedWeights?.count} weights and biases of ${result.committedWeights?.layers.join(', ')}, bound to the public Poseidon commitment ${result.weightsCommitment}${result.committedWeights?.constraints !== undefined ? ` (the hash: ${result.committedWeights.constraints} constraints)` : ''}`]
      : []),
    '',
    '## Stages',
    '',
    '| stage | time |',
    '|---|---|',
    ...Object.entries(result.timings).map(([stage, time]) => `| ${stage} | ${ms(time)} |`),
    '',
    '## Layers',
    '',
    `One circuit, one proof: stage times are for the whole circuit. Per layer: the circuits used, the R1CS constraints it adds (Circom; ${result.inputConstraints ?? '-'} more range-check the graph inputs) and the error of the dequantized activation against onnxruntime.`,
    '',
    '| node | op | shape | scale | knowledge-base circuits | constraints | max error vs float |',
    '|---|---|---|---|---|---|---|',
    ...result.layers.map(
      (layer) =>
        `| ${layer.node} | ${layer.op} | ${layer.shape.join('x')} | 2^${layer.scale} | ${layer.kb.join(', ') || '(none: moves values)'} | ${layer.constraints ?? '-'} | ${layer.maxAbsError === undefined ? '-' : layer.maxAbsError.toPrecision(3)} |`,
    ),
    '',
    '## Outputs',
    '',
    '```json',
    JSON.stringify({ outputs: result.outputs, reference: result.reference }, null, 2),
    '```',
    '',
    ...(result.warnings.length ? ['## Warnings', '', ...result.warnings.map((warning) => `- ${warning}`), ''] : []),
  ];
  return lines.join('\n');
}

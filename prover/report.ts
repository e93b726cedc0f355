import type { ProveResult } from './prove.js';

/** REPORT.md of a prove run: the verdict, accuracy, sizes and times, and the per-layer table. */
export function reportMarkdown(result: ProveResult): string {
  const ms = (value: number | undefined) => (value === undefined ? '-' : `${(value / 1000).toFixed(2)} s`);
  const unit = result.lang === 'circom' ? 'R1CS constraints' : 'ACIR opcodes';
  const other = result.layers.length ? result.constraints - result.layers.reduce((sum, layer) => sum + (layer.constraints ?? 0), 0) - (result.inputConstraints ?? 0) : 0;
  const prove = result.timings.prove;
  const share = (count: number | undefined) => (count === undefined || prove === undefined || result.constraints === 0 ? '-' : ms((prove * count) / result.constraints));
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
    `One circuit, one proof: stage times are for the whole circuit. Per layer: the circuits used, the ${unit} it adds (${result.inputConstraints ?? '-'} more range-check the graph inputs${other ? `, ${other} belong to no layer${result.lang === 'noir' ? ': one per returned value, binding the public outputs' : ''}` : ''}), ` +
      `the milliseconds the integer interpreter takes for it (measured: the plain-TypeScript witness of the layer), its share of the prove time (estimated: prove time x its share of the ${unit}; not measured per layer) and the error of the dequantized activation against onnxruntime.`,
    '',
    `| node | op | shape | scale | knowledge-base circuits | ${unit} | interpreter ms | prove time (est.) | max error vs float |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...result.layers.map(
      (layer) =>
        `| ${layer.node} | ${layer.op} | ${layer.shape.join('x')} | 2^${layer.scale} | ${layer.kb.join(', ') || '(none: moves values)'} | ${layer.constraints ?? '-'} | ${layer.interpretMs.toFixed(2)} | ${share(layer.constraints)} | ${layer.maxAbsError === undefined ? '-' : layer.maxAbsError.toPrecision(3)} |`,
    ),
    '',
    ...outputsAndWarnings(result),
  ];
  return lines.join('\n');
}

/** REPORT.md's closing sections: the circuit's and onnxruntime's outputs, then any warnings. */
export function outputsAndWarnings(result: { outputs: unknown; reference: unknown; warnings: string[] }): string[] {
  return [
    '## Outputs',
    '',
    '```json',
    JSON.stringify({ outputs: result.outputs, reference: result.reference }, null, 2),
    '```',
    '',
    ...(result.warnings.length ? ['## Warnings', '', ...result.warnings.map((warning) => `- ${warning}`), ''] : []),
  ];
}

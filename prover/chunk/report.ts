import { outputsAndWarnings } from '../report.js';
import type { ChunkedProveResult } from './prove-chunked.js';

/** REPORT.md of a chunked run: the verdict, the chain, and one row per chunk. */
export function chunkedReportMarkdown(result: ChunkedProveResult): string {
  const s = (value: number | undefined) => (value === undefined ? '-' : `${(value / 1000).toFixed(2)} s`);
  const unit = result.lang === 'circom' ? 'R1CS constraints' : 'ACIR opcodes';
  const short = (value: string | undefined) => (value === undefined ? '-' : `${value.slice(0, 10)}…`);
  return [
    '# Inference proof (chunked)',
    '',
    `- Verdict: ${result.ok ? 'ok' : 'FAILED'} (${result.chunks.length} chunk proofs ${result.chunks.every((chunk) => chunk.verified) ? 'verified' : 'NOT all verified'}; chain ${result.chained ? 'linked' : 'BROKEN'}; integer interpreter ${result.interpreterAgrees ? 'equals' : 'DIFFERS from'} the circuit's outputs)`,
    `- ${result.lang === 'circom' ? 'Circom' : 'Noir'} / ${result.system}; ${result.constraints} ${unit} over all chunks${result.gates ? `, ${result.gates} UltraHonk gates` : ''}; ${result.jobs} worker thread(s); peak resident memory ${(result.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    `- Quantization: ${result.bits}-bit signed fixed point, weights and inputs at scale 2^${result.scale}`,
    `- Max |circuit output - onnxruntime| = ${result.maxAbsError.toPrecision(4)}${result.tolerance !== undefined ? ` (tolerance ${result.tolerance})` : ''}`,
    '',
    '## Chunks',
    '',
    "Each chunk is its own circuit and proof. The first takes the model inputs publicly; every other takes its input activations privately and exposes their Poseidon commitment, which must equal the previous chunk's output commitment; the last exposes the model outputs.",
    '',
    `| chunk | layers | ops | ${unit} | compile | witness | prove | verify | in commitment | out commitment |`,
    '|---|---|---|---|---|---|---|---|---|---|',
    ...result.chunks.map(
      (chunk) =>
        `| ${chunk.index} | ${chunk.layers.join(', ')} | ${chunk.ops.join(', ')} | ${chunk.constraints} | ${s(chunk.timings.compile)} | ${s(chunk.timings.witness)} | ${s(chunk.timings.prove)} | ${s(chunk.timings.verify)} | ${short(chunk.inCommitment)} | ${short(chunk.outCommitment)} |`,
    ),
    '',
    '## Stages',
    '',
    '| stage | time |',
    '|---|---|',
    ...Object.entries(result.timings).map(([stage, time]) => `| ${stage} | ${s(time)} |`),
    '',
    ...outputsAndWarnings(result),
  ].join('\n');
}

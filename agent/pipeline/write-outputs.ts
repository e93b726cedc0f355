import { join } from 'node:path';
import { gatedFolder, type FolderWriter } from '../../compiler-harness/files/output-folder.js';
import { GENERATED_MAIN } from '../../compiler-harness/circom/build-folder.js';
import type { Lang, TargetCircuit } from '../../compiler-harness/types.js';
import { writeProof } from '../../compiler-harness/write-proof.js';
import type { OutputFile } from '../events.js';
import type { LanguageProof, LanguageResult, LanguageVectors } from './check-languages.js';
import { nargoManifest } from '../../compiler-harness/noir/manifest.js';

export interface RunOutputs {
  task: string;
  /** How the circuit came to be: `knowledge base entry softmax`, `model openai:gpt-5-mini`. */
  origin: string;
  circuits: Partial<Record<Lang, TargetCircuit>>;
  /** Per language; written once when they agree, beside each language's circuit when they differ. */
  vectors: LanguageVectors;
  sketch?: string;
  results: LanguageResult[];
  proofs: LanguageProof[];
  iterations: number;
  notes: string[];
}

/**
 * Write what a user takes away: the circuits (a Circom file with its `main`, a Noir project), the
 * vectors, the sketch, proofs with verification keys, and REPORT.md saying what was checked.
 * Every file goes through the write gate: a circuit file name that would leave `target` is refused.
 */
export async function writeOutputs(target: string | FolderWriter, outputs: RunOutputs): Promise<OutputFile[]> {
  const folder = typeof target === 'string' ? gatedFolder(target) : target;
  const written: OutputFile[] = [];
  const put = async (path: string, content: string | Uint8Array, description: string) => {
    written.push({ path: await folder.write(path, content), description });
  };
  const circom = outputs.circuits.circom;
  if (circom) {
    for (const [path, source] of Object.entries(circom.files)) await put(join('circom', path), source, 'Circom source');
    if (circom.template) {
      const publics = circom.publicInputs?.length ? ` {public [${circom.publicInputs.join(', ')}]}` : '';
      const main = `pragma circom 2.0.0;\ninclude "${circom.entry}";\n\ncomponent main${publics} = ${circom.template}(${(circom.params ?? []).join(', ')});\n`;
      await put(join('circom', GENERATED_MAIN), main, 'Circom main (compile this file)');
    }
  }
  const noir = outputs.circuits.noir;
  if (noir) {
    // A complete Nargo project, even when the circuit came without its manifest.
    const files = { 'Nargo.toml': nargoManifest(noir.name ?? 'main'), ...noir.files };
    for (const [path, source] of Object.entries(files)) await put(join('noir', path), source, path === 'src/main.nr' ? 'Noir program' : path === 'Nargo.toml' ? 'Noir project manifest' : 'Noir source');
  }
  for (const [path, vectors] of vectorFiles(outputs)) await put(path, `${JSON.stringify(vectors, null, 2)}\n`, 'test vectors (accept, reject, forge)');
  if (outputs.sketch) await put('sketch.ts', outputs.sketch, 'ZKSL sketch');
  for (const { lang, proof } of outputs.proofs) {
    if (!proof) continue;
    for (const path of await writeProof(folder, join('proof', lang), proof)) written.push({ path, description: `${lang} ${proof.system} proof material` });
  }
  await put('REPORT.md', report(outputs), 'what was checked');
  return written;
}

/** `vectors.json` when every language has the same vectors; else `circom/vectors.json` and `noir/vectors.json`. */
function vectorFiles(outputs: RunOutputs): [string, unknown][] {
  const entries = Object.entries(outputs.vectors).filter(([lang]) => lang in outputs.circuits);
  const same = entries.every(([, v]) => JSON.stringify(v) === JSON.stringify(entries[0][1]));
  return same ? [['vectors.json', entries[0][1]]] : entries.map(([lang, v]) => [join(lang, 'vectors.json'), v]);
}

function report(outputs: RunOutputs): string {
  const lines = [`# ${outputs.task}`, '', `Origin: ${outputs.origin}. Iterations: ${outputs.iterations}.`, ''];
  for (const note of outputs.notes) lines.push(`> ${note}`, '');
  lines.push('| language | constraints | vectors | soundness | proof |', '|---|---|---|---|---|');
  for (const { lang, report: r } of outputs.results) {
    const vectors = `${r.vectors.filter((v) => v.passed).length}/${r.vectors.length} passed`;
    const soundness = r.soundness ? (r.soundness.verdict === 'unsound' ? 'UNSOUND' : `no finding (${r.soundness.tried.length} attacks)`) : 'not run';
    const p = outputs.proofs.find((x) => x.lang === lang)?.verdict;
    const proof = !p ? 'not proved' : p.error ? `error: ${p.error}` : `${p.system} ${p.verified ? 'verified' : 'FAILED'}, tampered ${p.tamperedRejected ? 'rejected' : 'ACCEPTED'}`;
    lines.push(`| ${lang} | ${r.compile.constraintCount ?? '-'} | ${vectors} | ${soundness} | ${proof} |`);
  }
  const warnings = [...new Set(outputs.proofs.flatMap((p) => p.verdict.warnings))];
  if (warnings.length) lines.push('', ...warnings.map((w) => `Warning: ${w}`));
  const where = vectorFiles(outputs).map(([path]) => `\`${path}\``).join(' and ');
  lines.push('', `Vectors: ${where} (accept: must run with these outputs; reject: must be refused; forge: wrong outputs no witness may carry).`, '');
  return lines.join('\n');
}

import { join } from 'node:path';
import type { FolderWriter } from '../compiler-harness/files/output-folder.js';
import { writeProof } from '../compiler-harness/write-proof.js';
import { opReport } from './report.js';
import type { OpResult } from './run-op.js';

/** `--out`: circuits per language, spec.json, vectors, proofs and REPORT.md, through the folder's write gate. */
export async function writeOpOutput(folder: FolderWriter, result: OpResult): Promise<string[]> {
  const written: string[] = [];
  const put = async (path: string, data: string) => void written.push(await folder.write(path, data));
  for (const [lang, circuit] of Object.entries(result.circuits)) {
    for (const [path, source] of Object.entries(circuit.files)) await put(join(lang, path), source);
    await put(join(lang, 'vectors.json'), JSON.stringify(result.spec.vectors[lang as keyof typeof result.spec.vectors], null, 2));
  }
  for (const check of result.checks) if (check.proof) written.push(...(await writeProof(folder, join(check.lang, 'proof'), check.proof)));
  const { vectors: _vectors, ...spec } = result.spec;
  await put('spec.json', JSON.stringify(spec, null, 2));
  await put('REPORT.md', opReport(result));
  return written;
}

import { join } from 'node:path';
import type { FolderWriter } from './files/output-folder.js';
import type { Proof } from './types.js';

/**
 * Write a proof in the files each ecosystem expects: snarkjs' `proof.json`, `public.json`,
 * `verification_key.json` (usable with `snarkjs groth16 verify`); for UltraHonk the raw `proof` and
 * `vk` bytes plus `public.json`. Written into `folder` (under `subdir`), through the write gate.
 */
export async function writeProof(folder: FolderWriter, subdir: string, proof: Proof): Promise<string[]> {
  const written: [string, string | Uint8Array][] = [['public.json', JSON.stringify(proof.publicSignals, null, 2)]];
  if (proof.proof instanceof Uint8Array) written.push(['proof', proof.proof]);
  else written.push(['proof.json', JSON.stringify(proof.proof, null, 2)]);
  if (proof.verificationKey instanceof Uint8Array) written.push(['vk', proof.verificationKey]);
  else written.push(['verification_key.json', JSON.stringify(proof.verificationKey, null, 2)]);
  const paths: string[] = [];
  for (const [name, data] of written) paths.push(await folder.write(join(subdir, name), data));
  return paths;
}

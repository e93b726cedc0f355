/**
 * Digests of cached setup material (ptau, CRS, proving keys): each file gets a `<file>.sha256`
 * sidecar when it is written, checked when it is loaded. A file that changed on disk (a bad sector,
 * a killed copy, a stray edit) is then found before it makes every later proof fail with an error
 * that blames the circuit.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { writeInside } from './write-gate.js';

export const DIGEST_SUFFIX = '.sha256';

/** `intact`: matches its sidecar; `corrupt`: does not (or is missing); `unrecorded`: no sidecar yet. */
export type DigestCheck = 'intact' | 'corrupt' | 'unrecorded';

/** Checked files by path, size and time: a cache file is hashed once per process, not per proof. */
const checked = new Map<string, string>();

export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Write the sidecar of `path` (a file inside `root`) through the write gate. */
export async function recordDigest(root: string, path: string): Promise<void> {
  const digest = await fileDigest(path);
  await writeInside(root, `${relative(resolve(root), resolve(path))}${DIGEST_SUFFIX}`, `${digest}\n`);
  checked.set(resolve(path), await fingerprint(path));
}

export async function checkDigest(path: string): Promise<DigestCheck> {
  const full = resolve(path);
  if (!existsSync(full)) return 'corrupt';
  const sidecar = `${full}${DIGEST_SUFFIX}`;
  if (!existsSync(sidecar)) return 'unrecorded';
  const now = await fingerprint(full);
  if (checked.get(full) === now) return 'intact';
  const recorded = (await readFile(sidecar, 'utf8')).trim();
  if (recorded !== (await fileDigest(full))) return 'corrupt';
  checked.set(full, now);
  return 'intact';
}

/**
 * Check every file of one cached item. Files written before digests existed are adopted (their
 * sidecar is written now, after the caller's own format checks passed); a mismatch deletes the
 * files and their sidecars and returns the one-line report the caller passes on as a warning.
 */
export async function verifyCached(root: string, files: string[], what: string): Promise<{ ok: true } | { ok: false; warning: string }> {
  const states = await Promise.all(files.map((file) => checkDigest(file)));
  const bad = files.filter((_, i) => states[i] === 'corrupt');
  if (bad.length === 0) {
    for (const [i, file] of files.entries()) if (states[i] === 'unrecorded') await recordDigest(root, file);
    return { ok: true };
  }
  await removeCached(files);
  return { ok: false, warning: `the cached ${what} was corrupt (${bad.join(', ')} no longer matches the SHA-256 recorded when it was written): deleted and rebuilt` };
}

/** Delete cached files and their sidecars. */
export async function removeCached(files: string[]): Promise<void> {
  for (const file of files) {
    checked.delete(resolve(file));
    await rm(file, { force: true });
    await rm(`${file}${DIGEST_SUFFIX}`, { force: true });
  }
}

async function fingerprint(path: string): Promise<string> {
  const { size, mtimeMs, ino } = await stat(path);
  return `${size}:${mtimeMs}:${ino}`;
}

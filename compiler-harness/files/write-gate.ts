/**
 * The one gate every file zkcoder writes goes through: run folders, `--out` folders, the knowledge
 * base, the cache of setup material, private build folders. A path is resolved against its root and
 * refused when it leaves it — by `..`, by being absolute elsewhere, or through a symbolic link —
 * because file names often come from untrusted places (a model's answer, a lowered sketch, a saved
 * state.json). The root itself is trusted: the user or zkcoder chose it.
 */
import { closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A write that would land outside its root: the path, the root, and why. */
export class WriteRefused extends Error {
  override name = 'WriteRefused';
  constructor(
    readonly path: string,
    readonly root: string,
    reason: string,
  ) {
    super(`refused to write ${path}: ${reason} (it must stay inside ${root})`);
  }
}

// O_NOFOLLOW: the last component is never followed, even if a link appears after the check.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW;
const APPEND_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | NO_FOLLOW;

/**
 * The absolute path of `path` (relative to `root`, or absolute inside it) once it is known to stay
 * inside `root`: the real location of its deepest existing folder must be inside the real root, and
 * the target itself must not be a symbolic link.
 * @example gatePath('/work/out', 'circom/main.circom') // '/work/out/circom/main.circom'
 */
export function gatePath(root: string, path: string): string {
  const rootPath = resolve(root);
  const target = resolve(rootPath, path);
  if (!inside(rootPath, target)) {
    throw new WriteRefused(path, rootPath, isAbsolute(path) ? 'an absolute path elsewhere' : 'it leaves the folder');
  }
  if (target === rootPath) return target;
  const realRoot = realLocation(rootPath, rootPath);
  const realParent = realLocation(dirname(target), rootPath);
  if (!inside(realRoot, realParent)) throw new WriteRefused(path, rootPath, 'a symbolic link leads outside');
  if (isSymbolicLink(target)) throw new WriteRefused(path, rootPath, 'the file is a symbolic link');
  return join(realParent, basename(target));
}

/** Write a file inside `root` (its folders are created). Returns the full path written. */
export async function writeInside(root: string, path: string, data: string | Uint8Array): Promise<string> {
  const full = fileTarget(root, path);
  await mkdir(dirname(full), { recursive: true });
  const file = await open(full, WRITE_FLAGS);
  try {
    await file.writeFile(data);
  } finally {
    await file.close();
  }
  return full;
}

export function writeInsideSync(root: string, path: string, data: string | Uint8Array): string {
  const full = fileTarget(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeThroughDescriptor(full, WRITE_FLAGS, data);
  return full;
}

export function appendInsideSync(root: string, path: string, data: string): string {
  const full = fileTarget(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeThroughDescriptor(full, APPEND_FLAGS, data);
  return full;
}

/** Written beside the target and renamed over it, so a killed process never leaves half a file. */
export function writeAtomicInsideSync(root: string, path: string, data: string | Uint8Array): string {
  const full = fileTarget(root, path);
  const partial = writeInsideSync(root, `${path}.partial`, data);
  renameSync(partial, full);
  return full;
}

export async function writeAtomicInside(root: string, path: string, data: string | Uint8Array): Promise<string> {
  const full = fileTarget(root, path);
  const partial = await writeInside(root, `${path}.${process.pid}.partial`, data);
  await rename(partial, full);
  return full;
}

export async function mkdirInside(root: string, path: string): Promise<string> {
  const full = gatePath(root, path);
  await mkdir(full, { recursive: true });
  return full;
}

export function mkdirInsideSync(root: string, path: string): string {
  const full = gatePath(root, path);
  mkdirSync(full, { recursive: true });
  return full;
}

/**
 * Copy the regular files and folders of `source` to `path` inside `root`. A symbolic link in the
 * source is refused: copied as a link it would point anywhere, followed it would copy anything.
 */
export function copyFolderInsideSync(source: string, root: string, path: string): void {
  mkdirInsideSync(root, path);
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(path, entry.name);
    if (entry.isSymbolicLink()) throw new WriteRefused(to, resolve(root), `${from} is a symbolic link`);
    if (entry.isDirectory()) copyFolderInsideSync(from, root, to);
    else if (entry.isFile()) writeInsideSync(root, to, readFileSync(from));
  }
}

function writeThroughDescriptor(path: string, flags: number, data: string | Uint8Array): void {
  const fd = openSync(path, flags, 0o666);
  try {
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

function fileTarget(root: string, path: string): string {
  const full = gatePath(root, path);
  if (full === resolve(root)) throw new WriteRefused(path, resolve(root), 'that is the folder itself, not a file in it');
  return full;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Where `path` really is: its deepest existing ancestor with symbolic links resolved, plus the
 * components that do not exist yet (those will be created as plain folders).
 */
function realLocation(path: string, root: string): string {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    if (exists(current)) break;
    const parent = dirname(current);
    if (parent === current) break;
    missing.unshift(basename(current));
    current = parent;
  }
  let real: string;
  try {
    real = realpathSync(current);
  } catch {
    // A dangling link: where it would lead cannot be checked, so it is not followed.
    throw new WriteRefused(path, root, `${current} is a symbolic link that leads nowhere`);
  }
  return join(real, ...missing);
}

/** Exists as a directory entry (a dangling link counts: it must not be walked past). */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

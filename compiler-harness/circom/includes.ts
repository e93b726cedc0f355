/**
 * Circom includes, resolved by zkcoder before circom runs: the compiler may read the circuit's own
 * files and the packaged circomlib, nothing else. Project files and model-written circuits are
 * untrusted, and circom itself would follow `include "/etc/…"` or `../../` anywhere it can reach.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative, sep } from 'node:path';

/** The packaged circomlib (its package folder, holding `circuits/`). */
export const CIRCOMLIB_ROOT = dirname(createRequire(import.meta.url).resolve('circomlib/package.json'));

/** Where circomlib appears inside the compiler's sandbox; library includes are rewritten to it. */
export const CIRCOMLIB_MOUNT = '/circomlib';

export interface IncludeStatement {
  /** The path as written between the quotes. */
  path: string;
  /** 1-based line of the include. */
  line: number;
  /** Offsets of the quoted path (without the quotes) in the source. */
  start: number;
  end: number;
}

/**
 * Every `include "…";` of a source, comments skipped. Comments are blanked rather than removed so
 * offsets and line numbers stay those of the original text.
 */
export function findIncludes(source: string): IncludeStatement[] {
  const code = blankComments(source);
  const includes: IncludeStatement[] = [];
  for (const m of code.matchAll(/\binclude\s*"([^"\n]*)"/g)) {
    const start = m.index + m[0].indexOf('"') + 1;
    includes.push({ path: m[1], line: lineAt(source, m.index), start, end: start + m[1].length });
  }
  return includes;
}

export type IncludeTarget =
  /** One of the circuit's own files: the normalised path relative to the project. */
  | { kind: 'project'; path: string }
  /** A circomlib file: its path inside the circomlib package, e.g. `circuits/poseidon.circom`. */
  | { kind: 'library'; path: string }
  /** Leads out of the project (absolute, or `..` above its root) and is not circomlib. */
  | { kind: 'outside' }
  /** Inside the project but no such file: circom reports it as not found. */
  | { kind: 'missing' };

/**
 * Where `include` written in `fromFile` (a project-relative path) leads. The circuit's own files
 * win, as in circom; then circomlib in the spellings a Node project uses:
 * `node_modules/circomlib/…` (with any `../` before it), `circomlib/…`, and a bare circuit name
 * such as `poseidon.circom` (circom's `-l node_modules/circomlib/circuits`).
 */
export function resolveInclude(fromFile: string, include: string, isProjectFile: (path: string) => boolean): IncludeTarget {
  const absolute = include.startsWith('/');
  const joined = absolute ? posix.normalize(include) : posix.normalize(posix.join(posix.dirname(fromFile), include));
  if (!absolute && !joined.startsWith('../') && isProjectFile(joined)) return { kind: 'project', path: joined };
  const library = libraryPath(include, joined);
  if (library) return { kind: 'library', path: library };
  if (absolute || joined === '..' || joined.startsWith('../')) return { kind: 'outside' };
  return { kind: 'missing' };
}

/** The circomlib file an include names, if it names one that exists; undefined otherwise. */
export function libraryPath(include: string, joined: string): string | undefined {
  const segments = joined.split('/');
  const at = segments.findIndex((s, i) => s === 'node_modules' && segments[i + 1] === 'circomlib');
  const written = posix.normalize(include);
  let inside: string | undefined;
  if (at >= 0) inside = segments.slice(at + 2).join('/');
  else if (written.startsWith('circomlib/')) inside = written.slice('circomlib/'.length);
  else if (!include.startsWith('/') && !written.startsWith('../')) inside = `circuits/${written}`;
  if (inside === undefined || inside.startsWith('../') || !inside.endsWith('.circom')) return undefined;
  return isLibraryFile(inside) ? inside : undefined;
}

function isLibraryFile(inside: string): boolean {
  const full = join(CIRCOMLIB_ROOT, ...inside.split('/'));
  if (!existsSync(full)) return false;
  const real = realpathSync(full);
  return isWithin(realpathSync(CIRCOMLIB_ROOT), real) && statSync(real).isFile();
}

/** Whether `path` is `folder` or inside it (both absolute host paths). */
export function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

function blankComments(source: string): string {
  // Strings are kept: an include path may contain `//`, and circom has no other string literals.
  return source.replace(/"[^"\n]*"|\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*/g, (m) => (m.startsWith('"') ? m : m.replace(/[^\n]/g, ' ')));
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

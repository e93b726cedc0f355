/**
 * Dependencies of a Nargo package, read from `Nargo.toml` before noir_wasm sees it. zkcoder
 * compiles offline and reads only the circuit's own files: a `git =` dependency would be fetched
 * from the network, and a `path =` one could name any folder on the host. The compiler worker
 * enforces both (no fetch, reads inside the build folder only); this gives the clear message.
 */
import { posix } from 'node:path';
import type { Diagnostic } from '../types.js';

export interface NargoDependency {
  name: string;
  /** 1-based line of Nargo.toml where it is declared. */
  line: number;
  git?: string;
  path?: string;
}

/** A line of the `[dependencies]` table that this reader does not understand. */
export interface ManifestProblem {
  line: number;
  message: string;
}

/**
 * The dependencies a manifest declares, in the forms Nargo accepts: `name = { path = "…" }`,
 * `name.path = "…"` and a `[dependencies.name]` table.
 */
export function readDependencies(manifest: string): { dependencies: NargoDependency[]; problems: ManifestProblem[] } {
  const byName = new Map<string, NargoDependency>();
  const problems: ManifestProblem[] = [];
  let section: { kind: 'dependencies' } | { kind: 'dependency'; name: string } | undefined;
  manifest.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const text = stripComment(raw).trim();
    if (!text) return;
    const header = /^\[\s*([^\]]*?)\s*\]$/.exec(text);
    if (header) {
      const [table, ...rest] = splitKey(header[1]);
      section = table !== 'dependencies' ? undefined : rest.length === 0 ? { kind: 'dependencies' } : { kind: 'dependency', name: rest.join('.') };
      if (section?.kind === 'dependency') entry(byName, section.name, line);
      return;
    }
    if (!section) return;
    const assignment = /^((?:"[^"]*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=\s*(.+)$/.exec(text);
    if (!assignment) return void problems.push({ line, message: `cannot read this dependency line: ${text}` });
    const key = splitKey(assignment[1]);
    const value = assignment[2];
    if (section.kind === 'dependency') return setField(entry(byName, section.name, line), key.join('.'), value, line, problems);
    const dependency = entry(byName, key[0], line);
    if (key.length > 1) return setField(dependency, key.slice(1).join('.'), value, line, problems);
    const table = /^\{(.*)\}$/.exec(value);
    if (!table) return void problems.push({ line, message: `dependency "${key[0]}" must be a table such as { path = "…" }` });
    for (const field of splitTable(table[1])) {
      const pair = /^\s*([A-Za-z0-9_-]+|"[^"]*")\s*=\s*(.+?)\s*$/.exec(field);
      if (pair) setField(dependency, unquote(pair[1]), pair[2], line, problems);
      else if (field.trim()) problems.push({ line, message: `cannot read "${field.trim()}" in dependency "${key[0]}"` });
    }
  });
  return { dependencies: [...byName.values()], problems };
}

/**
 * The first dependency of any manifest among `files` that the harness cannot compile offline from
 * these files alone: a git dependency, an absolute path, or a path to a package not among them.
 */
export function dependencyProblem(files: Record<string, string>): Diagnostic | undefined {
  for (const [file, manifest] of Object.entries(files)) {
    if (posix.basename(file) !== 'Nargo.toml') continue;
    const { dependencies, problems } = readDependencies(manifest);
    const at = (line: number, message: string): Diagnostic => ({ severity: 'error', file, line, code: 'nargo-dependency', message, sourceLine: manifest.split('\n')[line - 1]?.trimEnd() });
    if (problems.length) return at(problems[0].line, problems[0].message);
    for (const dependency of dependencies) {
      const problem = offlineProblem(dependency);
      if (problem) return at(dependency.line, problem);
      const folder = posix.normalize(posix.join(posix.dirname(file), dependency.path!));
      if (!Object.hasOwn(files, posix.join(folder, 'Nargo.toml'))) {
        return at(dependency.line, `dependency "${dependency.name}" (path = "${dependency.path}") is not among the circuit's files: the compiler reads nothing else`);
      }
    }
  }
  return undefined;
}

/** Why a dependency cannot be used offline (git, absolute path, neither); undefined when it can. */
export function offlineProblem(dependency: NargoDependency): string | undefined {
  if (dependency.git !== undefined) {
    return `dependency "${dependency.name}" is a git dependency (git = "${dependency.git}"): zkcoder compiles offline and fetches nothing; vendor it and use path = "…"`;
  }
  if (dependency.path === undefined) return `dependency "${dependency.name}" has no path (only path dependencies are supported)`;
  if (posix.isAbsolute(dependency.path) || /^[A-Za-z]:[\\/]/.test(dependency.path)) {
    return `dependency "${dependency.name}" has an absolute path ("${dependency.path}"): write it relative to Nargo.toml`;
  }
  return undefined;
}

function entry(byName: Map<string, NargoDependency>, name: string, line: number): NargoDependency {
  let dependency = byName.get(name);
  if (!dependency) byName.set(name, (dependency = { name, line }));
  return dependency;
}

function setField(dependency: NargoDependency, key: string, value: string, line: number, problems: ManifestProblem[]): void {
  if (key !== 'git' && key !== 'path') return; // tag, branch, directory, rev: only meaningful with git
  const text = tomlString(value.trim());
  if (text === undefined) return void problems.push({ line, message: `dependency "${dependency.name}": ${key} must be a string` });
  dependency[key] = text;
  dependency.line = line;
}

function tomlString(value: string): string | undefined {
  if (/^'[^']*'$/.test(value)) return value.slice(1, -1);
  if (!/^"(?:[^"\\]|\\.)*"$/.test(value)) return undefined;
  try {
    return JSON.parse(value) as string;
  } catch {
    return undefined;
  }
}

function splitKey(key: string): string[] {
  return [...key.matchAll(/"([^"]*)"|'([^']*)'|([^.\s]+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function unquote(key: string): string {
  return key.startsWith('"') ? key.slice(1, -1) : key;
}

/** The fields of an inline table, split at commas outside strings. */
function splitTable(body: string): string[] {
  return body.match(/(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^,"'])+/g) ?? [];
}

function stripComment(line: string): string {
  const m = /^(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^#"'])*/.exec(line);
  return m ? m[0] : line;
}

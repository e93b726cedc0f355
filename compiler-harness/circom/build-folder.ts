import { normalize } from 'node:path';
import { createTemporaryFolder, removeTemporaryFolder } from '../files/temporary-folders.js';
import { WriteRefused, writeInside } from '../files/write-gate.js';
import { sourceLineAt } from '../text.js';
import type { Diagnostic, TargetCircuit } from '../types.js';
import { CIRCOMLIB_MOUNT, findIncludes, resolveInclude } from './includes.js';

export const GENERATED_MAIN = 'zkcoder_main.circom';

export interface PreparedSources {
  buildDir: string;
  /** File passed to circom, relative to buildDir. */
  mainFile: string;
  /** Every file circom may read, including the generated main wrapper, as written (before includes are mapped). */
  files: Record<string, string>;
}

/**
 * Write the circuit's sources into a fresh private folder. When a template is named, add a small
 * main file instantiating it, so a library file can be checked without editing it. Includes are
 * checked first: one that leads outside the circuit's files and circomlib is an error naming its
 * line; circomlib includes are mapped to the library mounted in circom's sandbox.
 */
export async function prepareSources(circuit: TargetCircuit): Promise<PreparedSources | Diagnostic> {
  const files = { ...circuit.files };
  const entrySource = files[circuit.entry];
  if (entrySource === undefined) return { severity: 'error', message: `entry file ${circuit.entry} is not among the circuit's files` };
  for (const path of Object.keys(files)) {
    if (normalize(path).startsWith('..') || path.startsWith('/')) return { severity: 'error', message: `file path ${path} must be relative and inside the project` };
  }
  const hasMain = /\bcomponent\s+main\b/.test(stripComments(entrySource));
  let mainFile = circuit.entry;
  if (circuit.template) {
    if (hasMain) return { severity: 'error', file: circuit.entry, message: `${circuit.entry} already declares component main; do not pass a template` };
    if (!new RegExp(`\\btemplate\\s+${circuit.template}\\s*\\(`).test(entrySource)) {
      return { severity: 'error', file: circuit.entry, message: `no template named ${circuit.template} in ${circuit.entry}` };
    }
    const publics = circuit.publicInputs?.length ? ` {public [${circuit.publicInputs.join(', ')}]}` : '';
    const params = (circuit.params ?? []).join(', ');
    mainFile = GENERATED_MAIN;
    files[mainFile] = `pragma circom 2.0.0;\ninclude "${circuit.entry}";\n\ncomponent main${publics} = ${circuit.template}(${params});\n`;
  } else if (!hasMain) {
    return { severity: 'error', file: circuit.entry, message: `${circuit.entry} has no \`component main\`; name the template to instantiate (--template NAME --params ...)` };
  }
  const written: Record<string, string> = {};
  for (const [path, source] of Object.entries(files)) {
    const mapped = mapIncludes(path, source, (p) => Object.hasOwn(files, p));
    if (typeof mapped !== 'string') return mapped;
    written[path] = mapped;
  }
  const buildDir = createTemporaryFolder(`circom-${safeName(circuit.name ?? 'circuit')}`);
  try {
    for (const [path, source] of Object.entries(written)) await writeInside(buildDir, path, source);
  } catch (error) {
    await removeTemporaryFolder(buildDir);
    if (error instanceof WriteRefused) return { severity: 'error', message: `file path ${error.path} must be relative and inside the project` };
    throw error;
  }
  return { buildDir, mainFile, files };
}

/**
 * The source as circom should see it: circomlib includes point at the mounted library; an include
 * outside the project is a diagnostic. Only the quoted path changes, so lines and columns stay.
 */
function mapIncludes(file: string, source: string, isProjectFile: (path: string) => boolean): string | Diagnostic {
  let mapped = '';
  let copied = 0;
  for (const include of findIncludes(source)) {
    const target = resolveInclude(file, include.path, isProjectFile);
    if (target.kind === 'outside') return outsideInclude(file, source, include);
    if (target.kind !== 'library') continue;
    mapped += source.slice(copied, include.start) + `${CIRCOMLIB_MOUNT}/${target.path}`;
    copied = include.end;
  }
  return mapped + source.slice(copied);
}

export function outsideInclude(file: string, source: string, include: { path: string; line: number }): Diagnostic {
  return {
    severity: 'error',
    file,
    line: include.line,
    code: 'include-outside',
    message: `include "${include.path}" leads outside the project: circom may read only the circuit's own files and circomlib`,
    sourceLine: sourceLineAt(source, include.line),
  };
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'circuit';
}

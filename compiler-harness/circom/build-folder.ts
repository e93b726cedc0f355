import { normalize } from 'node:path';
import { createTemporaryFolder, removeTemporaryFolder } from '../files/temporary-folders.js';
import { WriteRefused, writeInside } from '../files/write-gate.js';
import type { Diagnostic, TargetCircuit } from '../types.js';

export const GENERATED_MAIN = 'zkcoder_main.circom';

export interface PreparedSources {
  buildDir: string;
  /** File passed to circom, relative to buildDir. */
  mainFile: string;
  /** Every file circom may read, including the generated main wrapper. */
  files: Record<string, string>;
}

/**
 * Write the circuit's sources into a fresh private folder. When a template is named, add a small
 * main file instantiating it, so a library file can be checked without editing it.
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
  const buildDir = createTemporaryFolder(`circom-${safeName(circuit.name ?? 'circuit')}`);
  try {
    for (const [path, source] of Object.entries(files)) await writeInside(buildDir, path, source);
  } catch (error) {
    await removeTemporaryFolder(buildDir);
    if (error instanceof WriteRefused) return { severity: 'error', message: `file path ${error.path} must be relative and inside the project` };
    throw error;
  }
  return { buildDir, mainFile, files };
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'circuit';
}

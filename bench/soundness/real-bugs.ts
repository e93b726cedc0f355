/**
 * The real-bug benchmark's cases (bench/soundness/real-bugs/<id>/): a buggy circuit modelled on a
 * published audit finding, its fixed twin, and honest inputs. The header comment of `bug.circom`
 * names the finding (`// Source:`), its class (`// Class:`) and, for stated-precondition bugs, the
 * intended input domain (`// Assume:` lines, the grammar of `zkcoder check --assume`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Inputs, TargetCircuit } from '../../compiler-harness/types.js';

export const REAL_BUGS_DIR = new URL('./real-bugs/', import.meta.url).pathname;

export type BugClass = 'hint' | 'vector' | 'cross' | 'special' | 'nonlinear' | 'precondition';
const CLASSES: BugClass[] = ['hint', 'vector', 'cross', 'special', 'nonlinear', 'precondition'];

export interface RealBugCase {
  id: string;
  title: string;
  sources: string[];
  bugClass: BugClass;
  /** `--assume` strings from the header; empty unless the bug is a missing check of a stated precondition. */
  assumptions: string[];
  bug: TargetCircuit;
  fixed: TargetCircuit;
  inputs: Inputs;
}

function circuit(id: string, text: string, variant: 'bug' | 'fixed'): TargetCircuit {
  const file = `${id.replace(/\W+/g, '_')}_${variant}.circom`;
  return { lang: 'circom', files: { [file]: text }, entry: file, name: file.replace('.circom', '') };
}

/** Header lines `// Key: value` before `pragma`. */
function header(text: string, key: string): string[] {
  const lines = text.split('\n');
  const end = lines.findIndex((l) => l.startsWith('pragma'));
  return lines.slice(0, end < 0 ? lines.length : end).flatMap((l) => {
    const match = new RegExp(`^//\\s*${key}:\\s*(.+)$`).exec(l.trim());
    return match ? [match[1].trim()] : [];
  });
}

export function loadRealBugs(dir = REAL_BUGS_DIR): RealBugCase[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((id) => {
      const folder = join(dir, id);
      const bugText = readFileSync(join(folder, 'bug.circom'), 'utf8');
      const fixedText = readFileSync(join(folder, 'fixed.circom'), 'utf8');
      const bugClass = header(bugText, 'Class')[0] as BugClass;
      if (!CLASSES.includes(bugClass)) throw new Error(`${id}/bug.circom: "// Class:" must be one of ${CLASSES.join(', ')}`);
      const sources = header(bugText, 'Source').flatMap((s) => s.split(/\s*;\s*/));
      if (sources.length === 0) throw new Error(`${id}/bug.circom: no "// Source:" line citing the finding`);
      return {
        id,
        title: header(bugText, 'Real bug')[0] ?? id,
        sources,
        bugClass,
        assumptions: header(bugText, 'Assume'),
        bug: circuit(id, bugText, 'bug'),
        fixed: circuit(id, fixedText, 'fixed'),
        inputs: JSON.parse(readFileSync(join(folder, 'input.json'), 'utf8')) as Inputs,
      };
    });
}

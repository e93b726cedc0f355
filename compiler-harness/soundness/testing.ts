import fs from 'node:fs';
import { join } from 'node:path';
import { compileCircomFiles, type CircomArtefacts } from './circom-compile.js';

export { witnessSatisfies } from './recheck.js';
export type { CircomArtefacts };

/**
 * Test support: compile a Circom fixture with circom2 in-process (`circom-compile.ts`, cached by
 * source hash) and return the artefact paths the analysis takes; `witnessSatisfies` re-checks a
 * counterexample with iden3's r1csfile.
 */

const fixturesDir = new URL('./fixtures/', import.meta.url).pathname;

export function readFixture(name: string): string {
  return fs.readFileSync(join(fixturesDir, name), 'utf8');
}

/** Compile `source` (a file with `component main`, may include circomlib by bare name). */
export function compileCircom(fileName: string, source: string): Promise<CircomArtefacts> {
  return compileCircomFiles(fileName, { [fileName]: source });
}

/** Compile a fixture file from ./fixtures by name. */
export function compileFixture(name: string): Promise<CircomArtefacts> {
  return compileCircom(name, readFixture(name));
}

/** Instantiate a library template as main, e.g. `circomlibMain('comparators.circom', 'LessThan(8)')`. */
export function circomlibMain(include: string, instance: string): string {
  return `pragma circom 2.0.0;\ninclude "${include}";\ncomponent main = ${instance};\n`;
}


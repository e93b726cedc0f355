import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { bindings, ReusingCircomRunner } from '../circom/circom-runner.js';

/**
 * circom2 in-process: compile a Circom file (which may include circomlib by bare name) to r1cs,
 * sym and the wasm witness generator. The soundness tests compile their fixtures with it, and the
 * hint attack (`hint-variants.ts`) compiles a rewritten copy of the user's source. Builds are cached
 * by content hash under `$TMPDIR/zkcoder-soundness-fixtures`.
 */

const require = createRequire(import.meta.url);
const nodeModules = dirname(dirname(require.resolve('circomlib/package.json')));

export interface CircomArtefacts {
  r1csPath: string;
  symPath: string;
  wasmPath: string;
  source: Record<string, string>;
}

/**
 * Compile `files[mainFile]` (the file with `component main`); the other files are written next to
 * it so relative includes resolve. Throws with circom's output when no witness generator came out.
 */
export async function compileCircomFiles(mainFile: string, files: Record<string, string>): Promise<CircomArtefacts> {
  const hash = createHash('sha256');
  for (const [name, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) hash.update(`${name}\0${text}\0`);
  hash.update(mainFile);
  const name = basename(mainFile, '.circom');
  const buildDir = join(tmpdir(), 'zkcoder-soundness-fixtures', `${name}-${hash.digest('hex').slice(0, 16)}`);
  const artefacts: CircomArtefacts = {
    r1csPath: join(buildDir, 'out', `${name}.r1cs`),
    symPath: join(buildDir, 'out', `${name}.sym`),
    wasmPath: join(buildDir, 'out', `${name}_js`, `${name}.wasm`),
    source: files,
  };
  if (fs.existsSync(artefacts.wasmPath) && fs.existsSync(artefacts.symPath)) return artefacts;
  fs.mkdirSync(join(buildDir, 'out'), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    const target = join(buildDir, file);
    if (!target.startsWith(buildDir + '/')) throw new Error(`source file name ${file} leaves the build folder`);
    fs.mkdirSync(dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  const output = await runCircom(buildDir, [mainFile, '--r1cs', '--wasm', '--sym', '-l', 'lib/circomlib/circuits', '-l', 'lib', '-o', 'out']);
  if (!fs.existsSync(artefacts.wasmPath)) throw new Error(`circom failed on ${mainFile}:\n${output}`);
  return artefacts;
}

async function runCircom(cwd: string, args: string[]): Promise<string> {
  let output = '';
  const writeSync = fs.writeSync;
  // circom prints through fs.writeSync(1|2): capture it, nothing reaches the terminal.
  (fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== 1 && fd !== 2) return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    const text = typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString();
    output += text;
    return Buffer.byteLength(text);
  };
  try {
    const runner = new ReusingCircomRunner({
      args,
      env: {},
      preopens: { '.': cwd, lib: nodeModules },
      bindings: {
        ...bindings,
        fs,
        exit(code: number) {
          throw Object.assign(new Error(`circom exited with ${code}`), { code });
        },
      },
    });
    await runner.execute(fs.readFileSync(require.resolve('circom2/circom.wasm')));
  } catch (error) {
    output += `\n${(error as Error).message}`;
  } finally {
    (fs as { writeSync: unknown }).writeSync = writeSync;
  }
  // eslint-disable-next-line no-control-regex
  return output.replace(/\x1b\[[0-9;]*m/g, '');
}

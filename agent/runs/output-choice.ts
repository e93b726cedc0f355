import { isAbsolute, relative, resolve, sep } from 'node:path';
import { checkOutputFolder, OutputFolderError } from '../../compiler-harness/files/output-folder.js';

export interface OutputChoice {
  /** The folder the user passed now (`--out`): trusted, it is their command line. */
  outDir?: string;
  /** The folder a resumed run's state.json names: data on disk, trusted only inside `workingDir`. */
  saved?: unknown;
  /** Write into a non-empty folder zkcoder did not write (`--force`). */
  force?: boolean;
  /** Where the user runs zkcoder (default the process's working folder). */
  workingDir?: string;
  runId?: string;
}

export type ChosenOutput = { ok: true; outDir?: string } | { ok: false; message: string };

/**
 * The folder a run writes its outputs to, checked before any work is done. A folder read back from
 * a resumed run's state.json is used only inside the working folder: a state.json copied in from
 * elsewhere (or edited) must not choose where zkcoder writes. Either folder must be one zkcoder
 * may write into (absent, empty, or its own output), unless forced. Returns an absolute path.
 */
export function chooseOutputFolder(choice: OutputChoice): ChosenOutput {
  const workingDir = resolve(choice.workingDir ?? process.cwd());
  let outDir: string | undefined;
  if (choice.outDir !== undefined) outDir = resolve(workingDir, choice.outDir);
  else if (choice.saved !== undefined && choice.saved !== null) {
    if (typeof choice.saved !== 'string' || choice.saved === '') return { ok: false, message: `run ${choice.runId}: its saved output folder is not a path; pass --out DIR` };
    outDir = resolve(workingDir, choice.saved);
    if (!inside(workingDir, outDir)) {
      return { ok: false, message: `run ${choice.runId} names the output folder ${outDir}, outside ${workingDir}: pass --out ${outDir} to write there (or --out another folder)` };
    }
  }
  if (outDir === undefined) return { ok: true };
  try {
    checkOutputFolder(outDir, { force: choice.force });
  } catch (error) {
    if (error instanceof OutputFolderError) return { ok: false, message: error.message };
    throw error;
  }
  return { ok: true, outDir };
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

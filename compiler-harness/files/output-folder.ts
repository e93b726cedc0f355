/**
 * A folder the user named for zkcoder's results (`--out`). zkcoder writes into a folder it created,
 * an empty one, or one it wrote before (it leaves a marker file there); a non-empty folder of the
 * user's is refused unless they pass `--force`, so a REPORT.md or vectors.json of theirs is never
 * silently overwritten.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeInside, writeInsideSync } from './write-gate.js';

/** The file that says "zkcoder wrote this folder": writing into it again needs no --force. */
export const OUTPUT_MARKER = '.zkcoder-output';

const MARKER_TEXT = 'This folder holds files written by zkcoder; zkcoder may write into it again without --force.\n';

/** zkcoder may not write into this folder (the CLI turns it into exit 2). */
export class OutputFolderError extends Error {
  override name = 'OutputFolderError';
  constructor(
    readonly folder: string,
    message: string,
  ) {
    super(message);
  }
}

export type OutputFolderState = 'absent' | 'empty' | 'ours' | 'foreign';

/** What is at `dir` now; throws when it is something other than a folder. */
export function outputFolderState(dir: string): OutputFolderState {
  const full = resolve(dir);
  if (!existsSync(full)) return 'absent';
  if (!statSync(full).isDirectory()) throw new OutputFolderError(full, `${full}: exists and is not a folder; choose another output folder`);
  const names = readdirSync(full);
  if (names.length === 0) return 'empty';
  return names.includes(OUTPUT_MARKER) ? 'ours' : 'foreign';
}

/** Throws when zkcoder may not write into `dir` (a non-empty folder it did not write, without force). */
export function checkOutputFolder(dir: string, options: { force?: boolean } = {}): OutputFolderState {
  const state = outputFolderState(dir);
  if (state === 'foreign' && !options.force) {
    const full = resolve(dir);
    throw new OutputFolderError(full, `${full}: the folder is not empty and was not written by zkcoder; choose another output folder, or pass --force to write into it anyway`);
  }
  return state;
}

/**
 * An output folder checked before the first write, created and marked on it, every file written
 * through the write gate. A foreign folder written with force is not marked: it stays the user's,
 * and the next write into it needs --force again.
 */
export class OutputFolder {
  readonly dir: string;
  private claimed: Promise<void> | undefined;

  constructor(
    dir: string,
    private readonly options: { force?: boolean } = {},
  ) {
    this.dir = resolve(dir);
  }

  /** Throws OutputFolderError when zkcoder may not write here; writes nothing. */
  check(): void {
    checkOutputFolder(this.dir, this.options);
  }

  /** Write `path` inside the folder; returns the full path. */
  async write(path: string, data: string | Uint8Array): Promise<string> {
    this.claimed ??= this.claim();
    await this.claimed;
    return writeInside(this.dir, path, data);
  }

  /** Check the folder and mark it as zkcoder's (synchronously), before writing into it with the gate directly. */
  claimSync(): void {
    const state = checkOutputFolder(this.dir, this.options);
    if (state === 'absent' || state === 'empty') writeInsideSync(this.dir, OUTPUT_MARKER, MARKER_TEXT);
  }

  private async claim(): Promise<void> {
    const state = checkOutputFolder(this.dir, this.options);
    if (state === 'absent' || state === 'empty') await writeInside(this.dir, OUTPUT_MARKER, MARKER_TEXT);
  }
}

/** Somewhere files are written through the gate: an OutputFolder, or a plain folder of zkcoder's own. */
export interface FolderWriter {
  readonly dir: string;
  write(path: string, data: string | Uint8Array): Promise<string>;
}

/** A folder zkcoder owns (a run's `final/`): written through the gate, no marker or emptiness check. */
export function gatedFolder(dir: string): FolderWriter {
  const full = resolve(dir);
  return { dir: full, write: (path, data) => writeInside(full, path, data) };
}

import { spawn, type ChildProcessWithoutNullStreams, type SpawnOptions } from 'node:child_process';

/**
 * A command that runs in a process group of its own, so that everything it starts (a shell's
 * pipeline, a background child that holds stdout) can be stopped together. Killing only the
 * direct child leaves its children running, and their open stdout keeps us waiting for them.
 */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** If zkcoder itself exits (a second Ctrl-C, a crash), no command group outlives it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  });
}

export function spawnInGroup(
  program: string,
  args: string[],
  options: Pick<SpawnOptions, 'cwd' | 'env' | 'shell'>,
): ChildProcessWithoutNullStreams {
  installExitHook();
  // detached: a new session and process group whose id is the child's pid (POSIX); on Windows it
  // only means a separate console, and the group signal below falls back to the child alone.
  const stdio: ['pipe', 'pipe', 'pipe'] = ['pipe', 'pipe', 'pipe'];
  const child = spawn(program, args, { ...options, detached: true, stdio });
  const pid = child.pid;
  if (pid !== undefined) {
    liveGroups.add(pid);
    // The group outlives its leader while a child holds on; it is forgotten only when every
    // stdio stream has closed, which means no member is left writing to us.
    child.on('close', () => liveGroups.delete(pid));
  }
  return child;
}

/** Signals every process of the child's group; false when the group is already gone. */
export function killGroup(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): boolean {
  if (child.pid === undefined) return false;
  if (process.platform === 'win32') return child.kill(signal);
  return signalGroup(child.pid, signal);
}

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

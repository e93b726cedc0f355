/**
 * Runs inside a TimedWorker: the soundness attacks. They execute user code (Noir hints, circom
 * witness generators) on inputs and answers it never expected, so a run may loop; in a thread it
 * can be stopped, and the caller's event loop stays free while z3 and the search run.
 */
import { serveJobs } from '../worker-jobs.js';
import { analyzeR1cs } from './analyze-circom.js';
import { analyzeNoirInProcess } from './noir-attack.js';
import { disposeSmt, warmSmt } from './smt.js';
import { refuseNetwork } from '../noir/project-folder.js';

// Noir programs are compiled here too (with hints rewritten): offline, like the Noir toolchain worker.
refuseNetwork();

serveJobs({
  analyzeR1cs: (options: Parameters<typeof analyzeR1cs>[0]) => {
    // z3 stays loaded for the life of the worker (its start-up is ~1–3 s, a warm query ~50 ms); its
    // threads are stopped by the stopSmt job before disposeSoundnessAnalysis terminates the worker.
    if (options.smt !== false) warmSmt();
    return analyzeR1cs(options);
  },
  analyzeNoir: analyzeNoirInProcess,
  // z3's own threads must be stopped by z3: terminating the worker while they start up or run
  // aborts them mid-way ("corrupted its heap memory area", printed on stderr).
  stopSmt: () => disposeSmt(),
});

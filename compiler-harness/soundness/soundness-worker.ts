/**
 * Runs inside a TimedWorker: the soundness attacks. They execute user code (Noir hints, circom
 * witness generators) on inputs and answers it never expected, so a run may loop; in a thread it
 * can be stopped, and the caller's event loop stays free while z3 and the search run.
 */
import { serveJobs } from '../worker-jobs.js';
import { analyzeR1cs } from './analyze-circom.js';
import { analyzeNoirInProcess } from './noir-attack.js';
import { disposeSmt } from './smt.js';
import { refuseNetwork } from '../noir/project-folder.js';

// Noir programs are compiled here too (with hints rewritten): offline, like the Noir toolchain worker.
refuseNetwork();

serveJobs({
  analyzeR1cs: async (options: Parameters<typeof analyzeR1cs>[0]) => {
    try {
      return await analyzeR1cs(options);
    } finally {
      // z3's own threads would otherwise outlive the job when the worker is reused or terminated.
      await disposeSmt();
    }
  },
  analyzeNoir: analyzeNoirInProcess,
});

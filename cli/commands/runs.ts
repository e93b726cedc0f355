import type { Command } from 'commander';
import { RunStore } from '../../agent/runs/run-store.js';
import { FatalError } from '../fatal.js';
import { table } from '../table.js';

export function registerRuns(program: Command): void {
  const runs = program.command('runs').description('generate runs saved under .zkcoder/runs');
  runs
    .command('list')
    .description('list runs, newest first')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      const states = new RunStore().list();
      if (flags.json) return console.log(JSON.stringify(states, null, 2));
      if (!states.length) return console.log('no runs yet (zkcoder generate "...")');
      console.log(table(['id', 'status', 'mode', 'stages done', 'task'], states.map((s) => [s.id, s.status, s.mode, s.completedStages.join(',') || '-', s.task])));
    });
  runs
    .command('show')
    .description('show a run: its state and events')
    .argument('<id>', 'a run id (see zkcoder runs list)')
    .option('--json', 'print JSON')
    .action((id: string, flags: { json?: boolean }) => {
      let run;
      try {
        run = new RunStore().open(id);
      } catch (error) {
        throw new FatalError((error as Error).message);
      }
      if (flags.json) return console.log(JSON.stringify({ state: run.state, events: run.events() }, null, 2));
      const s = run.state;
      console.log(`${s.id}: ${s.status} (${s.mode})\ntask: ${s.task}\nstages done: ${s.completedStages.join(', ') || 'none'}\n${s.summary ?? ''}\nfolder: ${run.dir}`);
      for (const e of run.events()) {
        if (e.type === 'stage-end') console.log(`  ${e.ok ? '✓' : '✗'} ${e.stage}: ${e.summary}`);
        if (e.type === 'error') console.log(`  error: ${e.message}`);
      }
    });
}

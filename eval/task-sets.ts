import { loadZkcoderTasks, suiteFiles, TaskFileError } from './load-tasks.js';
import type { EvalSettings } from './eval-store.js';
import type { EvalTask } from './task-format.js';
import { loadTransZkEvalTasks } from './transzkeval.js';

/**
 * The task files an eval uses: the given ones, or the shipped suite's files for the levels asked
 * (levels 1–3 of `eval/suite`). External formats go through their adapter.
 */
export function taskFilesFor(options: { tasks?: string[]; levels: EvalSettings['levels']; suiteDir?: string }): string[] {
  return options.tasks?.length ? options.tasks : suiteFiles(options.levels, options.suiteDir);
}

/** Every task of the settings' files, in file order; ids must be unique across files. */
export function loadEvalTasks(settings: Pick<EvalSettings, 'taskFiles' | 'format'>): EvalTask[] {
  const tasks: EvalTask[] = [];
  const seen = new Map<string, string>();
  for (const file of settings.taskFiles) {
    const loaded = settings.format === 'transzkeval' ? loadTransZkEvalTasks(file) : loadZkcoderTasks(file);
    for (const task of loaded) {
      const earlier = seen.get(task.id);
      if (earlier) throw new TaskFileError(`${task.source}: id "${task.id}" is already used at ${earlier}`);
      seen.set(task.id, task.source);
      tasks.push(task);
    }
  }
  return tasks;
}

import { existsSync } from 'node:fs';
import { OutputFolder } from '../compiler-harness/files/output-folder.js';
import { copyFolderInsideSync, writeInsideSync } from '../compiler-harness/files/write-gate.js';
import { join, resolve } from 'node:path';
import type { AttemptRecord, EvalSettings } from './eval-store.js';
import { FAILURE_KINDS } from './grade.js';
import { barChart, escapeHtml, percent, type Bar } from './report-charts.js';
import type { EvalSummary } from './score.js';

export interface ReportInput {
  /** Where to write: results.json, report.html, and attempts/… copied from the eval run. */
  dir: string;
  /** The eval run's folder, holding each attempt's files. */
  evalDir: string;
  records: AttemptRecord[];
  summary: EvalSummary;
  settings: EvalSettings;
  model?: string;
  runId: string;
  now?: Date;
}

/** Write `results.json` and a self-contained `report.html` (no network: inline SVG and CSS only). */
export function writeReport(input: ReportInput & { force?: boolean }): { json: string; html: string } {
  const dir = resolve(input.dir);
  // A user's folder is refused unless it is empty, zkcoder's own, or --force; every write is gated.
  const folder = new OutputFolder(dir, { force: input.force });
  folder.claimSync();
  // Each attempt's code and check report, so the table's links work wherever the folder is copied.
  if (existsSync(join(input.evalDir, 'attempts'))) copyFolderInsideSync(join(input.evalDir, 'attempts'), dir, 'attempts');
  const generatedAt = (input.now ?? new Date()).toISOString();
  const json = writeInsideSync(dir, 'results.json', JSON.stringify({ runId: input.runId, model: input.model, generatedAt, settings: input.settings, summary: input.summary, attempts: input.records }, null, 2));
  const html = writeInsideSync(dir, 'report.html', renderReport({ ...input, generatedAt }));
  return { json, html };
}

const LANG_COLOURS: Record<string, string> = { circom: '#d9822b', noir: '#3a6ea5' };
const FAILURE_COLOUR = '#b5443b';

export function renderReport(input: ReportInput & { generatedAt: string }): string {
  const { summary, settings } = input;
  const levels = Object.keys(summary.byLevel);
  const passCharts = levels.map((level) => {
    const bars: Bar[] = [];
    // Questions are always asked directly, whatever modes the run had.
    for (const mode of level === '1' ? ['direct'] : settings.modes) {
      for (const lang of settings.langs) {
        const score = summary.byLevelModeLanguage[`${level}/${mode}/${lang}`];
        if (score) bars.push({ group: mode, label: lang, value: score.passAt1, text: `${percent(score.passAt1)} (${score.passed}/${score.attempts})`, colour: LANG_COLOURS[lang] });
      }
    }
    return `<section><h3>Level ${escapeHtml(level)}${level === '1' ? ' (asked directly)' : ''}</h3>${barChart({ id: `pass-rate-level-${level}`, bars, max: 1, title: `pass@1 for level ${level}, by mode and language` })}</section>`;
  });
  const failureBars: Bar[] = FAILURE_KINDS.filter((kind) => summary.failures[kind]).map((kind) => ({ group: kind, label: kind, value: summary.failures[kind]!, text: String(summary.failures[kind]), colour: kind === 'model-error' ? '#888' : FAILURE_COLOUR }));
  const costBars: Bar[] = Object.entries(summary.byMode).map(([mode, g]) => ({ group: mode, label: mode, value: g.costUsd ?? g.inputTokens + g.outputTokens, text: g.costUsd === undefined ? `${g.inputTokens + g.outputTokens} tokens` : `$${g.costUsd.toFixed(4)}`, colour: '#5b8c5a' }));
  const priced = Object.values(summary.byMode).every((g) => g.costUsd !== undefined);
  const leaveOneOut = input.records.some((r) => r.excluded.length);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>zkcoder eval ${escapeHtml(input.runId)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>zkcoder eval</h1>
<p class="meta">run <code>${escapeHtml(input.runId)}</code> · model <code>${escapeHtml(input.model ?? 'unknown')}</code> · ${escapeHtml(input.generatedAt)} · modes ${escapeHtml(settings.modes.join(', '))} · ${settings.samples} sample(s) per task, language and mode</p>
<section class="headline">
${headline('passed', `${summary.passed}/${summary.total}`)}${headline('pass@1', percent(summary.passAt1))}${headline(`pass@${summary.k}`, percent(summary.passAtK))}${headline('model errors', String(summary.modelErrors))}${headline('tokens', String(summary.inputTokens + summary.outputTokens))}${headline('cost', summary.costUsd === undefined ? 'unknown' : `$${summary.costUsd.toFixed(4)}`)}${headline('wall time', `${(summary.timeMs / 1000).toFixed(1)} s`)}
</section>
${leaveOneOut ? '<p class="note">Contamination control: in the agent modes, the knowledge-base entries that would leak each task\'s answer were hidden from retrieval during that task (leave-one-out; listed per attempt below).</p>' : ''}
${summary.modelErrors ? `<p class="note">${summary.modelErrors} attempt(s) ended in a model or network error: they are not graded (not counted as circuit failures) and run again with <code>zkcoder eval --resume ${escapeHtml(input.runId)}</code>.</p>` : ''}
<h2>Pass rate (pass@1) by level, mode and language</h2>
<p class="legend">${Object.entries(LANG_COLOURS).filter(([lang]) => settings.langs.includes(lang as never)).map(([lang, colour]) => `<span class="swatch" style="background:${colour}"></span>${lang}`).join(' ')}</p>
<div class="charts">${passCharts.join('\n')}</div>
<h2>Failures</h2>
${failureBars.length ? barChart({ id: 'failures', bars: failureBars, title: 'failed attempts by kind' }) : '<p>No failures.</p>'}
<h2>Cost by mode</h2>
${barChart({ id: 'cost', bars: costBars, title: priced ? 'cost in US dollars by mode' : 'tokens by mode (no known price)' })}
${scoreTable(summary)}
<h2>Attempts</h2>
${attemptTable(input.records)}
</body>
</html>
`;
}

function headline(label: string, value: string): string {
  return `<div><span class="value">${escapeHtml(value)}</span><span class="label">${escapeHtml(label)}</span></div>`;
}

function scoreTable(summary: EvalSummary): string {
  const groups: [string, EvalSummary['byLevel']][] = [['level', summary.byLevel], ['mode', summary.byMode], ['language', summary.byLanguage], ['category', summary.byCategory]];
  const rows = groups.flatMap(([kind, scores]) =>
    Object.entries(scores).map(
      ([name, g]) =>
        `<tr><td>${kind}</td><td>${escapeHtml(name)}</td><td>${g.passed}/${g.attempts}</td><td>${percent(g.passAt1)}</td><td>${percent(g.passAtK)}</td><td>${g.modelErrors}</td><td>${g.inputTokens + g.outputTokens}</td><td>${g.costUsd === undefined ? '-' : `$${g.costUsd.toFixed(4)}`}</td><td>${(g.timeMs / 1000).toFixed(1)} s</td><td>${g.iterations}</td></tr>`,
    ),
  );
  return `<h2>Scores</h2><table class="scores"><thead><tr><th>by</th><th>group</th><th>passed</th><th>pass@1</th><th>pass@${summary.k}</th><th>model errors</th><th>tokens</th><th>cost</th><th>time</th><th>iterations</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function attemptTable(records: AttemptRecord[]): string {
  const sorted = [...records].sort((a, b) => a.key.localeCompare(b.key, undefined, { numeric: true }));
  const link = (path: string | undefined, text: string) => (path ? `<a href="${escapeHtml(path)}">${text}</a>` : '');
  const rows = sorted.map((r) => {
    const code = Object.entries(r.files).find(([name]) => name.startsWith('code/'))?.[1];
    const links = [link(code, 'code'), link(r.files['check-report.txt'], 'check report'), link(r.files['answer.md'], 'answer'), link(r.files['prompt.md'], 'prompt')].filter(Boolean).join(' · ');
    return `<tr class="${r.status}"><td>${escapeHtml(r.taskId)}</td><td>${r.level}</td><td>${escapeHtml(r.category)}</td><td>${r.lang}</td><td>${r.mode}</td><td>${r.sample}</td><td>${r.status}</td><td>${r.failure ?? ''}</td><td class="detail">${escapeHtml(r.detail)}</td><td>${(r.timeMs / 1000).toFixed(1)} s</td><td>${r.inputTokens + r.outputTokens}</td><td>${escapeHtml(r.excluded.join(', '))}</td><td>${links}</td></tr>`;
  });
  return `<table class="attempts"><thead><tr><th>task</th><th>level</th><th>category</th><th>lang</th><th>mode</th><th>sample</th><th>status</th><th>failure</th><th>detail</th><th>time</th><th>tokens</th><th>hidden entries</th><th>files</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; color: #222; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; } .meta, .legend { color: #555; }
.headline { display: flex; gap: 2rem; flex-wrap: wrap; margin: 1rem 0; }
.headline div { display: flex; flex-direction: column; } .headline .value { font-size: 1.6rem; font-weight: 600; } .headline .label { color: #666; }
.note { background: #f4f1e8; padding: 0.5rem 0.8rem; border-left: 3px solid #c9b46b; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; } .charts h3 { margin: 0.3rem 0; font-size: 1rem; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; margin: 0 0.3rem 0 0.8rem; vertical-align: middle; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 13px; } th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
tr.passed td:nth-child(7) { color: #2e7d32; } tr.failed td:nth-child(7) { color: #b5443b; } tr.model-error td:nth-child(7) { color: #777; }
td.detail { max-width: 28rem; overflow-wrap: anywhere; } svg text { font: 11px system-ui, sans-serif; fill: #333; }
`;

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedModel } from '../agent/model/providers/scripted.js';
import { collectEval, SAMPLES_DIR, sampleTasks, settingsFor, taskOfPrompt, temporaryDir } from '../eval/eval-testing.js';
import { LETTERS } from '../eval/prompts.js';
import { writeReport } from '../eval/report.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'];

/**
 * Level 1: the Circom questions right, the Noir ones wrong. Level 2 (l2-sample-and): Circom broken,
 * then right; Noir with no code block. Every chart has something to draw, and only two compiles run.
 */
const mixedSettings = () => settingsFor({ levels: [1, 2], langs: ['circom', 'noir'], samples: 2, filter: '^(l1-|l2-sample-and$)' });

async function mixedRun() {
  const settings = mixedSettings();
  const tasks = sampleTasks(settings);
  const broken = readFileSync(new URL('./fixtures/eval/and-broken.circom', import.meta.url), 'utf8');
  const right = readFileSync(join(SAMPLES_DIR, 'solutions/l2-sample-and.circom'), 'utf8');
  let circomAnswers = 0;
  const model = scriptedModel({
    script: (request) => {
      const prompt = request.messages.at(-1)!.content;
      const task = taskOfPrompt(tasks, prompt);
      if (task.level === 1) return `Answer: ${LETTERS[task.lang === 'circom' ? task.answer : (task.answer + 1) % task.choices.length]}`;
      if (prompt.includes('Write a zero-knowledge circuit in Noir')) return 'I cannot write Noir.';
      return `\`\`\`circom\n${circomAnswers++ === 0 ? broken : right}\`\`\``;
    },
  });
  return collectEval({ settings, model });
}

describe('the HTML report', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders offline in Chromium with its charts drawn and links to every attempt', async () => {
    const { result } = await mixedRun();
    const out = temporaryDir('eval-report');
    const written = writeReport({ dir: out, evalDir: result.dir, records: result.records, summary: result.summary, settings: mixedSettings(), model: 'scripted:test', runId: result.runId });
    const saved = JSON.parse(readFileSync(written.json, 'utf8'));
    expect(saved.summary).toMatchObject({ passed: 5, total: 12 });
    expect(saved.attempts).toHaveLength(12);

    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(written.html).href);
    // Every chart is an SVG whose bars have a real, laid-out size.
    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((svg) => ({
        id: svg.id,
        width: svg.getBoundingClientRect().width,
        bars: [...svg.querySelectorAll('rect.bar')].map((bar) => ({ label: bar.getAttribute('data-label'), value: Number(bar.getAttribute('data-value')), height: (bar as unknown as { getBBox(): { height: number } }).getBBox().height })),
      })),
    );
    expect(charts.map((c) => c.id)).toEqual(['pass-rate-level-1', 'pass-rate-level-2', 'failures', 'cost']);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.bars.length).toBeGreaterThan(0);
    }
    const level1 = Object.fromEntries(charts[0].bars.map((b) => [b.label, b]));
    expect(level1['direct circom']).toMatchObject({ value: 1 });
    expect(level1['direct noir']).toMatchObject({ value: 0 });
    // A full bar is the plot's height; a zero bar is a hairline, still drawn.
    expect(level1['direct circom'].height).toBeCloseTo(150, 0);
    expect(level1['direct noir'].height).toBe(1);
    const level2 = Object.fromEntries(charts[1].bars.map((b) => [b.label, b.value]));
    expect(level2).toEqual({ 'direct circom': 0.5, 'direct noir': 0 });
    expect(charts[2].bars.map((b) => [b.label, b.value])).toEqual([['does-not-compile', 3], ['wrong-output', 4]]);
    // The table links each attempt's files, copied beside the report.
    const links = await page.$$eval('table.attempts a', (anchors) => anchors.map((a) => a.getAttribute('href')!));
    expect(links.length).toBeGreaterThanOrEqual(12 * 2);
    for (const link of links) expect(existsSync(join(out, link))).toBe(true);
    expect(links.some((l) => l.endsWith('check-report.txt'))).toBe(true);
    expect(requests.every((url) => url.startsWith('file:'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

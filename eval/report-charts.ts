/**
 * Bar charts as inline SVG, drawn when the report is written: the report needs no script, no font
 * and no network to show them.
 */

export interface Bar {
  /** Bars of one group stand together under its name (a mode, a failure kind). */
  group: string;
  label: string;
  value: number;
  /** Shown above the bar. */
  text: string;
  colour: string;
}

const BAR_WIDTH = 34;
const BAR_GAP = 6;
const GROUP_GAP = 26;
const PLOT_HEIGHT = 150;
const TOP = 22;
const BOTTOM = 40;
const LEFT = 36;

/**
 * A vertical bar chart, bars grouped by `group`; `max` fixes the scale (1 for rates), otherwise the
 * largest value. Every bar is a `rect.bar` with its value in `data-value`, so a test can find them.
 */
export function barChart(options: { id: string; bars: Bar[]; max?: number; title: string }): string {
  const groups = [...new Set(options.bars.map((b) => b.group))];
  const max = options.max ?? Math.max(1e-9, ...options.bars.map((b) => b.value));
  let x = LEFT + GROUP_GAP / 2;
  const parts: string[] = [];
  for (const group of groups) {
    const bars = options.bars.filter((b) => b.group === group);
    // A group is at least as wide as its name, so names never run into each other.
    const pad = Math.max(0, (group.length * 6.5 - (bars.length * (BAR_WIDTH + BAR_GAP) - BAR_GAP)) / 2);
    x += pad;
    const start = x;
    for (const bar of bars) {
      const height = max > 0 ? Math.max(0, (bar.value / max) * PLOT_HEIGHT) : 0;
      const y = TOP + PLOT_HEIGHT - height;
      // A zero bar still gets a hairline, so "0 %" is visibly drawn rather than missing.
      const drawn = Math.max(height, 1);
      parts.push(
        `<rect class="bar" data-value="${bar.value}" data-label="${escapeHtml(bar.label === group ? group : `${group} ${bar.label}`)}" x="${x}" y="${TOP + PLOT_HEIGHT - drawn}" width="${BAR_WIDTH}" height="${drawn}" fill="${bar.colour}"><title>${escapeHtml(`${group} · ${bar.label}: ${bar.text}`)}</title></rect>`,
        `<text x="${x + BAR_WIDTH / 2}" y="${y - 4}" text-anchor="middle">${escapeHtml(shortText(bar.text))}</text>`,
      );
      x += BAR_WIDTH + BAR_GAP;
    }
    const middle = (start + x - BAR_GAP) / 2;
    parts.push(`<text x="${middle}" y="${TOP + PLOT_HEIGHT + 16}" text-anchor="middle">${escapeHtml(group)}</text>`);
    if (bars.length > 1 || bars[0]?.label !== group) {
      parts.push(`<text x="${middle}" y="${TOP + PLOT_HEIGHT + 30}" text-anchor="middle" fill="#777">${escapeHtml(bars.map((b) => b.label).join(' · '))}</text>`);
    }
    x += pad + GROUP_GAP - BAR_GAP;
  }
  const width = Math.max(x + GROUP_GAP / 2, 200);
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const axis = `<line x1="${LEFT}" y1="${TOP + PLOT_HEIGHT}" x2="${width - 4}" y2="${TOP + PLOT_HEIGHT}" stroke="#999"/><line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + PLOT_HEIGHT}" stroke="#999"/>`;
  const ticks = `<text x="${LEFT - 4}" y="${TOP + 4}" text-anchor="end">${escapeHtml(options.max === 1 ? '100%' : shortNumber(max))}</text><text x="${LEFT - 4}" y="${TOP + PLOT_HEIGHT}" text-anchor="end">0</text>`;
  const empty = groups.length ? '' : `<text x="${LEFT + 10}" y="${TOP + PLOT_HEIGHT / 2}">no data</text>`;
  return `<svg class="chart" id="${escapeHtml(options.id)}" role="img" aria-label="${escapeHtml(options.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(options.title)}</title>${axis}${ticks}${parts.join('')}${empty}</svg>`;
}

export function percent(rate: number): string {
  return `${(100 * rate).toFixed(1)} %`;
}

function shortText(text: string): string {
  const first = text.split(' (')[0];
  return first.length > 10 ? `${first.slice(0, 9)}…` : first;
}

function shortNumber(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)}k` : Number.isInteger(value) ? String(value) : value.toFixed(3);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

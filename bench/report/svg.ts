// A small line chart as standalone SVG, so the figures in docs/performance.md come from the run.

export interface Series {
  name: string;
  colour: string;
  points: [number, number][];
}

export interface Chart {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Concurrency levels double, so they read better on a log2 axis. */
  logX?: boolean;
  series: Series[];
  /** Horizontal reference lines (a target), drawn dashed and always inside the y range. */
  guides?: { y: number; label: string }[];
}

const W = 640;
const H = 360;
const M = { left: 64, right: 170, top: 36, bottom: 48 };
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const round = (v: number) => (Number.isInteger(v) || Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));

/** About `count` round tick values (1, 2 or 5 times a power of ten apart) covering [lo, hi]. */
function niceTicks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / count || 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return ticks;
}

export function lineChart(chart: Chart): string {
  const all = chart.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const fx = (x: number) => (chart.logX ? Math.log2(x) : x);
  const xs = all.map(([x]) => fx(x));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const y1 = Math.max(...all.map(([, y]) => y), ...(chart.guides ?? []).map((g) => g.y)) * 1.1 || 1;
  const px = (x: number) => M.left + ((fx(x) - x0) / (x1 - x0 || 1)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - (y / y1) * (H - M.top - M.bottom);
  // Doubling concurrency levels label well one by one; a linear axis with many points (open
  // disputes sampled every step) gets round ticks instead, or the labels run into each other.
  const xTicks = chart.logX ? [...new Set(all.map(([x]) => x))].sort((a, b) => a - b) : niceTicks(x0, x1, 6).filter((x) => x >= x0 && x <= x1);
  const yTicks = niceTicks(0, y1, 5).filter((y) => y > 0 && y <= y1);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${M.left}" y="20" font-size="13" font-weight="bold">${esc(chart.title)}</text>`,
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="black"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="black"/>`,
    ...xTicks.map((x) => `<text x="${px(x)}" y="${H - M.bottom + 14}" text-anchor="middle">${round(x)}</text>`),
    ...yTicks.map((y) => `<text x="${M.left - 6}" y="${py(y) + 4}" text-anchor="end">${round(y)}</text><line x1="${M.left}" y1="${py(y)}" x2="${W - M.right}" y2="${py(y)}" stroke="#ddd"/>`),
    ...(chart.guides ?? []).map((g) => `<line x1="${M.left}" y1="${py(g.y)}" x2="${W - M.right}" y2="${py(g.y)}" stroke="#888" stroke-dasharray="6 4"/><text x="${W - M.right - 4}" y="${py(g.y) - 4}" text-anchor="end" fill="#555">${esc(g.label)}</text>`),
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">${esc(chart.xLabel)}</text>`,
    `<text x="14" y="${(M.top + H - M.bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(M.top + H - M.bottom) / 2})">${esc(chart.yLabel)}</text>`,
  ];
  chart.series.forEach((s, i) => {
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    parts.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${pts.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>`);
    parts.push(...pts.map(([x, y]) => `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${s.colour}"/>`));
    parts.push(`<rect x="${W - M.right + 12}" y="${M.top + i * 18}" width="12" height="3" fill="${s.colour}"/><text x="${W - M.right + 30}" y="${M.top + i * 18 + 5}">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

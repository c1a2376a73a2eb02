/** A small SVG line chart: coverage latency and resident memory against graph size (log scale). */
export interface ChartPoint {
  label: string;
  requirements: number;
  latencyMs: number;
  syntheticMs: number | null;
  rssMb: number;
}

/** What both charts share: the plot area, a log-scale x axis over the points' sizes, lines and tick labels. */
function frame(sizes: number[], height: number, margin: { left: number; right: number; top: number; bottom: number }) {
  const width = 720;
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const xs = sizes.map((n) => Math.log10(n));
  const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
  const x = (n: number) => margin.left + ((Math.log10(n) - minX) / Math.max(0.001, maxX - minX)) * plotW;
  /** A value axis from 0 to a little over `top`. */
  const axis = (top: number) => {
    const max = Math.max(1, top) * 1.15;
    return { max, y: (v: number) => margin.top + plotH - (v / max) * plotH };
  };
  const line = (values: Array<[number, number]>, colour: string, dash = '') =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''} points="${values.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ')}"/>` +
    values.map(([a, b]) => `<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="4" fill="${colour}"/>`).join('');
  const ticks = ({ max, y }: { max: number; y: (v: number) => number }, side: 'left' | 'right', unit: string) =>
    [0, 0.25, 0.5, 0.75, 1]
      .map((f) => {
        const v = max * f;
        const ty = y(v);
        const tx = side === 'left' ? margin.left - 8 : width - margin.right + 8;
        return `<text x="${tx}" y="${ty + 4}" text-anchor="${side === 'left' ? 'end' : 'start'}" font-size="11" fill="#555">${v < 10 ? v.toFixed(1) : Math.round(v)}${unit}</text>` +
          (side === 'left' ? `<line x1="${margin.left}" x2="${width - margin.right}" y1="${ty}" y2="${ty}" stroke="#eee"/>` : '');
      })
      .join('');
  const open = (title: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${title}</text>`;
  const xAxis = () =>
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="#999"/>
${sizes.map((n) => `<text x="${x(n)}" y="${margin.top + plotH + 18}" text-anchor="middle" font-size="11" fill="#333">${n.toLocaleString('en-GB')}</text>`).join('')}`;
  return { x, axis, line, ticks, open, xAxis, legendAt: `translate(${margin.left}, ${height - 18})` };
}

export function renderScaleChart(points: ChartPoint[]): string {
  const f = frame(points.map((p) => p.requirements), 360, { left: 70, right: 70, top: 40, bottom: 60 });
  const latency = f.axis(Math.max(...points.map((p) => Math.max(p.latencyMs, p.syntheticMs ?? 0))));
  const rss = f.axis(Math.max(...points.map((p) => p.rssMb)));
  const synthetic = points.filter((p) => p.syntheticMs !== null).map((p) => [f.x(p.requirements), latency.y(p.syntheticMs!)] as [number, number]);
  return `${f.open('Cost against graph size (requirements, log scale)')}
${f.ticks(latency, 'left', ' ms')}${f.ticks(rss, 'right', ' MB')}
${f.xAxis()}
${f.line(points.map((p) => [f.x(p.requirements), latency.y(p.latencyMs)]), '#1565c0')}
${synthetic.length ? f.line(synthetic, '#7e57c2', '2 3') : ''}
${f.line(points.map((p) => [f.x(p.requirements), rss.y(p.rssMb)]), '#c62828', '6 4')}
<g font-size="12" transform="${f.legendAt}">
<rect width="14" height="4" y="-6" fill="#1565c0"/><text x="20" y="0">headline coverage p50 (ms, left)</text>
<rect x="230" width="14" height="4" y="-6" fill="#7e57c2"/><text x="250" y="0">1,000-requirement coverage p50 (ms, left)</text>
<rect x="525" width="14" height="4" y="-6" fill="#c62828"/><text x="545" y="0">RSS (MB, right)</text>
</g>
</svg>
`;
}

/** One point of the Neo4j scale chart: the API on Neo4j (read cache on, result cache off) at one graph size. */
export interface Neo4jChartPoint {
  requirements: number;
  coverageP50: number;
  catalogP50: number;
}

/** Latency on Neo4j against graph size (log scale): the headline coverage and the catalog page, p50. */
export function renderNeo4jScaleChart(points: Neo4jChartPoint[]): string {
  const f = frame(points.map((p) => p.requirements), 320, { left: 70, right: 40, top: 40, bottom: 60 });
  const latency = f.axis(Math.max(...points.flatMap((p) => [p.coverageP50, p.catalogP50])));
  return `${f.open('On Neo4j: p50 latency against graph size (requirements, log scale)')}
${f.ticks(latency, 'left', ' ms')}
${f.xAxis()}
${f.line(points.map((p) => [f.x(p.requirements), latency.y(p.coverageP50)]), '#1565c0')}
${f.line(points.map((p) => [f.x(p.requirements), latency.y(p.catalogP50)]), '#e69f00', '6 4')}
<g font-size="12" transform="${f.legendAt}">
<rect width="14" height="4" y="-6" fill="#1565c0"/><text x="20" y="0">headline coverage p50</text>
<rect x="200" width="14" height="4" y="-6" fill="#e69f00"/><text x="220" y="0">catalog page with nested mappings p50</text>
</g>
</svg>
`;
}

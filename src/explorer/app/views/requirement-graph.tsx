// A requirement's neighbourhood as a graph. Laid out by hand, not by a force layout, so nothing
// collides and every kind has its place: the requirement in the middle; to its right one column per
// framework it maps to (held frameworks first), each node in its framework's colour under a header
// naming it; to its left one column each for disciplines, risks and evidence. Each column is stacked
// from the nodes' measured label boxes, so labels never overlap. Relationship types are drawn
// differently (ui/legend.tsx RELATION_STYLE), strength sets an edge's width and is in its label.
// On a narrow screen (a phone) the columns would be shrunk to an unreadable strip, so they are
// stacked instead: every framework's column one under the other to the right of the requirement,
// disciplines, risks and evidence one under the other to its left, each under its header; the box
// then takes the drawing's height (up to nearly the viewport's) and fits it, labels readable.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'react';
import { navigate, hrefFor } from '../router.js';
import { frameworkColour } from '../ui/frameworks.js';
import { Legend, LineSwatch, relationLabel, RELATION_MEANING } from '../ui/legend.js';

export interface GraphRequirement {
  id: string;
  ref: string;
  title: string;
  framework: { id: string; shortName: string };
}

export interface GraphInput {
  focus: GraphRequirement;
  mappings: Array<{ id: string; other: GraphRequirement; relationship: string; strength: number | null; proposed: boolean; reversed?: boolean }>;
  disciplines: Array<{ id: string; name: string }>;
  risks: Array<{ id: string; name: string }>;
  evidence: Array<{ id: string; name: string }>;
  /** Frameworks to put first (those held). */
  held: string[];
}

/** Room for a column: requirement labels are short refs; discipline, risk and evidence names wrap at 140px. */
const COLUMN_RIGHT = 150;
const COLUMN_LEFT = 190;
const GAP = 10;
/** Below this width (the graph box's, in pixels) the columns are stacked into two (see above). */
export const NARROW_GRAPH = 640;
/** Stacked: the two sides' distance from the requirement, room for its label below it. */
const STACKED_SIDE = 64;
/** Stacked: the space between two nodes of a column (the drawing is tall, so tighter than GAP). */
const NARROW_GAP = 5;
const KIND_SHAPE: Record<string, string> = { focus: 'ellipse', requirement: 'ellipse', discipline: 'round-rectangle', risk: 'diamond', evidence: 'rectangle' };
const KIND_LABEL: Record<string, string> = { discipline: 'Disciplines', risk: 'Risks mitigated', evidence: 'Evidence' };

const SYMBOL: Record<string, string> = { EQUAL: '=', SUPERSET_OF: '\u2287', SUBSET_OF: '\u2286', INTERSECTS_WITH: '\u2229', RELATED: '~' };

declare global {
  interface Window {
    crosswalkGraph?: {
      nodes: number;
      edges: number;
      proposed: Array<{ source: string; target: string; lineStyle: string }>;
      /** Every node's box with its label, in rendered pixels. */
      boxes: Array<{ id: string; kind: string; column: string; colour: string; label: string; x1: number; y1: number; x2: number; y2: number }>;
      /** Each edge's relationship and how it is drawn. */
      edgeStyles: Array<{ relationship: string; lineStyle: string; arrow: string; width: number; label: string }>;
      zoom: number;
    };
  }
}

function css(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Narrow, a mapping's strength is written in its node's label: the stacked lines are too close for labels of their own. */
function elementsOf(g: GraphInput, narrow: boolean): { elements: ElementDefinition[]; columns: string[] } {
  const elements: ElementDefinition[] = [];
  const seen = new Set<string>();
  const node = (id: string, label: string, kind: string, column: string, colour: string, title: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    elements.push({ data: { id, label, kind, column, colour, title } });
  };
  node(g.focus.id, `${g.focus.framework.shortName} ${g.focus.ref}`, 'focus', 'focus', frameworkColour(g.focus.framework.id), g.focus.title);
  const frameworks = [...new Set(g.mappings.map((m) => m.other.framework.id))].sort((a, b) => Number(g.held.includes(b)) - Number(g.held.includes(a)) || a.localeCompare(b));
  for (const m of g.mappings) {
    const o = m.other;
    const strength = m.proposed ? `proposed ${m.strength ?? ''}`.trim() : m.strength ? `${SYMBOL[m.relationship] ?? ''} ${m.strength}/10` : '';
    node(o.id, narrow && strength ? `${o.ref}  ${strength}` : o.ref, 'requirement', `fw:${o.framework.id}`, frameworkColour(o.framework.id), `${o.framework.shortName} ${o.ref} ${o.title}`);
    const source = m.reversed ? o.id : g.focus.id;
    const target = m.reversed ? g.focus.id : o.id;
    const rel = m.proposed ? 'PROPOSED' : m.relationship;
    elements.push({
      data: {
        id: `m:${m.id}`,
        source,
        target,
        kind: 'mapping',
        relationship: m.relationship,
        rel,
        status: m.proposed ? 'PROPOSED' : 'ACCEPTED',
        width: 1 + (m.strength ?? 2) * 0.35,
        reversed: m.reversed ? 'yes' : 'no',
        // Written near the far end, where the lines have fanned out, so no two labels meet.
        label: m.proposed ? `PROPOSED ${m.strength ?? ''}`.trim() : m.strength ? `${SYMBOL[m.relationship] ?? ''} ${m.strength}/10` : '',
      },
    });
  }
  const side = (items: Array<{ id: string; name: string }>, kind: string, edge: string) => {
    for (const x of items) {
      node(x.id, x.name, kind, kind, '', x.name);
      elements.push({ data: { id: `${kind}:${x.id}`, source: kind === 'evidence' ? x.id : g.focus.id, target: kind === 'evidence' ? g.focus.id : x.id, kind: 'link', label: edge } });
    }
  };
  side(g.disciplines, 'discipline', 'addresses');
  side(g.risks, 'risk', 'mitigates');
  side(g.evidence, 'evidence', 'evidences');
  const left = ['evidence', 'risk', 'discipline'].filter((k) => elements.some((e) => e.data.column === k));
  const columns = [...left, 'focus', ...frameworks.map((f) => `fw:${f}`)];
  // A header over each column, naming it: not a node anyone clicks.
  for (const c of columns) {
    if (c === 'focus') continue;
    const fw = c.startsWith('fw:') ? g.mappings.find((m) => `fw:${m.other.framework.id}` === c)!.other.framework : null;
    elements.push({ data: { id: `header:${c}`, label: fw ? fw.shortName : KIND_LABEL[c], kind: 'header', column: c, colour: fw ? frameworkColour(fw.id) : '' }, selectable: false, grabbable: false });
  }
  return { elements, columns };
}

/**
 * Puts each column's nodes under its header, each below the last one's measured box. Side by side
 * (wide), or (narrow) stacked in two slots: disciplines, risks and evidence left of the requirement,
 * frameworks right of it, except that a framework goes left when that side is the shorter one, so
 * the drawing is as square as it can be and its labels as large.
 */
function arrange(cy: Core, columns: string[], narrow: boolean): void {
  const focusIndex = columns.indexOf('focus');
  const gap = narrow ? NARROW_GAP : GAP;
  const heightOf = (c: string) => {
    const header = cy.getElementById(`header:${c}`);
    let h = header.nonempty() ? header.boundingBox({ includeLabels: true }).h + gap : 0;
    cy.nodes(`[column = "${c}"][kind != "header"]`).forEach((n) => void (h += n.boundingBox({ includeLabels: true }).h + gap));
    return h;
  };
  const sideOf = new Map<string, 'left' | 'right'>();
  if (narrow) {
    const total = { left: 0, right: 0 };
    for (const [i, c] of columns.entries()) {
      if (c === 'focus') continue;
      const side = i < focusIndex ? 'left' : total.left < total.right ? 'left' : 'right';
      sideOf.set(c, side);
      total[side] += heightOf(c) + GAP * 1.5;
    }
  }
  const heights = new Map<string, number>();
  const stackTop = { left: 0, right: 0 };
  for (const [i, c] of columns.entries()) {
    if (c === 'focus') continue;
    const side = sideOf.get(c) ?? (i < focusIndex ? 'left' : 'right');
    const x = narrow ? (side === 'left' ? -STACKED_SIDE : STACKED_SIDE) : i < focusIndex ? (i - focusIndex) * COLUMN_LEFT : (i - focusIndex) * COLUMN_RIGHT + 30;
    const nodes = cy.nodes(`[column = "${c}"][kind != "header"]`);
    const header = cy.getElementById(`header:${c}`);
    // A framework moved left has its labels on the left, as that side's other columns.
    if (narrow && side === 'left' && c.startsWith('fw:')) {
      nodes.style({ 'text-halign': 'left', 'text-margin-x': -5 });
      header.style({ 'text-halign': 'left', 'text-margin-x': 8 });
    }
    let y = narrow ? stackTop[side] : 0;
    if (header.nonempty()) {
      const h = header.boundingBox({ includeLabels: true }).h;
      header.position({ x, y: narrow ? y + h / 2 : 0 });
      y += narrow ? h + gap : h + GAP * 2;
    }
    nodes.forEach((n) => {
      const h = n.boundingBox({ includeLabels: true }).h;
      n.position({ x, y: y + h / 2 });
      y += h + gap;
    });
    heights.set(narrow ? side : c, y);
    // The next column of this side starts below this one, after a gap that sets the groups apart.
    if (narrow) stackTop[side] = y + GAP * 1.5;
  }
  // The requirement sits level with the middle of the tallest column.
  const tallest = Math.max(0, ...heights.values());
  cy.nodes('[kind = "focus"]').positions(() => ({ x: 0, y: Math.max(tallest / 2, 40) }));
}

function publish(cy: Core): void {
  window.crosswalkGraph = {
    nodes: cy.nodes('[kind != "header"]').length,
    edges: cy.edges().length,
    proposed: cy.edges('[status = "PROPOSED"]').map((e) => ({ source: e.source().id(), target: e.target().id(), lineStyle: e.style('line-style') as string })),
    boxes: cy.nodes().map((n) => {
      const b = n.renderedBoundingBox({ includeLabels: true });
      return { id: n.id(), kind: n.data('kind') as string, column: n.data('column') as string, colour: n.style('background-color') as string, label: n.data('label') as string, x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
    }),
    edgeStyles: cy.edges('[kind = "mapping"]').map((e) => ({
      relationship: e.data('rel') as string,
      lineStyle: e.style('line-style') as string,
      arrow: e.style('target-arrow-shape') as string,
      width: parseFloat(e.style('width') as string),
      label: e.data('label') as string,
    })),
    zoom: cy.zoom(),
  };
}

export function NeighbourhoodGraph({ input, label }: { input: GraphInput; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const held = input.held.join(',');
  useEffect(() => {
    if (!box.current) return;
    const narrow = box.current.clientWidth < NARROW_GRAPH;
    const { elements, columns } = elementsOf(input, narrow);
    const ink = css('--ink', '#1b1c20');
    const muted = css('--muted', '#4f5360');
    const surface = css('--surface', '#ffffff');
    const line = css('--line', '#cfd3db');
    const proposed = css('--partial', '#E69F00');
    const cy = cytoscape({
      container: box.current,
      elements,
      layout: { name: 'preset' },
      minZoom: 0.2,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 12, color: ink, 'text-wrap': 'wrap', 'text-max-width': '140px', 'text-valign': 'center', 'text-halign': 'right', 'text-margin-x': 5, width: 16, height: 16, 'border-width': 1, 'border-color': ink, 'background-color': muted, 'text-background-color': surface, 'text-background-opacity': 0.9, 'text-background-padding': '2px', 'text-background-shape': 'roundrectangle' } },
        { selector: 'node[kind = "requirement"]', style: { 'background-color': 'data(colour)', shape: 'ellipse' } },
        { selector: 'node[kind = "focus"]', style: { 'background-color': 'data(colour)', width: 30, height: 30, 'font-weight': 'bold', 'font-size': 13, 'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-x': 0, 'text-margin-y': 4, 'border-width': 3 } },
        { selector: 'node[kind = "discipline"]', style: { shape: KIND_SHAPE.discipline as any, 'background-color': surface, 'text-halign': 'left', 'text-margin-x': -5 } },
        { selector: 'node[kind = "risk"]', style: { shape: KIND_SHAPE.risk as any, 'background-color': muted, 'text-halign': 'left', 'text-margin-x': -5 } },
        { selector: 'node[kind = "evidence"]', style: { shape: KIND_SHAPE.evidence as any, 'background-color': line, 'text-halign': 'left', 'text-margin-x': -5 } },
        { selector: 'node[kind = "header"]', style: { 'background-opacity': 0, 'border-width': 0, width: 1, height: 1, 'font-weight': 'bold', 'font-size': 12, 'text-halign': 'center', 'text-valign': 'center', 'text-margin-x': 0, events: 'no' } },
        // Stacked, a header sits over its own nodes on the side's axis, its label on the same side as theirs.
        ...(narrow
          ? [
              { selector: 'node[kind = "header"][column ^= "fw:"]', style: { 'text-halign': 'right' as const, 'text-margin-x': -8 } },
              { selector: 'node[kind = "header"][column !^= "fw:"]', style: { 'text-halign': 'left' as const, 'text-margin-x': 8 } },
              { selector: 'node[kind = "discipline"], node[kind = "risk"], node[kind = "evidence"]', style: { 'text-max-width': '110px' } },
              { selector: 'node[kind = "focus"]', style: { 'text-max-width': '80px' } },
            ]
          : []),
        { selector: 'edge', style: { width: 1, 'curve-style': 'straight', 'line-color': line, 'target-arrow-shape': 'none', 'font-size': 9, color: muted } },
        { selector: 'edge[kind = "mapping"]', style: { width: 'data(width)', 'line-color': muted, 'target-arrow-color': muted, 'arrow-scale': 0.9, 'text-background-color': surface, 'text-background-opacity': 0.9, 'text-background-padding': '1px', color: ink } },
        ...(narrow
          ? []
          : [
              { selector: 'edge[kind = "mapping"][reversed = "no"]', style: { 'target-label': 'data(label)', 'target-text-offset': 44 } },
              { selector: 'edge[kind = "mapping"][reversed = "yes"]', style: { 'source-label': 'data(label)', 'source-text-offset': 44 } },
            ]),
        { selector: 'edge[rel = "EQUAL"]', style: { 'line-style': 'double', width: 5 } },
        { selector: 'edge[rel = "SUPERSET_OF"]', style: { 'line-style': 'solid', 'target-arrow-shape': 'triangle' } },
        { selector: 'edge[rel = "SUBSET_OF"]', style: { 'line-style': 'solid', 'target-arrow-shape': 'tee' } },
        { selector: 'edge[rel = "INTERSECTS_WITH"]', style: { 'line-style': 'dotted', 'target-arrow-shape': 'diamond' } },
        { selector: 'edge[rel = "RELATED"]', style: { 'line-style': 'solid', width: 1.5, 'target-arrow-shape': 'circle' } },
        { selector: 'edge[rel = "PROPOSED"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [7, 5], 'line-color': proposed, 'target-arrow-color': proposed, 'target-arrow-shape': 'triangle', 'font-weight': 'bold' } },
      ],
    });
    cyRef.current = cy;
    // Labels are measured once the fonts are in, then the columns are stacked from them.
    arrange(cy, columns, narrow);
    // As tall as the drawing needs at this width, within the viewport: no empty band above and below.
    // A phone gives the stacked drawing nearly its whole height (the page scrolls around it).
    const drawing = cy.elements().boundingBox({ includeLabels: true });
    const most = narrow ? Math.max(320, window.innerHeight - 140) : Math.min(820, Math.max(320, window.innerHeight - 260));
    const wanted = Math.round(Math.max(240, Math.min(most, (box.current.clientWidth * drawing.h) / Math.max(1, drawing.w) + 60)));
    box.current.style.height = `${wanted}px`;
    cy.resize();
    cy.fit(undefined, 24);
    if (cy.zoom() > 1.4) {
      cy.zoom(1.4);
      cy.center();
    }
    publish(cy);
    cy.on('zoom pan', () => publish(cy));
    cy.on('tap', 'node[kind = "requirement"]', (event) => navigate(hrefFor('requirement', event.target.id(), { held: held || null })));
    cy.on('mouseover', 'node[kind = "requirement"]', () => box.current && (box.current.style.cursor = 'pointer'));
    cy.on('mouseout', 'node', () => box.current && (box.current.style.cursor = ''));
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, [input, held]);

  const zoomBy = (factor: number) => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  const relationships = [...new Set(input.mappings.map((m) => (m.proposed ? 'PROPOSED' : m.relationship)))];
  const frameworks = [...new Map(input.mappings.map((m) => [m.other.framework.id, m.other.framework])).values()];
  const kinds = (['discipline', 'risk', 'evidence'] as const).filter((k) => input[k === 'discipline' ? 'disciplines' : k === 'risk' ? 'risks' : 'evidence'].length > 0);
  return (
    <div className="graph-box">
      <div className="graph-tools">
        <button type="button" id="graph-zoom-in" aria-label="Zoom in" onClick={() => zoomBy(1.25)}>+</button>
        <button type="button" id="graph-zoom-out" aria-label="Zoom out" onClick={() => zoomBy(0.8)}>&minus;</button>
        <button type="button" id="graph-fit" onClick={() => cyRef.current?.fit(undefined, 24)}>Fit</button>
      </div>
      <div id="graph" ref={box} role="img" aria-label={label} />
      <div className="graph-legend" id="graph-legend">
        <Legend
          title="Frameworks"
          entries={[{ key: input.focus.framework.id, swatch: <span className="fw-chip" style={{ ['--fw' as string]: frameworkColour(input.focus.framework.id) }} />, label: input.focus.framework.shortName }, ...frameworks.filter((f) => f.id !== input.focus.framework.id).map((f) => ({ key: f.id, swatch: <span className="fw-chip" style={{ ['--fw' as string]: frameworkColour(f.id) }} />, label: f.shortName }))]}
        />
        <Legend
          title="Links"
          entries={[
            ...relationships.map((r) => ({
              key: r,
              swatch: <LineSwatch kind={r} />,
              label: r === 'PROPOSED' ? 'proposed mapping, waiting for review (dashed)' : `${relationLabel(r).toLowerCase()} ${SYMBOL[r] ?? ''}`,
              meaning: RELATION_MEANING[r],
            })),
            ...(kinds.length ? [{ key: 'link', swatch: <LineSwatch kind="LINK" />, label: 'discipline, risk, evidence' }] : []),
          ]}
        />
        <Legend
          title="Nodes"
          entries={[
            { key: 'req', swatch: <NodeSwatch shape="ellipse" />, label: 'requirement (colour: its framework)' },
            ...kinds.map((k) => ({ key: k, swatch: <NodeSwatch shape={KIND_SHAPE[k]!} />, label: KIND_LABEL[k]!.toLowerCase() })),
          ]}
        />
        <p className="muted graph-hint">Line width and the number on a line (on a phone, beside the requirement): strength 1-10. Click a requirement to open it.</p>
      </div>
    </div>
  );
}

function NodeSwatch({ shape }: { shape: string }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      {shape === 'ellipse' ? <circle cx="7" cy="7" r="6" fill="currentColor" /> : null}
      {shape === 'round-rectangle' ? <rect x="1" y="2" width="12" height="10" rx="3" fill="none" stroke="currentColor" strokeWidth="1.5" /> : null}
      {shape === 'diamond' ? <path d="M7 1 L13 7 L7 13 L1 7 Z" fill="currentColor" /> : null}
      {shape === 'rectangle' ? <rect x="1" y="2" width="12" height="10" fill="none" stroke="currentColor" strokeWidth="2.5" /> : null}
    </svg>
  );
}

// Controls the planning views share (gaps, roadmap, evidence plan, compare): the frameworks the
// catalogue has, and check boxes and selects that write the URL. The view stays mounted while
// only its parameters change, so keyboard focus stays on the control just used.
import type { ChangeEvent, CSSProperties } from 'react';
import './planning.css';
import { useQuery } from '../hooks.js';
import { setParams } from '../router.js';
import { frameworkColour } from '../ui/frameworks.js';

export interface FrameworkLite {
  id: string;
  shortName: string;
  name: string;
}

/** The catalogue's frameworks (the Frameworks operation), empty until answered. */
export function useFrameworks(): { all: FrameworkLite[]; error: ReturnType<typeof useQuery>['error'] } {
  const state = useQuery<{ frameworks: FrameworkLite[] }>('Frameworks', {});
  return { all: state.data?.frameworks ?? [], error: state.error };
}

export const shortNameOf = (all: readonly FrameworkLite[], id: string): string => all.find((f) => f.id === id)?.shortName ?? id;

/** A framework's short name beside its colour: the colour alone never names it. */
export function FrameworkChip({ id, name }: { id: string; name: string }) {
  return (
    <span className="fw-chip" data-framework={id} style={{ '--fw': frameworkColour(id) } as CSSProperties}>
      {name}
    </span>
  );
}

/** Check boxes for a list of frameworks kept in URL parameter `param` (`held=soc2,iso27001`); an empty list stays empty. */
export function FrameworkChecks({ legend, param, all, chosen, exclude = [], id }: { legend: string; param: string; all: readonly FrameworkLite[]; chosen: readonly string[]; exclude?: readonly string[]; id: string }) {
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const { value, checked } = event.currentTarget;
    const next = checked ? [...chosen, value] : chosen.filter((f) => f !== value);
    setParams({ [param]: next.join(',') });
  };
  return (
    <fieldset id={id}>
      <legend>{legend}</legend>
      {all.filter((f) => !exclude.includes(f.id)).map((f) => (
        <label key={f.id}>
          <input type="checkbox" name={param} value={f.id} checked={chosen.includes(f.id)} onChange={onChange} /> {f.shortName}
        </label>
      ))}
    </fieldset>
  );
}

export function TargetSelect({ all, target }: { all: readonly FrameworkLite[]; target: string }) {
  return (
    <label className="field">
      <span>Target</span>
      <select id="target" name="target" value={target} onChange={(e) => setParams({ target: e.currentTarget.value })}>
        {all.map((f) => <option key={f.id} value={f.id}>{f.shortName}</option>)}
        {all.length === 0 ? <option value={target}>{target}</option> : null}
      </select>
    </label>
  );
}

export function KindSelect({ kind }: { kind: string }) {
  return (
    <label className="field">
      <span>Kind</span>
      <select id="kind" name="kind" value={kind} onChange={(e) => setParams({ kind: e.currentTarget.value || null })}>
        <option value="">all</option>
        <option value="CONTROL">controls</option>
        <option value="CLAUSE">clauses</option>
      </select>
    </label>
  );
}

export function InferredCheck({ inferred }: { inferred: boolean }) {
  return (
    <label>
      <input type="checkbox" name="inferred" checked={inferred} onChange={(e) => setParams({ inferred: e.currentTarget.checked ? '1' : null })} /> follow inference
    </label>
  );
}

/** `frameworks=a,b` from the URL, or the default when absent (present but empty: none). */
export function frameworkList(params: URLSearchParams, name: string, fallback: string): string[] {
  return (params.has(name) ? params.get(name)! : fallback).split(',').map((s) => s.trim()).filter(Boolean);
}

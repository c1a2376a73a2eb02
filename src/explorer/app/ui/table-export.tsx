// Download buttons: the view's table as CSV, XLSX, the print-ready HTML page or Markdown, from
// GET /export/tables/<table>.<format> (src/http-tables.ts), built by the very code the CLI runs.
// A plain link for anonymous visitors; with an API key pasted, the file is fetched with the key
// (a link cannot carry the Authorization header) so it holds the visitor's workspace too.
import { useEffect, useState, type MouseEvent } from 'react';
import { apiKey } from '../api.js';

export type ExportTable = 'crosswalk' | 'gaps' | 'coverage' | 'evidence' | 'roadmap' | 'compare' | 'explain' | 'catalog';
export type ExportFormat = 'csv' | 'xlsx' | 'html' | 'md';
/** Every format the download endpoint writes, in the order the buttons show them. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'html', 'md'];

/** `/export/tables/gaps.xlsx?target=iso42001&held=soc2`: absent and empty values left out. */
export function tableExportHref(table: ExportTable, format: ExportFormat, params: Record<string, string | number | boolean | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    query.set(key, String(value));
  }
  const q = query.toString();
  return `/export/tables/${table}.${format}${q ? `?${q}` : ''}`;
}

/**
 * The held frameworks with their scopes as the download (and the CLI's --held) writes them:
 * `soc2:SECURITY,AVAILABILITY,iso27001`. `scope` is the HeldScope input the views send GraphQL.
 */
export function heldParam(held: readonly string[], scope: ReadonlyArray<Record<string, unknown>> | null | undefined): string {
  return held
    .map((id) => {
      const s = scope?.find((x) => x.framework === id);
      const values = s ? ['categories', 'roles', 'riskClasses'].flatMap((d) => (Array.isArray(s[d]) ? (s[d] as string[]) : [])) : [];
      return values.length ? `${id}:${values.join(',')}` : id;
    })
    .join(',');
}

const LABEL: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'XLSX', html: 'Print-ready page', md: 'Markdown' };

async function downloadWithKey(href: string, key: string): Promise<void> {
  const response = await fetch(href, { headers: { authorization: `Bearer ${key}` } });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      message = `${body.errors?.[0]?.extensions?.code ?? response.status}: ${body.errors?.[0]?.message ?? message}`;
    } catch {
      // not JSON: the status says enough
    }
    throw new Error(message);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? href.split('/').pop()!.split('?')[0]!;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Over the server's cost limit: what it said, and the CLI command that writes the same table. */
interface TooLarge {
  cost: number;
  limit: number;
  cli: string | null;
}

/**
 * Asks the server whether it would serve this download (`?check=1`: priced, not built; the verdict
 * comes as 200 either way), so a table over the cost limit (a gaps list of SP 800-53) is not offered
 * as buttons that answer an error.
 */
function useTooLarge(href: string): TooLarge | null {
  const [tooLarge, setTooLarge] = useState<TooLarge | null>(null);
  useEffect(() => {
    // The view's parameters changed or it closed: the answer is for a table no longer shown.
    const controller = new AbortController();
    setTooLarge(null);
    const key = apiKey();
    fetch(`${href}${href.includes('?') ? '&' : '?'}check=1`, { headers: key ? { authorization: `Bearer ${key}` } : {}, signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) return;
        const verdict = await response.json();
        if (!controller.signal.aborted && verdict.served === false && verdict.code === 'QUERY_TOO_COMPLEX') setTooLarge({ cost: verdict.cost, limit: verdict.limit, cli: verdict.cli ?? null });
      })
      .catch(() => {
        // Unknown: offer the buttons; a click says what goes wrong.
      });
    return () => controller.abort();
  }, [href]);
  return tooLarge;
}

/** "Download: CSV · XLSX · Print-ready page · Markdown" for one table and the view's current parameters. */
export function TableExport({ table, params, formats = EXPORT_FORMATS, what }: { table: ExportTable; params: Record<string, string | number | boolean | null | undefined>; formats?: readonly ExportFormat[]; what: string }) {
  const [failure, setFailure] = useState<string | null>(null);
  const tooLarge = useTooLarge(tableExportHref(table, 'xlsx', params));
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const key = apiKey();
    if (!key) return;
    event.preventDefault();
    setFailure(null);
    downloadWithKey(event.currentTarget.href, key).catch((error: Error) => setFailure(error.message));
  };
  if (tooLarge) {
    return (
      <div className="table-export table-export-too-large" data-table={table}>
        <span className="table-export-label">Download {what}:</span>{' '}
        <span>
          too large to build here (cost {tooLarge.cost.toLocaleString('en-GB')}, over this server's limit of {tooLarge.limit.toLocaleString('en-GB')}).
          {tooLarge.cli ? (
            <>
              {' '}The command line writes it with no limit: <code className="cli-command">{tooLarge.cli}</code>
            </>
          ) : (
            ' Narrow it to controls or clauses.'
          )}
        </span>
      </div>
    );
  }
  return (
    <div className="table-export" data-table={table}>
      <span className="table-export-label">Download {what}:</span>
      {formats.map((format) => (
        <a key={format} className="button" data-format={format} href={tableExportHref(table, format, params)} download={format === 'html' ? undefined : ''} target={format === 'html' ? '_blank' : undefined} rel={format === 'html' ? 'noopener' : undefined} onClick={onClick}>
          {LABEL[format]}
        </a>
      ))}
      {failure ? <span className="error" role="alert">{failure}</span> : null}
    </div>
  );
}

/**
 * The coverage map's downloads: the coverage table (a row per requirement) for what is held, and,
 * with one framework held, its crosswalk (a row per requirement and link, with working columns).
 */
export function CoverageExports({ state }: { state: { target: string; held: string[]; kind: string; inferred: boolean; scope: Array<Record<string, unknown>>; implemented: string[] | null } }) {
  if (state.held.length === 0) return null;
  const held = heldParam(state.held, state.scope);
  const common = { kind: state.kind || null, inferred: state.inferred ? 'true' : null };
  return (
    <div className="coverage-exports">
      <TableExport table="coverage" what="the coverage map" params={{ target: state.target, held, ...common }} />
      {state.held.length === 1 ? <TableExport table="crosswalk" what="the crosswalk" params={{ from: held, to: state.target, ...common }} /> : null}
      {state.implemented !== null ? <p className="muted small">The downloads count everything held: the readiness check (what is implemented) is not in the tables.</p> : null}
    </div>
  );
}

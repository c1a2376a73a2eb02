import type { ArgumentName, ScopeInput } from './request-checks.js';
import { dimensionsOf, valuesOf, type ScopeDimensionName } from '../domain/scope.js';

/**
 * The CLI's `--held` (and `--from`) syntax for scoped holdings, which the table download
 * (`/export/tables/...?held=`) takes too: frameworks separated by commas, a
 * framework followed by `:` and its scope values, which continue through the commas after it until
 * the next framework: `--held soc2:SECURITY,AVAILABILITY,iso27001` holds SOC 2 for Security and
 * Availability and ISO 27001 whole; `--held eu-ai-act:DEPLOYER,HIGH_RISK`. Values name their
 * dimension (SOC 2 categories, AI Act roles and risk classes do not share a value), in any case.
 * Only the syntax is read here; the scope rules are checked by scopeProblems, as for GraphQL.
 */

export interface HeldOption {
  /** As written, for framework lookup by spelling (`SOC 2`, `soc2`). */
  framework: string;
  scope: Omit<ScopeInput, 'framework'> | null;
}

export class HeldOptionError extends Error {}

/** Which dimension a value belongs to among those of a framework; null when none. */
function dimensionOfValue(frameworkId: string, value: string): ScopeDimensionName | null {
  return dimensionsOf(frameworkId).find((d) => valuesOf(d).includes(value)) ?? null;
}

/**
 * `resolve` turns a spelling into a framework id, or null when it names none; `unknown` makes the
 * error for one that names none; `name` writes the option's name in messages (`--held`, `"held"`).
 */
export function parseHeldOption(
  text: string | undefined,
  option: string,
  resolve: (spelling: string) => string | null,
  unknown: (spelling: string) => Error = (spelling) => new HeldOptionError(`unknown framework "${spelling}" for ${name(option)}`),
  name: ArgumentName = (argument) => `--${argument}`,
): Array<HeldOption & { frameworkId: string }> {
  const tokens = (text ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const held: Array<HeldOption & { frameworkId: string }> = [];
  let current: (HeldOption & { frameworkId: string }) | null = null;
  const normalise = (raw: string) => raw.toUpperCase().replace(/[\s-]+/g, '_');
  const framework = (spelling: string) => {
    const id = resolve(spelling);
    if (id === null) throw unknown(spelling);
    return id;
  };
  const addValue = (raw: string) => {
    const value = normalise(raw);
    const dimension = dimensionOfValue(current!.frameworkId, value);
    if (!dimension) {
      const known = dimensionsOf(current!.frameworkId).flatMap(valuesOf);
      const hint = known.length > 0 ? `; known: ${known.join(', ')}` : `; ${current!.frameworkId} has no scope: hold it whole`;
      throw new HeldOptionError(`unknown scope value "${raw}" for ${current!.frameworkId} in ${name(option)}${hint}`);
    }
    const scope = (current!.scope ??= {});
    scope[dimension] = [...(scope[dimension] ?? []), value];
  };
  for (const token of tokens) {
    const colon = token.indexOf(':');
    // A workspace's framework id has a colon of its own (`acme:controls`): a whole id is a framework, not a scope.
    const wholeId = colon !== -1 && token.slice(colon + 1).trim() !== '' && resolve(token) !== null;
    if (colon !== -1 && !wholeId) {
      const spelling = token.slice(0, colon).trim();
      current = { framework: spelling, frameworkId: framework(spelling), scope: null };
      held.push(current);
      const first = token.slice(colon + 1).trim();
      if (!first) throw new HeldOptionError(`${name(option)}: "${token}" names no scope value after ":"`);
      addValue(first);
    } else if (current && dimensionOfValue(current.frameworkId, normalise(token))) {
      addValue(token);
    } else if (current && resolve(token) === null && /^[A-Z_ -]+$/.test(token)) {
      // An upper-case word after a scoped framework that names no framework: a mistyped scope value.
      addValue(token);
    } else {
      current = null;
      held.push({ framework: token, frameworkId: framework(token), scope: null });
    }
  }
  return held;
}

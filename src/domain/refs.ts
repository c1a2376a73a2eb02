/**
 * Turning the references people write ("Annex A 6.2.4", "CC 6.1", "GV-1.1", "Article 14 EU AI Act",
 * "ISO 27001 A.5.15 Information transfer") into candidate requirement ids, plus the cited title.
 * Pure: the caller looks the candidates up.
 */

export interface ParsedRef {
  input: string;
  /** Candidate requirement ids, most likely first. Empty when no reference form was recognised. */
  candidateIds: string[];
  /** Text cited after the reference, taken as a title ("A.7.2 Fairness" -> "Fairness"). */
  citedTitle: string | null;
  /** The frameworks named in the text, if any. */
  mentioned: string[];
}

const FRAMEWORK_MENTIONS: Array<[string, RegExp]> = [
  ['iso42001', /\biso(?:\s*\/\s*iec)?[\s-]*42001(?::\s*20\d\d)?\b|\b42001\b/i],
  ['iso27001', /\biso(?:\s*\/\s*iec)?[\s-]*27001(?::\s*20\d\d)?\b|\b27001\b/i],
  ['soc2', /\bsoc[\s-]*2\b|\baicpa\b|\btsc\b|\btrust services(?: criteria)?\b/i],
  ['nist-ai-rmf', /\bnist(?:\s+ai)?(?:[\s-]*rmf)?\b|\bai[\s-]*rmf\b/i],
  ['eu-ai-act', /\b(?:eu\s+)?ai\s+act\b|\bregulation\s*\(eu\)\s*2024\/1689\b|\b2024\/1689\b/i],
];

const NIST_FUNCTIONS: Record<string, string> = { govern: 'GOVERN', gv: 'GOVERN', map: 'MAP', mp: 'MAP', measure: 'MEASURE', ms: 'MEASURE', manage: 'MANAGE', mg: 'MANAGE' };

interface Form {
  pattern: RegExp;
  frameworks: string[];
  toRef: (match: RegExpExecArray) => string;
}

/** Reference forms, tried in order; the first that matches wins. */
const FORMS: Form[] = [
  { pattern: /\bart(?:icle)?\.?\s*(\d{1,3})\b/i, frameworks: ['eu-ai-act'], toRef: (m) => `Art.${Number(m[1])}` },
  {
    pattern: /\b(govern|gv|map|mp|measure|ms|manage|mg)[\s.-]*(\d{1,2})(?:\.(\d{1,2}))?\b/i,
    frameworks: ['nist-ai-rmf'],
    toRef: (m) => `${NIST_FUNCTIONS[m[1]!.toLowerCase()]} ${Number(m[2])}${m[3] ? `.${Number(m[3])}` : ''}`,
  },
  {
    pattern: /(?:\bannex\s*a\s*[:.-]?\s*|\ba\s*\.\s*|\ba\s+(?=\d{1,2}\.\d))(\d{1,2}(?:\.\d{1,2}){1,2})\b/i,
    frameworks: ['iso42001', 'iso27001'],
    toRef: (m) => `A.${m[1]}`,
  },
  { pattern: /\b(cc|pi|p|c|a)\s?(\d{1,2})\.(\d{1,2})\b/i, frameworks: ['soc2'], toRef: (m) => `${m[1]!.toUpperCase()}${Number(m[2])}.${Number(m[3])}` },
  { pattern: /\b(?:clause\s*)?(\d{1,2}(?:\.\d{1,2}){0,2})\b/i, frameworks: ['iso42001', 'iso27001'], toRef: (m) => m[1]! },
];

export function parseRef(input: string, frameworkHint: string | null = null): ParsedRef {
  let text = input.normalize('NFKC').replace(/[\u2010-\u2015]/g, '-').trim();
  const mentioned: string[] = [];
  for (const [framework, pattern] of FRAMEWORK_MENTIONS) {
    if (pattern.test(text)) {
      mentioned.push(framework);
      text = text.replace(pattern, ' ');
    }
  }
  for (const form of FORMS) {
    const match = form.pattern.exec(text);
    if (!match) continue;
    const ref = form.toRef(match);
    const wanted = frameworkHint ? [frameworkHint] : mentioned.length > 0 ? mentioned : form.frameworks;
    const frameworks = wanted.filter((f) => form.frameworks.includes(f));
    const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
    return { input, candidateIds: frameworks.map((f) => `${f}:${ref}`), citedTitle: titleFrom(rest), mentioned };
  }
  return { input, candidateIds: [], citedTitle: titleFrom(text), mentioned };
}

function titleFrom(text: string): string | null {
  const title = text.replace(/^[\s:.,;()\-–—"'“”]+|[\s:.,;()\-–—"'“”]+$/g, '').replace(/\s+/g, ' ');
  return /[a-z]{3,}/i.test(title) ? title : null;
}

const STOPWORDS = new Set(['of', 'the', 'and', 'for', 'a', 'an', 'to', 'in', 'on', 'ai', 'system', 'systems']);

function tokens(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .split(' ')
      .map((t) => t.replace(/(?:ies|s)$/, (s) => (s === 'ies' ? 'y' : '')))
      .filter((t) => t.length > 1 && !STOPWORDS.has(t)),
  );
}

/** Whether a cited title names the same thing as the requirement's real title (word overlap). */
export function titleMatches(cited: string, actual: string): boolean {
  const a = tokens(cited);
  const b = tokens(actual);
  if (a.size === 0 || b.size === 0) return false;
  const shared = [...a].filter((t) => b.has(t)).length;
  return shared / Math.min(a.size, b.size) >= 0.6 && shared / Math.max(a.size, b.size) >= 0.34;
}

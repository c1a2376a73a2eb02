// A colour per framework (Okabe-Ito, distinct from one another), always shown with its short name.
const FRAMEWORK_COLOUR: Record<string, string> = {
  soc2: '#0072B2',
  iso27001: '#56B4E9',
  iso42001: '#CC79A7',
  'nist-ai-rmf': '#009E73',
  'eu-ai-act': '#E69F00',
  'nist-csf': '#D55E00',
  'nist-800-53': '#6b6b6b',
};
const SPARE = ['#F0E442', '#000000', '#8c564b', '#17becf'];

export function frameworkColour(id: string): string {
  const known = FRAMEWORK_COLOUR[id];
  if (known) return known;
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return SPARE[h % SPARE.length]!;
}

// Strength 1-10 (seed/README.md, "Strength and basis") as ten cells and the number: seen at a glance,
// read exactly, and said in words to a screen reader.
import { STRENGTH_TERMS } from '../../../exports/glossary.js';

export function strengthWord(strength: number): string {
  const term = STRENGTH_TERMS.find((t) => {
    const [lo, hi = lo] = t.code.split('-').map(Number);
    return strength >= lo! && strength <= hi!;
  });
  return term?.label ?? '';
}

export function StrengthMeter({ strength, compact = false }: { strength: number | null | undefined; compact?: boolean }) {
  if (strength === null || strength === undefined) return <span className="strength strength-none">strength not given</span>;
  const word = strengthWord(strength);
  return (
    <span className={`strength${compact ? ' compact' : ''}`} data-strength={strength} title={`Strength ${strength}/10: ${word}`}>
      <span className="strength-cells" aria-hidden="true">
        {Array.from({ length: 10 }, (_, i) => <i key={i} className={i < strength ? 'on' : ''} />)}
      </span>
      <span className="strength-number">{strength}/10</span>
      <span className="sr-only"> strength, {word}</span>
    </span>
  );
}

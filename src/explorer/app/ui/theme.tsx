// Light or dark: the system's preference until the visitor chooses, then their choice (kept in
// localStorage, which holds nothing else). The tokens are CSS custom properties (styles.css).
import { useEffect, useState } from 'react';

const THEME_ITEM = 'crosswalk.theme';
type Theme = 'light' | 'dark';

function stored(): Theme | null {
  try {
    const value = localStorage.getItem(THEME_ITEM);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

const systemDark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;

/** Applies the stored theme before the first paint of the app. */
export function applyStoredTheme(): void {
  const theme = stored();
  if (theme) document.documentElement.dataset.theme = theme;
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => stored() ?? (systemDark() ? 'dark' : 'light'));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      id="theme-toggle"
      aria-pressed={theme === 'dark'}
      onClick={() => {
        setTheme(next);
        try {
          localStorage.setItem(THEME_ITEM, next);
        } catch {
          /* storage disabled: the choice lasts this page */
        }
      }}
    >
      <span aria-hidden="true">{theme === 'dark' ? '\u263E' : '\u2600'}</span> Dark<span className="sr-only"> theme</span>
    </button>
  );
}

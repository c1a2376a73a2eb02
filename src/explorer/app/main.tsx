// The Crosswalk explorer: one page over the public GraphQL API only, React 18, bundled by the
// server (../bundle.ts). The shell (header, skip link, search box, key field, theme) stays mounted;
// the route picks the view, and a view stays mounted while only its parameters change, so focus
// stays where the visitor left it. How to add a view: README.md beside this file.
import { createRoot } from 'react-dom/client';
import { useEffect, useRef, type FormEvent } from 'react';
import './styles.css';
import { hrefFor, navigate, usePlace } from './router.js';
import { ROUTES, routeFor } from './routes.js';
import { KeyField } from './ui/key-field.js';
import { applyStoredTheme, ThemeToggle } from './ui/theme.js';

function SearchBox({ q }: { q: string }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (input.current && document.activeElement !== input.current) input.current.value = q;
  }, [q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(hrefFor('search', null, { q: input.current?.value.trim() ?? '' }));
  };
  return (
    <form id="search-form" role="search" onSubmit={submit}>
      <label htmlFor="search-input" className="sr-only">Search requirements</label>
      <input id="search-input" ref={input} name="q" type="search" defaultValue={q} placeholder="A.6.2.4, CC 6.1, GV-1.1, human oversight..." />
    </form>
  );
}

function App() {
  const place = usePlace();
  const route = routeFor(place.name);
  const View = route.view;
  const main = useRef<HTMLElement>(null);
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // A hash link would be taken for a route: move focus by hand.
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="app-header">
        <a className="brand" href={hrefFor('coverage')}>Crosswalk</a>
        <nav aria-label="Views">
          {ROUTES.filter((r) => r.nav).map((r) => (
            <a key={r.name} href={hrefFor(r.name)} data-view={r.name} className={r.name === route.name ? 'active' : ''} aria-current={r.name === route.name ? 'page' : undefined}>
              {r.nav}
            </a>
          ))}
          <a href="/graphql" target="_blank" rel="noopener">GraphQL IDE</a>
        </nav>
        <SearchBox q={place.name === 'search' ? (place.params.get('q') ?? '') : ''} />
        <KeyField />
        <ThemeToggle />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <View key={route.name} place={place} />
      </main>
    </>
  );
}

applyStoredTheme();
createRoot(document.getElementById('root')!).render(<App />);

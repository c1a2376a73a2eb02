// The header's API key field: the key goes to this tab's sessionStorage (api.ts), never into a URL:
// the input has no name and the form posts nowhere. Shows the key's workspace and role once the API
// accepted it, or why it was refused.
import { useRef, type FormEvent } from 'react';
import { apiKey, forgetKey, rememberKey } from '../api.js';
import { useKeyVersion, useQuery } from '../hooks.js';

const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');

export function KeyField() {
  useKeyVersion(); // re-render when the key changes
  const key = apiKey();
  const input = useRef<HTMLInputElement>(null);
  const workspace = useQuery<{ workspace: { name: string; keyId: string; role: string } | null }>('KeyWorkspace', key ? {} : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = input.current?.value.trim() ?? '';
    if (input.current) input.current.value = '';
    if (value) rememberKey(value);
  };
  let status = '';
  let statusClass = '';
  let statusTitle = '';
  if (key && workspace.data) {
    const w = workspace.data.workspace;
    status = w ? `${w.name} · ${words(w.role)}` : 'key sent';
    statusClass = 'key-ok';
    statusTitle = w ? `Workspace ${w.name}, key ${w.keyId}` : '';
  } else if (key && workspace.error) {
    status = `key refused (${workspace.error.code})`;
    statusClass = 'key-refused';
    statusTitle = workspace.error.message;
  }
  return (
    <form id="key-form" className={`key${key ? ' has-key' : ''}`} method="post" action="#" autoComplete="off" onSubmit={submit}>
      <span id="key-status" className={statusClass} title={statusTitle} aria-live="polite">{status}</span>
      <label htmlFor="key-input" className="sr-only">API key</label>
      <input id="key-input" ref={input} type="password" placeholder="API key" autoComplete="off" spellCheck={false} hidden={Boolean(key)} />
      <button type="submit" id="key-use" hidden={Boolean(key)}>Use key</button>
      <button type="button" id="key-forget" hidden={!key} onClick={() => forgetKey()}>Forget key</button>
    </form>
  );
}

// The explorer's one way to the API: POST /graphql with a registered operation, and the caller's
// API key when one was pasted. The key lives in this tab's sessionStorage only: never in the URL
// (the key field has no name, so even a form submitted without script carries nothing), never in a
// log line, and gone when the tab closes or "Forget key" is pressed.

const KEY_ITEM = 'crosswalk.apiKey';

export function apiKey() {
  try {
    return sessionStorage.getItem(KEY_ITEM) || null;
  } catch {
    return null; // storage disabled: the explorer works anonymously
  }
}

export function rememberKey(key) {
  sessionStorage.setItem(KEY_ITEM, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_ITEM);
}

/**
 * Runs a GraphQL operation, with `key` (default: the remembered one) as a Bearer token. Root fields
 * are nullable, so one failing field leaves the others: a view gets what was answered, and this
 * throws (with the server's message and code) only when nothing was.
 */
export async function graphql(query, variables = {}, key = apiKey()) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  let body;
  try {
    body = await response.json();
  } catch {
    const failure = new Error(`The API answered ${response.status} ${response.statusText} without a JSON body.`);
    failure.code = `HTTP_${response.status}`;
    throw failure;
  }
  const answered = body.data && Object.values(body.data).some((value) => value !== null);
  if (body.errors?.length && !answered) {
    const [error] = body.errors;
    const failure = new Error(error.message);
    failure.code = error.extensions?.code;
    throw failure;
  }
  return body.data;
}

// Text into HTML: every value the API answers goes through escape() before it reaches innerHTML.

export const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** `SUPERSET_OF` as "superset of". */
export const words = (value) => String(value ?? '').toLowerCase().replace(/_/g, ' ');

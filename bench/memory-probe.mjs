/**
 * Preloaded into the API process by bench/soak.ts only (`--import`): answers "memory" on the IPC
 * channel with process.memoryUsage(), after a full collection when the process runs with --expose-gc,
 * so samples compare retained heap. The server itself exposes nothing new.
 */
process.on('message', (message) => {
  if (message?.type !== 'memory') return;
  if (typeof globalThis.gc === 'function') globalThis.gc();
  process.send?.({ id: message.id, memory: process.memoryUsage() });
});
// The channel must not keep a stopping server alive.
process.channel?.unref();

/**
 * Preloaded into the API process by bench/soak.ts only (`--import`): answers "memory" on the IPC
 * channel with process.memoryUsage(), after a full collection when asked (`collect: true`) and the
 * process runs with --expose-gc, so those samples compare retained heap; with how long that
 * collection held the event loop. The server itself exposes nothing new.
 */
process.on('message', (message) => {
  if (message?.type !== 'memory') return;
  let collectMs = null;
  if (message.collect && typeof globalThis.gc === 'function') {
    const started = performance.now();
    globalThis.gc();
    collectMs = performance.now() - started;
  }
  process.send?.({ id: message.id, memory: process.memoryUsage(), collectMs });
});
// The channel must not keep a stopping server alive.
process.channel?.unref();

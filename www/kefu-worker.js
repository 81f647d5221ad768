/*! Kefu engine worker: runs the NLU model and dialogue engine off the main thread. MIT OR Apache-2.0. */
import init, { WorkerEngine } from './kefu_worker.js';

const started = performance.now();
const waiting = [];
let engine = null;
let failure = null;

// Messages can arrive while the model loads: keep them, answer them after.
self.onmessage = (event) => {
  if (engine || failure) handle(event.data);
  else waiting.push(event.data);
};

(async () => {
  try {
    const [, model] = await Promise.all([
      init(),
      fetch(new URL('kefu-nlu.onnx', import.meta.url)).then((r) => {
        if (!r.ok) throw new Error(`model download failed: HTTP ${r.status}`);
        return r.arrayBuffer();
      }),
    ]);
    engine = new WorkerEngine(new Uint8Array(model), performance.now() - started);
  } catch (e) {
    failure = String((e && e.message) || e);
  }
  for (const message of waiting.splice(0)) handle(message);
})();

function handle(message) {
  const id = message && typeof message.id === 'number' ? message.id : null;
  if (failure) {
    self.postMessage({ type: 'failed', id, error: failure });
    return;
  }
  try {
    self.postMessage(engine.handle(message));
  } catch (e) {
    self.postMessage({ type: 'failed', id, error: `engine error: ${e}` });
  }
}

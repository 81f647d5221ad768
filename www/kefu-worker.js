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
    const here = new URL(import.meta.url);
    // The merchant's FAQ index: `data-faq` on the script tag, else next to this file.
    const faqUrl = new URL(here.searchParams.get('faq') || 'kefu-faq.idx', here);
    // The shop backend's contract root (`data-api`, resolved by the loader); none: no order actions.
    const api = here.searchParams.get('api');
    const [, model, faq] = await Promise.all([
      init(),
      fetch(new URL('kefu-nlu.onnx', here)).then((r) => {
        if (!r.ok) throw new Error(`model download failed: HTTP ${r.status}`);
        return r.arrayBuffer();
      }),
      // Without its FAQ the widget still understands and answers everything
      // else, so a failed download is reported, not fatal.
      fetch(faqUrl).then(
        (r) => (r.ok ? r.arrayBuffer().then((b) => ({ bytes: new Uint8Array(b) }))
                     : { error: `FAQ index download failed: HTTP ${r.status}` }),
        (e) => ({ error: `FAQ index download failed: ${e}` })),
    ]);
    engine = new WorkerEngine(new Uint8Array(model), faq.bytes, faq.error, performance.now() - started,
      api, (reply) => self.postMessage(reply));
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
    // Replies arrive through the callback given above, now and when the shop backend answers.
    engine.handle(message);
  } catch (e) {
    self.postMessage({ type: 'failed', id, error: `engine error: ${e}` });
  }
}

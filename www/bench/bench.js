// Measures the engine's wasm in this page: model load (parse + optimise in tract),
// per-message classification, and FAQ lookups (the demo shop's index and a
// generated 1,000-entry one), over inputs the benchmark driver passes in.
import init, { WorkerEngine } from '/kefu/kefu_worker.js';

const percentiles = (timings) => {
  const sorted = timings.slice().sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    n: sorted.length,
    p50_us: pick(0.5) * 1000,
    p99_us: pick(0.99) * 1000,
    mean_us: (sorted.reduce((a, b) => a + b, 0) / sorted.length) * 1000,
  };
};

const fromHex = (hex) => {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
};

window.kefuBench = async function (texts, rounds, faqQuestions, bigIndexHex) {
  const t0 = performance.now();
  await init();
  const t1 = performance.now();
  const model = new Uint8Array(await (await fetch('/kefu/kefu-nlu.onnx')).arrayBuffer());
  const faq = new Uint8Array(await (await fetch('/kefu/kefu-faq.idx')).arrayBuffer());
  const t2 = performance.now();
  const engine = new WorkerEngine(model, faq, undefined, 0, undefined, () => {});
  const t3 = performance.now();
  engine.classify_timings(texts.slice(0, 50)); // warm-up
  let timings = [];
  for (let r = 0; r < rounds; r++) timings = timings.concat(Array.from(engine.classify_timings(texts)));
  const classify = percentiles(timings);
  const faqRuns = {};
  const questions = faqQuestions || [];
  const measureFaq = (name, bytes) => {
    engine.faq_timings(questions.slice(0, 20)); // warm-up
    let t = [];
    for (let r = 0; r < rounds; r++) t = t.concat(Array.from(engine.faq_timings(questions)));
    faqRuns[name] = Object.assign({ index_bytes: bytes.length }, percentiles(t));
  };
  if (questions.length) {
    measureFaq('demo', faq);
    if (bigIndexHex) {
      const big = fromHex(bigIndexHex);
      const l0 = performance.now();
      const entries = engine.replace_faq(big);
      faqRuns.synthetic_load_ms = performance.now() - l0;
      measureFaq(`synthetic_${entries}`, big);
    }
  }
  const result = {
    messages: classify.n,
    wasm_init_ms: t1 - t0,
    model_fetch_ms: t2 - t1,
    model_load_ms: t3 - t2,
    p50_us: classify.p50_us,
    p99_us: classify.p99_us,
    mean_us: classify.mean_us,
    faq: faqRuns,
    cross_origin_isolated: self.crossOriginIsolated,
  };
  document.getElementById('out').textContent = JSON.stringify(result, null, 2);
  window.kefuBenchResult = result;
  return result;
};

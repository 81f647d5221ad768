// Measures the engine's wasm in this page: model load (parse + optimise in tract)
// and per-message classification, over messages the benchmark driver passes in.
import init, { WorkerEngine } from '/kefu/kefu_worker.js';

window.kefuBench = async function (texts, rounds) {
  const t0 = performance.now();
  await init();
  const t1 = performance.now();
  const model = new Uint8Array(await (await fetch('/kefu/kefu-nlu.onnx')).arrayBuffer());
  const t2 = performance.now();
  const engine = new WorkerEngine(model, 0);
  const t3 = performance.now();
  engine.classify_timings(texts.slice(0, 50)); // warm-up
  let timings = [];
  for (let r = 0; r < rounds; r++) timings = timings.concat(Array.from(engine.classify_timings(texts)));
  timings.sort((a, b) => a - b);
  const pick = (q) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))];
  const result = {
    messages: timings.length,
    wasm_init_ms: t1 - t0,
    model_fetch_ms: t2 - t1,
    model_load_ms: t3 - t2,
    p50_us: pick(0.5) * 1000,
    p99_us: pick(0.99) * 1000,
    mean_us: (timings.reduce((a, b) => a + b, 0) / timings.length) * 1000,
    cross_origin_isolated: self.crossOriginIsolated,
  };
  document.getElementById('out').textContent = JSON.stringify(result, null, 2);
  window.kefuBenchResult = result;
  return result;
};

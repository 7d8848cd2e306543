// HF `tokenizers` throughput on the same corpus as bench_tokenizer:
//   RAYON_NUM_THREADS=1 node bench_hf.js TOKENIZER_JSON [en|zh] [passes]
// Run with NODE_PATH=tests/tokenizer/npm/node_modules. Two modes: one
// `await encode()` per text (includes the JS <-> Rust call per text) and
// encodeBatch over chunks of 1000 texts (Rust-side loop; single-threaded when
// RAYON_NUM_THREADS=1).
'use strict';
const fs = require('fs');
const path = require('path');
const { Tokenizer } = require('tokenizers');

async function main() {
  const [file, lang = 'en', passesArg = '3'] = process.argv.slice(2);
  const passes = Number(passesArg);
  const shared = path.resolve(__dirname, '..', '..', '..', 'shared', 'data');
  const recs = JSON.parse(fs.readFileSync(path.join(shared, lang === 'zh' ? 'alpaca_zh_52k.json' : 'alpaca_en_52k.json'), 'utf8'));
  const texts = recs.map((r) => r.instruction + '\n' + r.input + '\n' + r.output);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  let t0 = process.hrtime.bigint();
  const tok = Tokenizer.fromFile(file);
  console.log(`tokenizer: ${file}, load ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2)} s`);
  console.log(`corpus: ${texts.length} texts, ${(bytes / 1e6).toFixed(1)} MB (${lang}), RAYON_NUM_THREADS=${process.env.RAYON_NUM_THREADS || 'unset'}`);
  for (let pass = 0; pass < passes; ++pass) {
    let tokens = 0;
    t0 = process.hrtime.bigint();
    for (const t of texts) tokens += (await tok.encode(t, null, { addSpecialTokens: false })).getIds().length;
    let s = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`pass ${pass + 1} encode per text: ${tokens} tokens in ${s.toFixed(3)} s = ${(tokens / s / 1e6).toFixed(2)} M tokens/s`);
    tokens = 0;
    t0 = process.hrtime.bigint();
    for (let i = 0; i < texts.length; i += 1000) {
      const encs = await tok.encodeBatch(texts.slice(i, i + 1000), { addSpecialTokens: false });
      for (const e of encs) tokens += e.getIds().length;
    }
    s = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`pass ${pass + 1} encodeBatch:     ${tokens} tokens in ${s.toFixed(3)} s = ${(tokens / s / 1e6).toFixed(2)} M tokens/s`);
  }
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });

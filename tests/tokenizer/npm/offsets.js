// Reference offsets from Hugging Face `tokenizers` (the official npm package):
// node offsets.js TOKENIZER_JSON TEXTS_JSONL [--special]
// prints {"ids": [...], "offsets": [[begin, end], ...]} per {"text": ...}
// line, offsets in code points of the text as the package reports them.
'use strict';
const fs = require('fs');
const { Tokenizer } = require('tokenizers');

async function main() {
  const args = process.argv.slice(2);
  const special = args.includes('--special');
  const [file, input] = args.filter((a) => !a.startsWith('--'));
  const tok = Tokenizer.fromFile(file);
  const out = [];
  for (const line of fs.readFileSync(input, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const enc = await tok.encode(JSON.parse(line).text, null, { addSpecialTokens: special });
    out.push(JSON.stringify({ ids: Array.from(enc.getIds()), offsets: enc.getOffsets() }));
  }
  process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });

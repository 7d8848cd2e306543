// Reference ids from Hugging Face `tokenizers` (the official npm package, Rust
// via napi): node encode.js TOKENIZER_JSON TEXTS_JSONL [--special]
// prints one compact JSON array of ids per {"text": ...} line, like
// `sftbench-cli tokenize`. With --decode it prints {"decoded": ...} per line
// (decode of the ids, skip_special_tokens=true) instead, and with --both
// {"ids": [...], "decoded": ...}.
'use strict';
const fs = require('fs');
const { Tokenizer } = require('tokenizers');

async function main() {
  const args = process.argv.slice(2);
  const special = args.includes('--special');
  const decode = args.includes('--decode');
  const both = args.includes('--both');
  const [file, input] = args.filter((a) => !a.startsWith('--'));
  const tok = Tokenizer.fromFile(file);
  const lines = fs.readFileSync(input, 'utf8').split('\n');
  const out = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const text = JSON.parse(line).text;
    const enc = await tok.encode(text, null, { addSpecialTokens: special });
    const ids = Array.from(enc.getIds());
    if (both) out.push(JSON.stringify({ ids, decoded: await tok.decode(ids, true) }));
    else if (decode) out.push(JSON.stringify({ decoded: await tok.decode(ids, true) }));
    else out.push('[' + ids.join(',') + ']');
  }
  process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });

// The golden text set, built the same way as goldenTexts() in
// tests/tokenizer/text_set.h: the hand-written tricky texts, then every
// 4000th Alpaca record (English, Chinese), every 25th seed task line and
// every 25th BELLE seed line from /work/shared/data (read by path, never
// copied into the repository).
'use strict';
const fs = require('fs');
const path = require('path');

function readJsonl(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

function goldenTexts(testDir, sharedDir) {
  const texts = readJsonl(path.join(testDir, 'data', 'tricky_texts.jsonl')).map((l) => JSON.parse(l).text);
  for (const name of ['alpaca_en_52k.json', 'alpaca_zh_52k.json']) {
    const recs = JSON.parse(fs.readFileSync(path.join(sharedDir, name), 'utf8'));
    for (let i = 0; i < recs.length; i += 4000)
      texts.push(recs[i].instruction + '\n' + recs[i].input + '\n' + recs[i].output);
  }
  for (const name of ['seed_tasks.jsonl', path.join('belle', 'zh_seed_tasks.json')]) {
    const lines = readJsonl(path.join(sharedDir, name));
    for (let i = 0; i < lines.length; i += 25)
      texts.push(lines[i]);
  }
  return texts;
}

module.exports = { goldenTexts };

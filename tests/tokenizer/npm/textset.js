// The golden text sets, built the same way as fixtureTexts() and goldenTexts()
// in tests/tokenizer/reference.h.
//  - fixtureTexts: the hand-written tricky texts and corpus (tests/tokenizer/data),
//    then every record of the Alpaca EN / ZH samples and every line of the
//    Self-Instruct and BELLE samples in tests/common/data. No real data needed.
//  - goldenTexts: the tricky texts, then every 4000th Alpaca record (English,
//    Chinese), every 25th seed task line and every 25th BELLE seed line from the
//    real data folder (../shared/data beside the repository; read by path,
//    never copied into the repository).
'use strict';
const fs = require('fs');
const path = require('path');

function readJsonl(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

function alpacaText(r) {
  return r.instruction + '\n' + r.input + '\n' + r.output;
}

function fixtureTexts(testDir) {
  const commonDir = path.join(testDir, '..', 'common', 'data');
  const texts = readJsonl(path.join(testDir, 'data', 'tricky_texts.jsonl')).map((l) => JSON.parse(l).text);
  for (const l of readJsonl(path.join(testDir, 'data', 'corpus.jsonl')))
    texts.push(JSON.parse(l).text);
  for (const name of ['alpaca_en_sample.json', 'alpaca_zh_sample.json'])
    for (const r of JSON.parse(fs.readFileSync(path.join(commonDir, name), 'utf8')))
      texts.push(alpacaText(r));
  for (const name of ['seed_tasks_sample.jsonl', 'belle_zh_seed_sample.json'])
    for (const l of readJsonl(path.join(commonDir, name)))
      texts.push(l);
  return texts;
}

function goldenTexts(testDir, sharedDir) {
  const texts = readJsonl(path.join(testDir, 'data', 'tricky_texts.jsonl')).map((l) => JSON.parse(l).text);
  for (const name of ['alpaca_en_52k.json', 'alpaca_zh_52k.json']) {
    const recs = JSON.parse(fs.readFileSync(path.join(sharedDir, name), 'utf8'));
    for (let i = 0; i < recs.length; i += 4000)
      texts.push(alpacaText(recs[i]));
  }
  for (const name of ['seed_tasks.jsonl', path.join('belle', 'zh_seed_tasks.json')]) {
    const lines = readJsonl(path.join(sharedDir, name));
    for (let i = 0; i < lines.length; i += 25)
      texts.push(lines[i]);
  }
  return texts;
}

module.exports = { fixtureTexts, goldenTexts };

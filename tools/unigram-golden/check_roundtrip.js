#!/usr/bin/env node
// Load tokenizer.json with Hugging Face tokenizers (Rust 0.22.2 via @anush008/tokenizers 0.6.0),
// save it back (pretty), and report whether the two files are the same JSON apart from float
// formatting.  serde_json (without its float_roundtrip feature) parses some 17-digit scores
// 1 ulp away from the correctly rounded value, so those scores come back with other digits.
// Usage: node check_roundtrip.js TOKENIZER_JSON OUT_JSON
'use strict';
const fs = require('fs');
const { Tokenizer } = require('@anush008/tokenizers');

const [inPath, outPath] = process.argv.slice(2);
const tok = Tokenizer.fromFile(inPath);
tok.save(outPath, true);
const a = JSON.parse(fs.readFileSync(inPath, 'utf8'));
const b = JSON.parse(fs.readFileSync(outPath, 'utf8'));
let scoreDiffs = 0;
let maxRel = 0;
a.model.vocab.forEach(([p, s], i) => {
  const [q, t] = b.model.vocab[i];
  if (p !== q) throw new Error(`vocab ${i} differs: ${p} vs ${q}`);
  if (s !== t) { scoreDiffs++; maxRel = Math.max(maxRel, Math.abs(s - t) / Math.abs(s)); }
});
const strip = (o) => JSON.stringify({ ...o, model: { ...o.model, vocab: o.model.vocab.map((x) => x[0]) } });
const same = strip(a) === strip(b);
console.log(`round trip: structure ${same ? 'identical' : 'DIFFERENT'}; vocab size ${tok.getVocabSize(true)}; ` +
  `${scoreDiffs} scores re-printed differently (max relative difference ${maxRel.toExponential(2)})`);
if (!same) process.exit(1);

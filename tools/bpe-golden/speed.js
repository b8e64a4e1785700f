#!/usr/bin/env node
// Tokens per second of Hugging Face's Rust tokenizer (through @anush008/tokenizers) on the texts
// bench/bench_tokenizer reads, one thread (RAYON_NUM_THREADS=1), for the ratio in the issue
// notes. Prints one JSON line like bench_tokenizer's.
//
// Usage: RAYON_NUM_THREADS=1 node speed.js TOKENIZER_JSON TEXTS_JSONL [LIMIT]
'use strict';
const fs = require('fs');
const { Tokenizer } = require('@anush008/tokenizers');

async function main() {
  const [tokPath, textsPath, limitText] = process.argv.slice(2);
  const limit = Number(limitText || 20000);
  const passages = [];
  for (const line of fs.readFileSync(textsPath, 'utf8').split('\n')) {
    if (!line) continue;
    const example = JSON.parse(line);
    for (const positive of example.pos || []) passages.push(positive);
    passages.push(example.query);
    if (passages.length >= limit) break;
  }
  const tok = Tokenizer.fromFile(tokPath);
  await tok.encode(passages[0]);  // warm-up
  const start = process.hrtime.bigint();
  const encodings = await tok.encodeBatch(passages);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let tokens = 0;
  for (const encoding of encodings) tokens += encoding.getIds().length;
  console.log(JSON.stringify({ bench: 'hf_tokenizers', tokenizer: tokPath, texts: passages.length,
    tokens, tokens_per_s_1_thread: Math.round(tokens / seconds) }));
}

main();

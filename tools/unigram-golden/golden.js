#!/usr/bin/env node
// Tokenize every line of inputs.jsonl with Hugging Face tokenizers (Rust crate 0.22.2, through the
// N-API binding @anush008/tokenizers 0.6.0) and write the golden JSON Lines file.
//
// Usage: node golden.js TOKENIZER_JSON INPUTS_JSONL OUTPUT(.jsonl | .jsonl.gz)
//
// Output format = tests/data/tokenizer-golden/bert-base-uncased.jsonl:
//   single: {"text","ids","tokens","offsets"}   offsets: [start,end) in code points of `text`
//   pair:   {"text","text_pair","ids","type_ids","tokens"}
// Written like Python's json.dumps(obj, ensure_ascii=False, separators=(",", ":")), with U+2028,
// U+2029 and U+0085 escaped so that naive line splitters keep one record per line.
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const { Tokenizer } = require('@anush008/tokenizers');

function dumpLine(obj) {
  // JSON.stringify escapes exactly what Python's json.dumps(ensure_ascii=False) escapes:
  // '"', '\\', \b \f \n \r \t, other C0 controls as \u00xx (lower-case hex), lone surrogates.
  return JSON.stringify(obj)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/\u0085/g, '\\u0085');
}

async function main() {
  const [tokPath, inPath, outPath] = process.argv.slice(2);
  if (!outPath) {
    console.error('usage: node golden.js TOKENIZER_JSON INPUTS_JSONL OUTPUT');
    process.exit(2);
  }
  const tok = Tokenizer.fromFile(tokPath);
  const inputs = fs.readFileSync(inPath, 'utf8').split('\n').filter((l) => l.length > 0)
    .map((l) => JSON.parse(l));
  const lines = [];
  let nSingle = 0;
  let nPair = 0;
  for (const rec of inputs) {
    if (Object.prototype.hasOwnProperty.call(rec, 'text_pair')) {
      // encode() uses Rust's encode_char_offsets: offsets are in chars (Unicode scalar values).
      const enc = await tok.encode(rec.text, rec.text_pair);
      lines.push(dumpLine({
        text: rec.text, text_pair: rec.text_pair, ids: enc.getIds(), type_ids: enc.getTypeIds(),
        tokens: enc.getTokens(),
      }));
      nPair++;
    } else {
      const enc = await tok.encode(rec.text);
      lines.push(dumpLine({
        text: rec.text, ids: enc.getIds(), tokens: enc.getTokens(),
        offsets: enc.getOffsets().map((o) => [o[0], o[1]]),
      }));
      nSingle++;
    }
  }
  const data = Buffer.from(lines.join('\n') + '\n', 'utf8');
  if (outPath.endsWith('.gz')) {
    fs.writeFileSync(outPath, zlib.gzipSync(data, { level: 9 }));
  } else {
    fs.writeFileSync(outPath, data);
  }
  console.log(`${outPath}: ${nSingle} single lines, ${nPair} pair lines, ` +
    `${data.length} bytes uncompressed`);
}

main().catch((e) => { console.error(e); process.exit(1); });

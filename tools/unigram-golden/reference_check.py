#!/usr/bin/python3
"""Independent Python re-implementation of the Hugging Face pipeline for the XLM-R tokenizer.json,
checked against the golden file.  It documents (and tests) the algorithm a C++ port must follow:

  1. added tokens (<s> <pad> </s> <unk> <mask>, all normalized=false) are found in the ORIGINAL
     text, leftmost-longest; <mask> has lstrip=true: the run of White_Space characters before it
     (Rust char::is_whitespace) becomes part of the <mask> token
  2. every other segment is normalized:
       Precompiled: split into extended grapheme clusters; a cluster of < 6 UTF-8 bytes is looked
         up whole: the FIRST (= shortest) common-prefix-search hit of the double-array trie
         replaces the WHOLE cluster; if there is no hit, or the cluster has >= 6 bytes, each
         code point is looked up alone (a hit replaces it, no hit keeps it)
       Replace: every run of 2+ U+0020 becomes one U+0020
  3. Metaspace: U+0020 -> U+2581, prepend U+2581 unless the segment already starts with it (an
     empty segment stays empty), split before every U+2581
  4. Unigram Viterbi per piece (f64 sums, candidate = best[start] + score, strict '>' so that on
     ties the earliest start wins; a char with no single-char piece costs min_score - 10 and maps
     to <unk>; consecutive <unk>s are fused into one token whose string is their text)
  5. <s> A </s>  /  <s> A </s> </s> B </s>, all type ids 0

Usage: python3 reference_check.py TOKENIZER_JSON GOLDEN(.jsonl|.jsonl.gz) [--scores FILE]
  --scores: read the vocabulary scores from FILE (another tokenizer.json), e.g. the file that
            the binding writes back with Tokenizer.save(), to test which f64 values HF holds.
Needs the `regex` module (Debian: python3-regex) for grapheme clusters (\\X).
"""
import argparse
import base64
import gzip
import json
import struct
import sys

import regex

WS = set("\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
         "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")  # Rust char::is_whitespace


class Precompiled:
    """spm precompiled_charsmap: u32 LE trie byte size, darts-clone double array, NUL-terminated
    replacement strings."""

    def __init__(self, blob: bytes):
        (trie_size,) = struct.unpack_from("<I", blob, 0)
        n = trie_size // 4
        self.array = struct.unpack_from(f"<{n}I", blob, 4)
        self.normalized = blob[4 + trie_size:]

    def common_prefix_search(self, key: bytes):
        a = self.array
        unit = a[0]
        node = (unit >> 10) << ((unit & (1 << 9)) >> 6)
        out = []
        for c in key:
            node ^= c
            unit = a[node]
            if (unit & ((1 << 31) | 0xFF)) != c:
                break
            node ^= (unit >> 10) << ((unit & (1 << 9)) >> 6)
            if (unit >> 8) & 1:
                out.append(a[node] & ((1 << 31) - 1))
        return out

    def transform(self, chunk: str):
        hits = self.common_prefix_search(chunk.encode("utf-8"))
        if not hits:
            return None
        start = hits[0]
        end = self.normalized.index(b"\0", start)
        return self.normalized[start:end].decode("utf-8")

    def normalize(self, chars):
        """chars: [(char, (orig_start, orig_end))] -> same, following NormalizedString::transform."""
        s = "".join(c for c, _ in chars)
        changes = []  # (char, change) as built by tokenizers' Precompiled::normalize / replace()

        def replace(old, new):
            diff = len(new) - len(old)
            changes.extend((c, 0) for c in new)
            if diff > 0:
                for k in range(len(changes) - diff, len(changes)):
                    changes[k] = (changes[k][0], 1)
            elif diff < 0 and changes:
                changes[-1] = (changes[-1][0], changes[-1][1] + diff)

        for g in regex.findall(r"\X", s):
            if len(g.encode("utf-8")) < 6:
                t = self.transform(g)
                if t is not None:
                    replace(g, t)
                    continue
            for ch in g:
                t = self.transform(ch)
                if t is None:
                    changes.append((ch, 0))
                else:
                    replace(ch, t)
        return apply_changes(chars, changes)


def apply_changes(chars, changes):
    """NormalizedString::transform over the whole string: change 0 replaces the next original
    char (keeps its alignment), change +1 inserts (alignment of the original char before the
    cursor, (0, 0) at the very start), change -n replaces and then removes n more chars."""
    out, pos = [], 0
    for c, ch in changes:
        if ch > 0:
            out.append((c, chars[pos - 1][1] if pos > 0 else (0, 0)))
        else:
            out.append((c, chars[pos][1]))
            pos += 1 - ch
    return out


def replace_runs(chars, pattern, content):
    """NormalizedString::replace: each match is removed and `content` inserted (change +1), so
    every inserted char takes the alignment of the LAST char of the match."""
    s = "".join(c for c, _ in chars)
    out, last = [], 0
    for m in regex.finditer(pattern, s):
        out.extend(chars[last:m.start()])
        out.extend((c, chars[m.end() - 1][1]) for c in content)
        last = m.end()
    out.extend(chars[last:])
    return out


class XlmrTokenizer:
    def __init__(self, tok, scores_from=None):
        norms = tok["normalizer"]["normalizers"]
        assert norms[0]["type"] == "Precompiled" and norms[1]["type"] == "Replace"
        self.pre = Precompiled(base64.b64decode(norms[0]["precompiled_charsmap"]))
        vocab = tok["model"]["vocab"]
        if scores_from is not None:
            other = scores_from["model"]["vocab"]
            assert [p for p, _ in other] == [p for p, _ in vocab]
            vocab = other
        self.ids = {p: i for i, (p, _) in enumerate(vocab)}
        self.scores = [float(s) for _, s in vocab]
        self.maxlen = max(len(p) for p, _ in vocab)
        self.unk_id = tok["model"]["unk_id"]
        self.unk_score = min(self.scores) - 10.0
        self.added = sorted(((a["content"], a["id"], a["lstrip"]) for a in tok["added_tokens"]),
                            key=lambda x: -len(x[0]))

    def normalize(self, chars):
        return replace_runs(self.pre.normalize(chars), " {2,}", " ")

    def split_added(self, text):
        """[(id or None, start, end)] — leftmost-longest match of the added tokens in the original text."""
        out, pos, seg_start = [], 0, 0
        while pos < len(text):
            hit = None
            for content, id_, lstrip in self.added:  # longest first
                if text.startswith(content, pos):
                    hit = (content, id_, lstrip)
                    break
            if hit is None:
                pos += 1
                continue
            content, id_, lstrip = hit
            start = pos
            if lstrip:
                while start > seg_start and text[start - 1] in WS:
                    start -= 1
            if seg_start < start:
                out.append((None, seg_start, start))
            out.append((id_, start, pos + len(content)))
            pos += len(content)
            seg_start = pos
        if seg_start < len(text):
            out.append((None, seg_start, len(text)))
        return out

    def viterbi(self, s):
        n = len(s)
        best = [None] * (n + 1)  # (score, start, id)
        best[0] = (0.0, None, None)
        for start in range(n):
            base = best[start][0]
            single = False
            for ln in range(1, min(self.maxlen, n - start) + 1):
                id_ = self.ids.get(s[start:start + ln])
                if id_ is None:
                    continue
                cand = self.scores[id_] + base
                if best[start + ln] is None or cand > best[start + ln][0]:
                    best[start + ln] = (cand, start, id_)
                if ln == 1:
                    single = True
            if not single:
                cand = self.unk_score + base
                if best[start + 1] is None or cand > best[start + 1][0]:
                    best[start + 1] = (cand, start, self.unk_id)
        toks, end, unk_run = [], n, []
        while end > 0:
            _, start, id_ = best[end]
            if id_ == self.unk_id:
                unk_run.append((start, end))
            else:
                if unk_run:
                    toks.append((self.unk_id, unk_run[-1][0], unk_run[0][1]))
                    unk_run = []
                toks.append((id_, start, end))
            end = start
        if unk_run:
            toks.append((self.unk_id, unk_run[-1][0], unk_run[0][1]))
        return toks[::-1]

    def encode_seq(self, text):
        """[(id, token string, (start, end))], offsets in code points of `text`."""
        out = []
        for id_, start, end in self.split_added(text):
            if id_ is not None:
                out.append((id_, text[start:end], (start, end)))
                continue
            chars = [(text[i], (i, i + 1)) for i in range(start, end)]
            chars = replace_runs(self.normalize(chars), " ", "\u2581")  # Metaspace
            if not chars:
                continue
            if chars[0][0] != "\u2581":
                chars.insert(0, ("\u2581", chars[0][1]))  # prepend: both take the 1st alignment
            norm = "".join(c for c, _ in chars)
            for m in regex.finditer("\u2581[^\u2581]*", norm):
                base = m.start()
                for id_, a, b in self.viterbi(m.group()):
                    out.append((id_, norm[base + a:base + b],
                                (chars[base + a][1][0], chars[base + b - 1][1][1])))
        return out

    def encode(self, text, pair=None):
        seq = [(0, "<s>", (0, 0))] + self.encode_seq(text) + [(2, "</s>", (0, 0))]
        if pair is not None:
            seq += [(2, "</s>", (0, 0))] + self.encode_seq(pair) + [(2, "</s>", (0, 0))]
        return [i for i, _, _ in seq], [t for _, t, _ in seq], [list(o) for _, _, o in seq]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tokenizer")
    ap.add_argument("golden")
    ap.add_argument("--scores")
    ap.add_argument("--show", type=int, default=10)
    args = ap.parse_args()
    with open(args.tokenizer, encoding="utf-8") as f:
        tok = json.load(f)
    scores_from = None
    if args.scores:
        with open(args.scores, encoding="utf-8") as f:
            scores_from = json.load(f)
    ref = XlmrTokenizer(tok, scores_from)
    opener = gzip.open if args.golden.endswith(".gz") else open
    with opener(args.golden, "rt", encoding="utf-8") as f:
        recs = [json.loads(line) for line in f]
    bad = 0
    for r in recs:
        ids, toks, offs = ref.encode(r["text"], r.get("text_pair"))
        if ids != r["ids"] or toks != r["tokens"] or ("offsets" in r and offs != r["offsets"]):
            bad += 1
            if bad <= args.show:
                print("MISMATCH", json.dumps(r["text"], ensure_ascii=False)[:120],
                      json.dumps(r.get("text_pair"), ensure_ascii=False)[:60])
                print("   golden:", r["tokens"][:40])
                print("   python:", toks[:40])
                if "offsets" in r and offs != r["offsets"]:
                    print("   golden offsets:", r["offsets"][:40])
                    print("   python offsets:", offs[:40])
    print(f"{len(recs)} lines, {len(recs) - bad} identical ids, tokens and offsets, {bad} different")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

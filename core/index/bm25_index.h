// Okapi BM25 over a corpus in memory: the lexical baseline `eval --bm25` reports beside the
// embedding models, so that a user sees whether a fine-tuned model beats keyword search on their
// data. The scoring is Lucene's (Pyserini's) BM25:
//
//   score(q, d) = sum over the query's tokens t (repeats counted) of
//                 idf(t) * tf(t, d) * (k1 + 1) / (tf(t, d) + k1 * (1 - b + b * |d| / avgdl))
//   idf(t)      = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))
//
// with |d| a document's token count and avgdl their mean; unlike Lucene, lengths are exact (Lucene
// stores them in one lossy byte). Defaults k1 = 0.9, b = 0.4: Pyserini's MS MARCO settings.
//
// Tokens (Bm25Tokenizer): the text lowercased (Unicode), split into words, a word being a run of
// letters, digits and combining marks (so "C++" is "c", "don't" is "don" and "t"); each CJK
// ideograph is a word of its own. English stop words (Lucene's list) and Snowball's English
// (Porter2) stemmer are optional, off unless asked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace embedlab::index {

struct Bm25Options {
  double k1 = 0.9;         ///< term-frequency saturation
  double b = 0.4;          ///< length normalisation (0: none, 1: full)
  bool stopwords = false;  ///< drop English stop words
  bool stemming = false;   ///< Snowball English stemming
};

class Bm25Tokenizer {
 public:
  Bm25Tokenizer(bool stopwords, bool stemming);
  ~Bm25Tokenizer();
  Bm25Tokenizer(const Bm25Tokenizer&) = delete;
  Bm25Tokenizer& operator=(const Bm25Tokenizer&) = delete;

  /// The tokens of `text`, in order (repeats kept).
  std::vector<std::string> tokens(std::string_view text) const;

 private:
  bool stopwords_;
  struct Stemmer;
  std::unique_ptr<Stemmer> stemmer_;  ///< null without stemming
};

class Bm25Index {
 public:
  /// Indexes `documents` (their positions are their ids).
  Bm25Index(const std::vector<std::string>& documents, Bm25Options options = {});
  ~Bm25Index();

  /// The `k` best documents for `query` (id, score), best first; documents sharing no token
  /// with the query are not returned. Equal scores: the lower id first.
  std::vector<std::pair<std::size_t, double>> search(std::string_view query, std::size_t k) const;
  /// score(query, document) as the formula above gives it.
  double score(std::string_view query, std::size_t document) const;

  std::size_t documentCount() const { return lengths_.size(); }
  double averageLength() const { return averageLength_; }
  const Bm25Tokenizer& tokenizer() const { return tokenizer_; }

 private:
  struct Posting {
    std::uint32_t document;
    std::uint32_t frequency;
  };
  /// idf * (k1 + 1) * tf / (tf + k1 * norm(d)) for one posting.
  double weight(double idf, const Posting& posting) const;
  double idf(std::size_t documentFrequency) const;

  Bm25Options options_;
  Bm25Tokenizer tokenizer_;
  std::unordered_map<std::string, std::uint32_t> terms_;
  std::vector<std::vector<Posting>> postings_;  ///< per term, by document
  std::vector<std::uint32_t> lengths_;          ///< tokens per document
  double averageLength_ = 0;
};

}  // namespace embedlab::index

// Tokenizers as Hugging Face `tokenizers` runs them, read from a model folder: WordPiece (BERT,
// MiniLM, BGE, E5) and Unigram (XLM-RoBERTa: multilingual-e5, bge-m3). The same ids, tokens and
// character offsets as the Rust implementation (tests/core/test_tokenizer_golden checks thousands
// of lines against it). Thread-safe: one Tokenizer can encode from many threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/encoding.h"

namespace embedlab::text {

struct Pipeline;

class Tokenizer {
 public:
  /// From a model folder: tokenizer.json when present, else vocab.txt (+ tokenizer_config.json)
  /// for BERT-style models. Throws InputError naming the file and what is missing or unsupported.
  static Tokenizer load(const std::filesystem::path& folder);
  /// From a Hugging Face tokenizer.json.
  static Tokenizer fromTokenizerJson(const std::filesystem::path& file);
  /// From a BERT vocab.txt and its tokenizer_config.json (which may be absent: BERT defaults).
  static Tokenizer fromVocabFile(const std::filesystem::path& vocabFile,
                                 const std::filesystem::path& configFile = {});

  /// Tokenizes one text and adds the model's special tokens ([CLS] ... [SEP]).
  Encoding encode(std::string_view text, const TruncationOptions& truncation = {}) const;
  /// Tokenizes a pair ([CLS] first [SEP] second [SEP]; type ids 0 then 1 for BERT).
  Encoding encodePair(std::string_view first, std::string_view second,
                      const TruncationOptions& truncation = {}) const;
  /// encode() for many texts on `threads` threads (0: hardware threads), in input order.
  std::vector<Encoding> encodeBatch(const std::vector<std::string>& texts,
                                    const TruncationOptions& truncation = {},
                                    unsigned threads = 0) const;

  std::optional<std::int64_t> tokenToId(std::string_view token) const;
  std::optional<std::string> idToToken(std::int64_t id) const;
  /// Ids the model can produce (model vocabulary and added tokens).
  std::size_t vocabSize() const;
  /// The padding token and its id ([PAD] 0 for BERT, <pad> 1 for XLM-R).
  std::int64_t padId() const;
  const std::string& padToken() const;
  /// "WordPiece" or "Unigram".
  const std::string& modelType() const;
  /// Special tokens added to one text, or to a pair (to budget max lengths).
  std::size_t specialTokensAdded(bool pair) const;

 private:
  explicit Tokenizer(std::shared_ptr<const Pipeline> pipeline) : pipeline_(std::move(pipeline)) {}
  std::shared_ptr<const Pipeline> pipeline_;
};

}  // namespace embedlab::text

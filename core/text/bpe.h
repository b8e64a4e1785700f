// Byte-pair encoding (internal to core/text), as Hugging Face's BPE model: a word starts as its
// characters and the adjacent pair with the best (lowest) merge rank is joined, everywhere in the
// word from left to right, until no pair has a rank. GPT-2, RoBERTa and ModernBERT run it on
// ByteLevel pre-tokenized words, whose characters are bytes, so every word has tokens. Merges
// work on token ids, and words seen before come from a cache (as HF's), shared by threads.
#pragma once

#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text/model.h"

namespace embedlab::text {

class BpeModel : public Model {
 public:
  /// `vocab`: token -> id; `merges` in rank order. A character without a token becomes
  /// `unknownToken` (when given; consecutive ones fused with `fuseUnknown`) or is dropped, as in
  /// HF. With `ignoreMerges` a word that is itself a token is not split. Throws Error for a merge
  /// whose parts or result are not in the vocabulary.
  BpeModel(std::unordered_map<std::string, std::int64_t> vocab,
           const std::vector<std::pair<std::string, std::string>>& merges,
           std::optional<std::string> unknownToken, bool fuseUnknown, bool ignoreMerges);

  void tokenize(const NormalizedText& word, std::vector<Token>& out) const override;
  std::optional<std::int64_t> tokenToId(std::string_view token) const override;
  std::optional<std::string> idToToken(std::int64_t id) const override;
  std::size_t vocabSize() const override { return tokens_.size(); }

 private:
  /// One token of a word: its id (-1: a character without a token) and the word characters
  /// [begin, end) it covers.
  struct Piece {
    std::int64_t id;
    std::uint32_t begin;
    std::uint32_t end;
  };
  struct Merge {
    std::size_t rank;
    std::int64_t result;
  };
  std::vector<Piece> merge(const NormalizedText& word) const;

  std::unordered_map<std::string, std::int64_t> vocab_;
  std::vector<std::string> tokens_;                  ///< by id
  std::unordered_map<std::uint64_t, Merge> merges_;  ///< (left id, right id) -> rank and result
  std::optional<std::int64_t> unknownId_;
  bool fuseUnknown_;
  bool ignoreMerges_;
  mutable std::shared_mutex cacheMutex_;
  mutable std::unordered_map<std::u32string, std::vector<Piece>> cache_;  ///< word -> pieces
};

}  // namespace embedlab::text

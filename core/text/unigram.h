// Unigram language-model tokenization (SentencePiece; the XLM-RoBERTa family): the segmentation
// of a word into vocabulary pieces with the highest total log-probability (Viterbi), characters
// no piece covers becoming the unknown token, consecutive unknowns fused into one, as Hugging
// Face's Unigram does (internal to core/text).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text/model.h"

namespace embedlab::text {

class UnigramModel : public Model {
 public:
  /// `pieces[i]` = (piece, log-probability) of id i. Throws Error when unknownId is out of range.
  UnigramModel(std::vector<std::pair<std::string, double>> pieces,
               std::optional<std::int64_t> unknownId, bool byteFallback);

  void tokenize(const NormalizedText& word, std::vector<Token>& out) const override;
  std::optional<std::int64_t> tokenToId(std::string_view token) const override;
  std::optional<std::string> idToToken(std::int64_t id) const override;
  std::size_t vocabSize() const override { return pieces_.size(); }

 private:
  // A trie over code points: children sorted by character.
  struct Node {
    std::int32_t piece = -1;
    std::uint32_t firstChild = 0;
    std::uint32_t childCount = 0;
  };
  std::int32_t child(std::uint32_t node, char32_t c) const;

  std::vector<std::pair<std::string, double>> pieces_;
  std::unordered_map<std::string, std::int64_t> ids_;
  std::vector<Node> nodes_;
  std::vector<char32_t> childChars_;
  std::vector<std::uint32_t> childNodes_;
  std::optional<std::int64_t> unknownId_;
  double unknownScore_ = 0;
  bool byteFallback_ = false;
};

}  // namespace embedlab::text

// WordPiece (BERT): greedy longest-match-first over the vocabulary, continuation pieces
// prefixed with "##"; a word longer than maxInputCharsPerWord, or with any part not in the
// vocabulary, becomes one unknown token (internal to core/text).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/text/model.h"

namespace embedlab::text {

class WordPieceModel : public Model {
 public:
  /// `vocab[i]` is the token with id i. Throws Error when `unknownToken` is not in it.
  WordPieceModel(std::vector<std::string> vocab, std::string unknownToken,
                 std::string continuationPrefix = "##", std::size_t maxInputCharsPerWord = 100);

  void tokenize(const NormalizedText& word, std::vector<Token>& out) const override;
  std::optional<std::int64_t> tokenToId(std::string_view token) const override;
  std::optional<std::string> idToToken(std::int64_t id) const override;
  std::size_t vocabSize() const override { return vocab_.size(); }

 private:
  std::vector<std::string> vocab_;
  std::unordered_map<std::string, std::int64_t> ids_;
  std::string unknownToken_;
  std::int64_t unknownId_ = 0;
  std::string prefix_;
  std::size_t maxInputCharsPerWord_;
};

}  // namespace embedlab::text

// Added tokens ([CLS], <mask>, user-added words): found in the text before the model sees it, as
// Hugging Face does (internal to core/text). Tokens marked `normalized: false` are matched in the
// raw text (leftmost, longest first), the others in the normalized text; each match becomes one
// token, and the text between matches goes through the normal pipeline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text/normalized_text.h"

namespace embedlab::text {

struct AddedToken {
  std::string content;
  std::int64_t id = 0;
  bool singleWord = false;  ///< only when not inside a word
  bool lstrip = false;      ///< the match swallows whitespace on its left
  bool rstrip = false;      ///< ... and on its right
  bool normalized = false;  ///< matched after normalization instead of in the raw text
  bool special = false;
};

/// One part of a text: an added-token match, or text for the model.
struct AddedSplit {
  std::size_t begin = 0;  ///< characters [begin, end) of the text that was split
  std::size_t end = 0;
  std::optional<std::int64_t> tokenId;
};

class AddedVocabulary {
 public:
  AddedVocabulary() = default;
  /// `normalize` turns the content of `normalized` tokens into the form they are matched in.
  template <typename Normalize>
  AddedVocabulary(std::vector<AddedToken> tokens, Normalize normalize)
      : tokens_(std::move(tokens)) {
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      std::u32string pattern = decode(tokens_[i].content);
      if (tokens_[i].normalized) pattern = normalize(pattern);
      if (pattern.empty()) continue;
      (tokens_[i].normalized ? normalizedPatterns_ : rawPatterns_)
          .push_back({std::move(pattern), i});
      byContent_.emplace(tokens_[i].content, i);
    }
  }

  bool empty() const { return tokens_.empty(); }
  const std::vector<AddedToken>& tokens() const { return tokens_; }
  const AddedToken* find(std::int64_t id) const;
  const AddedToken* find(std::string_view content) const;

  /// Splits raw text at its non-normalized added tokens (`normalized` false) or normalized text
  /// at the normalized ones (`normalized` true). The splits cover the text in order.
  std::vector<AddedSplit> split(std::u32string_view text, bool normalized) const;

 private:
  struct Pattern {
    std::u32string text;
    std::size_t token;  // index in tokens_
  };
  static std::u32string decode(const std::string& utf8);

  std::vector<AddedToken> tokens_;
  std::vector<Pattern> rawPatterns_;
  std::vector<Pattern> normalizedPatterns_;
  std::unordered_map<std::string, std::size_t> byContent_;
};

}  // namespace embedlab::text

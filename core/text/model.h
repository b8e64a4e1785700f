// The tokenization model of a pipeline (internal to core/text): turns one pre-tokenized word into
// vocabulary tokens.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/normalized_text.h"

namespace embedlab::text {

struct Token {
  std::int64_t id = 0;
  std::string text;
  Span span;  ///< original code points
};

class Model {
 public:
  virtual ~Model() = default;
  /// Appends the tokens of `word` to `out`.
  virtual void tokenize(const NormalizedText& word, std::vector<Token>& out) const = 0;
  virtual std::optional<std::int64_t> tokenToId(std::string_view token) const = 0;
  virtual std::optional<std::string> idToToken(std::int64_t id) const = 0;
  virtual std::size_t vocabSize() const = 0;
};

}  // namespace embedlab::text

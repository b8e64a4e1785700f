// Adding the special tokens around the tokenized text(s), as Hugging Face's TemplateProcessing
// does: "[CLS] $A [SEP]" and "[CLS] $A [SEP] $B:1 [SEP]:1" for BERT, "<s> $A </s>" and
// "<s> $A </s> </s> $B </s>" for XLM-R (internal to core/text).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/text/encoding.h"

namespace embedlab::text {

class TemplatePostProcessor {
 public:
  struct Piece {
    bool isSequence = false;  ///< true: $A (sequence 0) or $B (sequence 1)
    int sequence = 0;
    std::vector<std::int64_t> ids;  ///< special token(s), when !isSequence
    std::vector<std::string> tokens;
    std::int64_t typeId = 0;
  };

  TemplatePostProcessor() = default;
  TemplatePostProcessor(std::vector<Piece> single, std::vector<Piece> pair)
      : single_(std::move(single)), pair_(std::move(pair)) {}

  /// True when it adds nothing (no post-processor).
  bool empty() const { return single_.empty() && pair_.empty(); }

  /// Special tokens added to one text, or to a pair.
  std::size_t addedTokens(bool pair) const;

  /// The final encoding of `first` (and `second` for pairs).
  Encoding apply(const Encoding& first, const Encoding* second) const;

 private:
  std::vector<Piece> single_;
  std::vector<Piece> pair_;
};

}  // namespace embedlab::text

// GPT-2's byte-level pre-tokenization (internal to core/text), as Hugging Face's ByteLevel
// pre-tokenizer does it for GPT-2, RoBERTa and ModernBERT: optionally a space before the text,
// a split by GPT-2's regular expression (contractions, letters, digits, other symbols, each with
// one optional leading space, and whitespace runs), then every UTF-8 byte of a piece mapped to
// one printable character (GPT-2's bytes_to_unicode), each byte character keeping the span of
// the character it came from.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/text/pre_tokenizers.h"

namespace embedlab::text {

/// GPT-2's printable character for byte `b`.
char32_t byteCharacter(unsigned char b);

/// The pieces [begin, end) GPT-2's pattern
/// 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+ matches in `text`.
std::vector<std::pair<std::size_t, std::size_t>> splitGpt2(std::u32string_view text);

class ByteLevelPreTokenizer : public PreTokenizer {
 public:
  ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex)
      : addPrefixSpace_(addPrefixSpace), useRegex_(useRegex) {}
  void preTokenize(std::vector<NormalizedText>& pieces) const override;

 private:
  bool addPrefixSpace_;
  bool useRegex_;
};

/// ByteLevel's offset trimming (trim_offsets, in RobertaProcessing or the ByteLevel
/// post-processor): a token's span loses the spaces its text starts or ends with (byte
/// character "Ġ" or whitespace), except the one space add_prefix_space put before the first
/// token.
void trimByteLevelOffsets(const std::vector<std::string>& tokens,
                          std::vector<std::pair<std::uint32_t, std::uint32_t>>& offsets,
                          bool addPrefixSpace);

}  // namespace embedlab::text

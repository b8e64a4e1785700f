// The result of tokenizing a text (or a pair of texts): ids and everything a model or a view
// needs next to them. Offsets are [start, end) in Unicode code points of the text the token came
// from (each text of a pair has its own), as Hugging Face's Encoding.offsets; special tokens and
// padding have (0, 0).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace embedlab::text {

struct Encoding {
  std::vector<std::int64_t> ids;
  std::vector<std::int64_t> typeIds;  ///< 0 for the first text, 1 for the second (BERT)
  std::vector<std::string> tokens;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> offsets;
  std::vector<std::int8_t> sequenceIds;  ///< 0 or 1; -1 for special tokens and padding
  std::vector<std::uint8_t> specialTokensMask;
  std::vector<std::uint8_t> attentionMask;  ///< 1 for tokens, 0 for padding

  std::size_t size() const { return ids.size(); }

  /// Appends one token.
  void push(std::int64_t id, std::string token, std::pair<std::uint32_t, std::uint32_t> offset,
            std::int64_t typeId, std::int8_t sequenceId, bool special) {
    ids.push_back(id);
    tokens.push_back(std::move(token));
    offsets.push_back(offset);
    typeIds.push_back(typeId);
    sequenceIds.push_back(sequenceId);
    specialTokensMask.push_back(special ? 1 : 0);
    attentionMask.push_back(1);
  }

  /// Keeps the first `length` tokens.
  void truncate(std::size_t length);
};

/// How to shorten inputs longer than maxLength (counted with the special tokens added).
enum class TruncationStrategy {
  LongestFirst,  ///< remove from the longer text of a pair, one token at a time
  OnlyFirst,
  OnlySecond,  ///< cross-encoders: keep the query whole, cut the passage
};

struct TruncationOptions {
  std::size_t maxLength = 0;  ///< 0: no truncation
  TruncationStrategy strategy = TruncationStrategy::LongestFirst;
  /// Pairs: the first text is cut to this many tokens before `strategy` applies (0: no limit);
  /// a cross-encoder's query_max_len, so that OnlySecond never meets a query longer than all.
  std::size_t firstMaxLength = 0;
};

/// Pads every encoding to the longest one (or to `length` when given, which must not be
/// shorter), with `padId`, type id 0, offsets (0, 0) and attention mask 0, on the right.
void padEncodings(std::vector<Encoding>& encodings, std::int64_t padId,
                  std::optional<std::size_t> length = std::nullopt,
                  const std::string& padToken = "[PAD]");

}  // namespace embedlab::text

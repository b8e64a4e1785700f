// SentencePiece's compiled normalization rules (the `precompiled_charsmap` of XLM-R-style
// tokenizer.json files: NFKC and more, as a double-array trie from UTF-8 byte sequences to
// replacement strings), applied as Hugging Face's Precompiled normalizer applies them (internal to
// core/text): grapheme cluster by grapheme cluster; a cluster shorter than 6 bytes is looked up
// whole and replaced by the replacement of its *first* (shortest) matching prefix (what follows
// the prefix in the cluster is dropped); otherwise, or without a match, character by character.
// HF notes this is what matches SentencePiece on XNLI.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/normalizers.h"

namespace embedlab::text {

class PrecompiledNormalizer : public Normalizer {
 public:
  /// `charsmap`: the decoded blob: [u32 trie size in bytes][trie units][NUL-separated strings].
  /// Throws Error when it is malformed.
  explicit PrecompiledNormalizer(std::string charsmap);
  void normalize(NormalizedText& text) const override;

  /// The replacement for `utf8` by its shortest matching prefix, if any (for tests).
  std::optional<std::string_view> replacement(std::string_view utf8) const;

 private:
  std::vector<std::uint32_t> units_;
  std::string strings_;
};

/// Decodes standard base64 (RFC 4648, with padding); throws Error on invalid input.
std::string decodeBase64(std::string_view text);

}  // namespace embedlab::text

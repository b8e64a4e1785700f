// Text being normalized, with the alignment back to the original (internal to core/text).
//
// Every normalized character remembers the range of original code points it came from, so that
// tokens can report offsets into the text the user gave, as Hugging Face does: a character that
// a normalizer expands (NFD, lowercase "İ" -> "i̇") gives every piece its own range; an inserted
// character takes the range of the character before it; a removed character disappears, and a
// token spanning it reaches from its first character's start to its last character's end.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace embedlab::text {

/// [start, end) in code points of the original text.
using Span = std::pair<std::uint32_t, std::uint32_t>;

struct NormalizedText {
  std::u32string chars;     ///< the normalized text
  std::vector<Span> spans;  ///< spans[i]: original range of chars[i]
  std::uint32_t base = 0;   ///< where this text starts in the whole original text

  /// The text as given, each character spanning itself, shifted by `base` (the position of this
  /// piece in the whole original text).
  static NormalizedText original(std::u32string_view text, std::uint32_t base = 0) {
    NormalizedText result;
    result.base = base;
    result.chars.assign(text.begin(), text.end());
    result.spans.reserve(text.size());
    for (std::uint32_t i = 0; i < text.size(); ++i)
      result.spans.emplace_back(base + i, base + i + 1);
    return result;
  }

  std::size_t size() const { return chars.size(); }
  bool empty() const { return chars.empty(); }

  /// Appends `c` with the span `span`.
  void push(char32_t c, Span span) {
    chars.push_back(c);
    spans.push_back(span);
  }

  /// Original span of normalized characters [begin, end): first start to last end.
  Span spanOf(std::size_t begin, std::size_t end) const {
    return {spans[begin].first, spans[end - 1].second};
  }

  /// The part [begin, end), with its spans.
  NormalizedText slice(std::size_t begin, std::size_t end) const {
    NormalizedText part;
    part.base = base;
    part.chars = chars.substr(begin, end - begin);
    part.spans.assign(spans.begin() + static_cast<std::ptrdiff_t>(begin),
                      spans.begin() + static_cast<std::ptrdiff_t>(end));
    return part;
  }
};

/// A new character and how it relates to the old ones, as in Hugging Face's
/// NormalizedString::transform: 0 replaces the next old character (and takes its span), -n
/// replaces it and removes the n after it, +n (any positive value) is inserted and takes the span
/// of the old character before the current position (an empty span at the start).
struct Change {
  char32_t c;
  int change;
};

/// Rewrites `text` with `changes`, after dropping `initialRemoved` old characters at its start.
/// Reproduces HF's alignment rules exactly, quirks included (the Precompiled normalizer relies on
/// them).
void transform(NormalizedText& text, const std::vector<Change>& changes,
               std::size_t initialRemoved = 0);

}  // namespace embedlab::text

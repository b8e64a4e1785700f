#include "core/text/precompiled_normalizer.h"

#include <unicode/ubrk.h>
#include <unicode/utf16.h>

#include <array>
#include <cstring>
#include <memory>

#include "core/common/error.h"
#include "core/text/unicode_properties.h"

namespace embedlab::text {

namespace {

// Fields of a darts-clone double-array unit.
bool hasLeaf(std::uint32_t unit) {
  return ((unit >> 8) & 1U) == 1U;
}
std::uint32_t value(std::uint32_t unit) {
  return unit & ((1U << 31) - 1);
}
std::uint32_t label(std::uint32_t unit) {
  return unit & ((1U << 31) | 0xFFU);
}
std::uint32_t offset(std::uint32_t unit) {
  return (unit >> 10) << ((unit & (1U << 9)) >> 6);
}

// Extended grapheme clusters of `text` as [begin, end) code point ranges (ICU's rules).
std::vector<std::pair<std::size_t, std::size_t>> graphemes(const std::u32string& text) {
  std::vector<UChar> utf16;
  std::vector<std::size_t> charAt;  // utf16 index -> code point index
  utf16.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    UChar units[2];
    int length = 0;
    U16_APPEND_UNSAFE(units, length, static_cast<UChar32>(text[i]));
    for (int k = 0; k < length; ++k) {
      utf16.push_back(units[k]);
      charAt.push_back(i);
    }
  }
  charAt.push_back(text.size());
  std::vector<std::pair<std::size_t, std::size_t>> clusters;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UBreakIterator, decltype(&ubrk_close)> breaks(
      ubrk_open(UBRK_CHARACTER, "", utf16.data(), static_cast<int32_t>(utf16.size()), &status),
      &ubrk_close);
  if (U_FAILURE(status)) {  // fall back to one cluster per character
    for (std::size_t i = 0; i < text.size(); ++i)
      clusters.emplace_back(i, i + 1);
    return clusters;
  }
  int32_t start = ubrk_first(breaks.get());
  for (int32_t end = ubrk_next(breaks.get()); end != UBRK_DONE;
       start = end, end = ubrk_next(breaks.get())) {
    clusters.emplace_back(charAt[static_cast<std::size_t>(start)],
                          charAt[static_cast<std::size_t>(end)]);
  }
  return clusters;
}

// Appends the changes that replace `oldCount` characters by `replacement`, as tokenizers 0.22
// does: the new characters replace old ones one for one; extra new ones are inserted (they take
// the span of the last replaced one); missing ones are removed after the last new character, or
// after the previous change when the replacement is empty. With no previous change (deleted
// characters at the very start) nothing consumes them, so later spans shift: HF's behaviour,
// reproduced on purpose.
void pushReplacement(std::string_view replacement, std::size_t oldCount,
                     std::vector<Change>& changes) {
  const std::u32string chars = unicode::decodeUtf8(replacement);
  for (const char32_t c : chars)
    changes.push_back({c, 0});
  const int difference = static_cast<int>(chars.size()) - static_cast<int>(oldCount);
  if (difference > 0) {
    for (std::size_t k = changes.size() - static_cast<std::size_t>(difference); k < changes.size();
         ++k) {
      changes[k].change = 1;
    }
  } else if (difference < 0 && !changes.empty()) {
    changes.back().change += difference;
  }
}

}  // namespace

PrecompiledNormalizer::PrecompiledNormalizer(std::string charsmap) {
  if (charsmap.size() < 4) throw Error("precompiled_charsmap is too short");
  std::uint32_t trieBytes = 0;
  std::memcpy(&trieBytes, charsmap.data(), 4);
  if (trieBytes % 4 != 0 || trieBytes == 0 ||
      4 + static_cast<std::size_t>(trieBytes) > charsmap.size()) {
    throw Error("precompiled_charsmap has an invalid trie size");
  }
  units_.resize(trieBytes / 4);
  std::memcpy(units_.data(), charsmap.data() + 4, trieBytes);
  strings_ = charsmap.substr(4 + trieBytes);
}

std::optional<std::string_view> PrecompiledNormalizer::replacement(std::string_view utf8) const {
  std::size_t node = 0;
  std::uint32_t unit = units_[node];
  node ^= offset(unit);
  for (const char byte : utf8) {
    const auto c = static_cast<unsigned char>(byte);
    if (c == 0) break;
    node ^= c;
    if (node >= units_.size()) return std::nullopt;
    unit = units_[node];
    if (label(unit) != c) return std::nullopt;
    node ^= offset(unit);
    if (node >= units_.size()) return std::nullopt;
    if (hasLeaf(unit)) {
      // The first (shortest) match is the one used.
      const std::size_t start = value(units_[node]);
      if (start >= strings_.size()) return std::nullopt;
      const std::size_t end = strings_.find('\0', start);
      return std::string_view(strings_).substr(
          start, (end == std::string::npos ? strings_.size() : end) - start);
    }
  }
  return std::nullopt;
}

void PrecompiledNormalizer::normalize(NormalizedText& text) const {
  std::vector<Change> changes;
  changes.reserve(text.size());
  bool modified = false;
  std::string utf8;
  for (const auto& [begin, end] : graphemes(text.chars)) {
    utf8.clear();
    for (std::size_t i = begin; i < end; ++i)
      unicode::appendUtf8(text.chars[i], utf8);
    if (utf8.size() < 6) {
      if (const auto replaced = replacement(utf8)) {
        modified = true;
        pushReplacement(*replaced, end - begin, changes);
        continue;
      }
    }
    for (std::size_t i = begin; i < end; ++i) {
      utf8.clear();
      unicode::appendUtf8(text.chars[i], utf8);
      if (const auto replaced = replacement(utf8)) {
        modified = true;
        pushReplacement(*replaced, 1, changes);
      } else {
        changes.push_back({text.chars[i], 0});
      }
    }
  }
  if (modified) transform(text, changes);
}

std::string decodeBase64(std::string_view text) {
  static const auto table = [] {
    std::array<int, 256> values{};
    values.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
      values[static_cast<unsigned char>(alphabet[i])] = i;
    return values;
  }();
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=') break;
    if (c == '\n' || c == '\r') continue;
    const int v = table[static_cast<unsigned char>(c)];
    if (v < 0) throw Error("invalid base64 character in precompiled_charsmap");
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

std::unique_ptr<Normalizer> makePrecompiledNormalizer(const std::string& base64,
                                                      const std::string& file) {
  try {
    return std::make_unique<PrecompiledNormalizer>(decodeBase64(base64));
  } catch (const Error& error) {
    throw InputError(file, std::string("the Precompiled normalizer's charsmap: ") + error.what());
  }
}

}  // namespace embedlab::text

// UTF-8 checks used by every text reader: users' files are sometimes Latin-1 or cut mid-character.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace embedlab::utf8 {

/// Byte offset of the first byte that does not start a valid UTF-8 sequence (overlong forms,
/// surrogates and code points above U+10FFFF are invalid), or nullopt when `text` is valid.
std::optional<std::size_t> firstInvalidByte(std::string_view text);

/// Number of Unicode code points in valid UTF-8 `text` (the "length in characters" users see).
std::size_t codePointCount(std::string_view text);

/// True when `text` starts with the UTF-8 byte-order mark EF BB BF.
inline bool startsWithBom(std::string_view text) {
  return text.size() >= 3 && text[0] == '\xEF' && text[1] == '\xBB' && text[2] == '\xBF';
}

}  // namespace embedlab::utf8

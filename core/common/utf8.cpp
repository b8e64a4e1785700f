#include "core/common/utf8.h"

#include <simdjson.h>

namespace embedlab::utf8 {

namespace {

// Length of the sequence starting at text[i], or 0 when it is not a valid sequence.
std::size_t validSequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    return 1;
  }
  std::size_t length = 0;
  unsigned char low = 0x80;  // allowed range of the second byte (rules out overlong/surrogates)
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) {
    return 0;
  }
  if (byte(i + 1) < low || byte(i + 1) > high) {
    return 0;
  }
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return length;
}

}  // namespace

std::optional<std::size_t> firstInvalidByte(std::string_view text) {
  if (simdjson::validate_utf8(text.data(), text.size())) {
    return std::nullopt;  // the common case, checked at SIMD speed
  }
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = validSequenceLength(text, i);
    if (length == 0) {
      return i;
    }
    i += length;
  }
  return std::nullopt;
}

std::size_t codePointCount(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    count += static_cast<std::size_t>((static_cast<unsigned char>(c) & 0xC0) != 0x80);
  }
  return count;
}

}  // namespace embedlab::utf8

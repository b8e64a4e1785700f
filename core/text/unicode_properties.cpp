#include "core/text/unicode_properties.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <array>

namespace embedlab::text::unicode {

namespace {

enum Flag : std::uint8_t {
  kWhitespace = 1,
  kOther = 2,
  kPunctuation = 4,
  kMarkNonspacing = 8,
  kMark = 16,
};

// Whether `c` was assigned by Unicode 9.0, the version of the tables of HF's normalization crate
// (unassigned code points count as old: they have no properties either way).
bool inUnicode9(char32_t c) {
  UVersionInfo age;
  u_charAge(static_cast<UChar32>(c), age);
  return age[0] <= 9;
}

// General category as HF's Unicode 8.0 tables have it: characters assigned later are unassigned.
std::int8_t category(char32_t c) {
  UVersionInfo age;
  u_charAge(static_cast<UChar32>(c), age);
  if (age[0] > 8) {
    return U_UNASSIGNED;
  }
  return u_charType(static_cast<UChar32>(c));
}

std::uint8_t computeFlags(char32_t c) {
  std::uint8_t flags = 0;
  if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_WHITE_SPACE)) flags |= kWhitespace;
  switch (category(c)) {
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE: flags |= kOther; break;
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION: flags |= kPunctuation; break;
    case U_NON_SPACING_MARK: flags |= kMarkNonspacing; break;
    default: break;
  }
  if ((U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0 && inUnicode9(c)) flags |= kMark;
  return flags;
}

// Flags of the Basic Multilingual Plane, computed once (ICU lookups cost ~50 ns each).
const std::array<std::uint8_t, 0x10000>& bmpFlags() {
  static const std::array<std::uint8_t, 0x10000> table = [] {
    std::array<std::uint8_t, 0x10000> flags{};
    for (char32_t c = 0; c < 0x10000; ++c)
      flags[c] = computeFlags(c);
    return flags;
  }();
  return table;
}

std::uint8_t flagsOf(char32_t c) {
  return c < 0x10000 ? bmpFlags()[c] : computeFlags(c);
}

// `c` as UTF-16 for ICU's string functions.
int toUtf16(char32_t c, UChar (&buffer)[2]) {
  int length = 0;
  UBool error = false;
  U16_APPEND(buffer, length, 2, static_cast<UChar32>(c), error);
  return error ? 0 : length;
}

void appendUtf16(const UChar* text, int length, std::u32string& out) {
  for (int i = 0; i < length;) {
    UChar32 c = 0;
    U16_NEXT(text, i, length, c);
    out.push_back(static_cast<char32_t>(c));
  }
}

}  // namespace

bool isWhitespace(char32_t c) {
  return (flagsOf(c) & kWhitespace) != 0;
}
bool isOther(char32_t c) {
  return (flagsOf(c) & kOther) != 0;
}
bool isPunctuation(char32_t c) {
  return (flagsOf(c) & kPunctuation) != 0;
}
bool isLetter(char32_t c) {
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_L_MASK) != 0;
}
bool isNumber(char32_t c) {
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_N_MASK) != 0;
}
bool isMarkNonspacing(char32_t c) {
  return (flagsOf(c) & kMarkNonspacing) != 0;
}

bool isMark(char32_t c) {
  return (flagsOf(c) & kMark) != 0;
}

bool isChineseCharacter(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
         (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

std::uint8_t combiningClass(char32_t c) {
  if (c < 0x300) return 0;
  const std::uint8_t ccc = u_getCombiningClass(static_cast<UChar32>(c));
  return ccc != 0 && inUnicode9(c) ? ccc : 0;
}

void appendDecomposition(char32_t c, std::u32string& out, bool compatibility) {
  // Nothing below U+00A0 decomposes, nothing below U+00C0 canonically.
  if (c < (compatibility ? 0xA0U : 0xC0U)) {
    out.push_back(c);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  static const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
  status = U_ZERO_ERROR;
  static const UNormalizer2* nfkc = unorm2_getNFKCInstance(&status);
  const UNormalizer2* data = compatibility ? nfkc : nfc;
  UChar mapping[32];
  status = U_ZERO_ERROR;
  const int length = data == nullptr ? -1
                                     : unorm2_getRawDecomposition(data, static_cast<UChar32>(c),
                                                                  mapping, 32, &status);
  if (U_FAILURE(status) || length < 0 || !inUnicode9(c)) {
    out.push_back(c);
    return;
  }
  // The raw (one-step) mapping, each of its characters decomposed in turn, as the crate's tables.
  std::u32string parts;
  appendUtf16(mapping, length, parts);
  for (const char32_t part : parts)
    appendDecomposition(part, out, compatibility);
}

char32_t compose(char32_t a, char32_t b) {
  if (a < 0x80 && b < 0x80) return 0;  // no two ASCII characters compose
  UErrorCode status = U_ZERO_ERROR;
  static const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
  if (nfc == nullptr) return 0;
  const UChar32 composite =
      unorm2_composePair(nfc, static_cast<UChar32>(a), static_cast<UChar32>(b));
  if (composite < 0) return 0;
  const auto result = static_cast<char32_t>(composite);
  return inUnicode9(a) && inUnicode9(b) && inUnicode9(result) ? result : 0;
}

void appendLowercase(char32_t c, std::u32string& out) {
  if (c < 0x80) {
    out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return;
  }
  UChar input[2] = {0, 0};
  const int inputLength = toUtf16(c, input);
  UChar output[16];
  UErrorCode status = U_ZERO_ERROR;
  const int length = u_strToLower(output, 16, input, inputLength, "", &status);
  if (U_FAILURE(status) || inputLength == 0) {
    out.push_back(c);
    return;
  }
  appendUtf16(output, length, out);
}

std::u32string decodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  const auto byte = [&](std::size_t k) {
    return static_cast<char32_t>(static_cast<unsigned char>(text[k]));
  };
  const auto continuation = [&](std::size_t k) {
    return k < text.size() && (byte(k) & 0xC0) == 0x80;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t lead = byte(i);
    if (lead < 0x80) {
      out.push_back(lead);
      ++i;
    } else if (lead >= 0xC2 && lead <= 0xDF && continuation(i + 1)) {
      out.push_back(((lead & 0x1F) << 6) | (byte(i + 1) & 0x3F));
      i += 2;
    } else if (lead >= 0xE0 && lead <= 0xEF && continuation(i + 1) && continuation(i + 2)) {
      out.push_back(((lead & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F));
      i += 3;
    } else if (lead >= 0xF0 && lead <= 0xF4 && continuation(i + 1) && continuation(i + 2) &&
               continuation(i + 3)) {
      out.push_back(((lead & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) |
                    ((byte(i + 2) & 0x3F) << 6) | (byte(i + 3) & 0x3F));
      i += 4;
    } else {
      out.push_back(0xFFFD);  // not UTF-8: one replacement character per bad byte
      ++i;
    }
  }
  return out;
}

void appendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string encodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char32_t c : text)
    appendUtf8(c, out);
  return out;
}

}  // namespace embedlab::text::unicode

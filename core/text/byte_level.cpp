#include "core/text/byte_level.h"

#include <array>

#include "core/text/unicode_properties.h"

namespace embedlab::text {

namespace {

// GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the others for
// U+0100 onwards, in byte order.
const std::array<char32_t, 256>& byteCharacters() {
  static const std::array<char32_t, 256> table = [] {
    std::array<char32_t, 256> result{};
    const auto printable = [](int b) {
      return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    };
    char32_t next = 0x100;
    for (int b = 0; b < 256; ++b)
      result[static_cast<std::size_t>(b)] = printable(b) ? static_cast<char32_t>(b) : next++;
    return result;
  }();
  return table;
}

constexpr char32_t kSpaceCharacter = 0x120;  // "Ġ", the byte character of ' '

bool isOtherSymbol(char32_t c) {
  return !unicode::isWhitespace(c) && !unicode::isLetter(c) && !unicode::isNumber(c);
}

// The end of the contraction ('s, 't, 're, 've, 'm, 'll, 'd) at `pos`, or 0.
std::size_t contractionEnd(std::u32string_view text, std::size_t pos) {
  if (text[pos] != U'\'') return 0;
  for (const std::u32string_view suffix : {U"s", U"t", U"re", U"ve", U"m", U"ll", U"d"}) {
    if (text.substr(pos + 1, suffix.size()) == suffix) return pos + 1 + suffix.size();
  }
  return 0;
}

}  // namespace

char32_t byteCharacter(unsigned char b) {
  return byteCharacters()[b];
}

std::vector<std::pair<std::size_t, std::size_t>> splitGpt2(std::u32string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> pieces;
  const std::size_t n = text.size();
  std::size_t pos = 0;
  while (pos < n) {
    std::size_t end = contractionEnd(text, pos);
    if (end == 0) {
      // " ?\p{L}+", " ?\p{N}+", " ?[^\s\p{L}\p{N}]+": one class after at most one space.
      const std::size_t first = pos + (text[pos] == U' ' ? 1 : 0);
      for (bool (*inClass)(char32_t) : {&unicode::isLetter, &unicode::isNumber, &isOtherSymbol}) {
        if (first < n && inClass(text[first])) {
          end = first;
          while (end < n && inClass(text[end]))
            ++end;
          break;
        }
      }
    }
    if (end == 0) {
      // "\s+(?!\S)|\s+": a whitespace run leaves its last character to the word after it.
      end = pos;
      while (end < n && unicode::isWhitespace(text[end]))
        ++end;
      if (end < n && end - pos >= 2) --end;
    }
    pieces.emplace_back(pos, end);
    pos = end;
  }
  return pieces;
}

void ByteLevelPreTokenizer::preTokenize(std::vector<NormalizedText>& pieces) const {
  std::vector<NormalizedText> result;
  for (NormalizedText& piece : pieces) {
    if (addPrefixSpace_ && !piece.empty() && piece.chars.front() != U' ') {
      // As HF's NormalizedString::prepend: the space takes the first character's place and span,
      // the first character is inserted after it with the same span.
      std::vector<Change> changes{{U' ', 0}, {piece.chars.front(), 1}};
      for (std::size_t i = 1; i < piece.size(); ++i)
        changes.push_back({piece.chars[i], 0});
      transform(piece, changes);
    }
    std::vector<std::pair<std::size_t, std::size_t>> parts;
    if (useRegex_) {
      parts = splitGpt2(piece.chars);
    } else if (!piece.empty()) {
      parts.emplace_back(0, piece.size());
    }
    for (const auto& [begin, end] : parts) {
      NormalizedText part = piece.slice(begin, end);
      std::vector<Change> changes;
      std::string bytes;
      for (const char32_t c : part.chars) {
        bytes.clear();
        unicode::appendUtf8(c, bytes);
        for (std::size_t b = 0; b < bytes.size(); ++b)
          changes.push_back({byteCharacter(static_cast<unsigned char>(bytes[b])), b > 0 ? 1 : 0});
      }
      transform(part, changes);
      result.push_back(std::move(part));
    }
  }
  pieces = std::move(result);
}

void trimByteLevelOffsets(const std::vector<std::string>& tokens,
                          std::vector<std::pair<std::uint32_t, std::uint32_t>>& offsets,
                          bool addPrefixSpace) {
  const auto isSpace = [](char32_t c) { return c == kSpaceCharacter || unicode::isWhitespace(c); };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::u32string token = unicode::decodeUtf8(tokens[i]);
    std::uint32_t leading = 0;
    while (leading < token.size() && isSpace(token[leading]))
      ++leading;
    std::uint32_t trailing = 0;
    while (trailing < token.size() && isSpace(token[token.size() - 1 - trailing]))
      ++trailing;
    auto& [start, end] = offsets[i];
    if (leading > 0) {
      const bool first = i == 0 || start == 0;
      if (!(first && addPrefixSpace && leading == 1)) start = std::min(start + leading, end);
    }
    if (trailing > 0 && end >= trailing) end = std::max(end - trailing, start);
  }
}

}  // namespace embedlab::text

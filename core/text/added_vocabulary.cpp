#include "core/text/added_vocabulary.h"

#include <unicode/uchar.h>

#include "core/text/unicode_properties.h"

namespace embedlab::text {

namespace {

bool isWordCharacter(char32_t c) {
  return c == '_' || u_isalnum(static_cast<UChar32>(c)) || u_isalpha(static_cast<UChar32>(c));
}

}  // namespace

std::u32string AddedVocabulary::decode(const std::string& utf8) {
  return unicode::decodeUtf8(utf8);
}

const AddedToken* AddedVocabulary::find(std::int64_t id) const {
  for (const AddedToken& token : tokens_) {
    if (token.id == id) return &token;
  }
  return nullptr;
}

const AddedToken* AddedVocabulary::find(std::string_view content) const {
  const auto found = byContent_.find(std::string(content));
  return found == byContent_.end() ? nullptr : &tokens_[found->second];
}

std::vector<AddedSplit> AddedVocabulary::split(std::u32string_view text, bool normalized) const {
  const std::vector<Pattern>& patterns = normalized ? normalizedPatterns_ : rawPatterns_;
  std::vector<AddedSplit> splits;
  std::size_t consumed = 0;  // end of the last split
  std::size_t position = 0;
  while (position < text.size() && !patterns.empty()) {
    // Leftmost-longest: the longest pattern that matches at the first position any matches.
    const Pattern* best = nullptr;
    for (const Pattern& pattern : patterns) {
      if (pattern.text.size() <= text.size() - position &&
          text.compare(position, pattern.text.size(), pattern.text) == 0 &&
          (best == nullptr || pattern.text.size() > best->text.size())) {
        best = &pattern;
      }
    }
    if (best == nullptr) {
      ++position;
      continue;
    }
    const AddedToken& token = tokens_[best->token];
    std::size_t start = position;
    std::size_t stop = position + best->text.size();
    if (token.singleWord) {
      const bool wordBefore = start > 0 && isWordCharacter(text[start - 1]);
      const bool wordAfter = stop < text.size() && isWordCharacter(text[stop]);
      if (wordBefore || wordAfter) {
        position = stop;  // not a word of its own here; matching resumes after it, as in HF
        continue;
      }
    }
    if (token.lstrip) {
      while (start > consumed && unicode::isWhitespace(text[start - 1]))
        --start;
    }
    if (token.rstrip) {
      while (stop < text.size() && unicode::isWhitespace(text[stop]))
        ++stop;
    }
    if (consumed < start) splits.push_back({consumed, start, std::nullopt});
    splits.push_back({start, stop, token.id});
    consumed = stop;
    position = stop;
  }
  if (consumed < text.size() || splits.empty()) {
    splits.push_back({consumed, text.size(), std::nullopt});
  }
  return splits;
}

}  // namespace embedlab::text

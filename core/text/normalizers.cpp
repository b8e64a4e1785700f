#include "core/text/normalizers.h"

#include <algorithm>

#include "core/text/unicode_properties.h"

namespace embedlab::text {

namespace {

// Keeps the characters `keep` accepts; a kept character keeps its own span.
template <typename Keep>
void filter(NormalizedText& text, Keep keep) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (keep(text.chars[i])) {
      text.chars[out] = text.chars[i];
      text.spans[out] = text.spans[i];
      ++out;
    }
  }
  text.chars.resize(out);
  text.spans.resize(out);
}

// Replaces every character by the characters `expand` appends; all of them take its span.
template <typename Expand>
void expandEach(NormalizedText& text, Expand expand) {
  NormalizedText result;
  result.chars.reserve(text.size());
  result.spans.reserve(text.size());
  std::u32string pieces;
  for (std::size_t i = 0; i < text.size(); ++i) {
    pieces.clear();
    expand(text.chars[i], pieces);
    for (const char32_t c : pieces)
      result.push(c, text.spans[i]);
  }
  text = std::move(result);
}

void cleanText(NormalizedText& text) {
  filter(text, [](char32_t c) {
    const bool lineOrTab = c == '\t' || c == '\n' || c == '\r';
    return !(c == 0 || c == 0xFFFD || (!lineOrTab && unicode::isOther(c)));
  });
  for (char32_t& c : text.chars) {
    if (c == '\t' || c == '\n' || c == '\r' || unicode::isWhitespace(c)) c = ' ';
  }
}

void spaceChineseCharacters(NormalizedText& text) {
  NormalizedText result;
  result.chars.reserve(text.size());
  result.spans.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text.chars[i];
    if (unicode::isChineseCharacter(c)) {
      // The inserted spaces take the span of the character before them, as in HF.
      result.push(' ', result.empty() ? Span{0, 0} : result.spans.back());
      result.push(c, text.spans[i]);
      result.push(' ', text.spans[i]);
    } else {
      result.push(c, text.spans[i]);
    }
  }
  text = std::move(result);
}

}  // namespace

void NfdNormalizer::normalize(NormalizedText& text) const {
  expandEach(text, [](char32_t c, std::u32string& out) { unicode::appendDecomposition(c, out); });
  // Canonical ordering: within each run of non-starters, sort stably by combining class.
  std::size_t i = 0;
  while (i < text.size()) {
    if (unicode::combiningClass(text.chars[i]) == 0) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && unicode::combiningClass(text.chars[end]) != 0)
      ++end;
    if (end - i > 1) {
      std::vector<std::pair<char32_t, Span>> run;
      for (std::size_t k = i; k < end; ++k)
        run.emplace_back(text.chars[k], text.spans[k]);
      std::stable_sort(run.begin(), run.end(), [](const auto& a, const auto& b) {
        return unicode::combiningClass(a.first) < unicode::combiningClass(b.first);
      });
      for (std::size_t k = i; k < end; ++k) {
        text.chars[k] = run[k - i].first;
        text.spans[k] = run[k - i].second;
      }
    }
    i = end;
  }
}

void StripAccentsNormalizer::normalize(NormalizedText& text) const {
  filter(text, [](char32_t c) { return !unicode::isMarkNonspacing(c); });
}

void LowercaseNormalizer::normalize(NormalizedText& text) const {
  expandEach(text, [](char32_t c, std::u32string& out) { unicode::appendLowercase(c, out); });
}

void BertNormalizer::normalize(NormalizedText& text) const {
  if (options_.cleanText) cleanText(text);
  if (options_.handleChineseChars) spaceChineseCharacters(text);
  if (options_.stripAccents) {
    NfdNormalizer().normalize(text);
    StripAccentsNormalizer().normalize(text);
  }
  if (options_.lowercase) LowercaseNormalizer().normalize(text);
}

void SequenceNormalizer::normalize(NormalizedText& text) const {
  for (const auto& normalizer : normalizers_)
    normalizer->normalize(text);
}

}  // namespace embedlab::text

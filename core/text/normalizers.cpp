#include "core/text/normalizers.h"

#include <algorithm>
#include <optional>
#include <tuple>

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

void UnicodeNormalizer::normalize(NormalizedText& text) const {
  const bool compatibility = form_ == Form::NFKD || form_ == Form::NFKC;
  const bool composition = form_ == Form::NFC || form_ == Form::NFKC;
  // Decomposition, as the crate's Decompositions iterator: every character's pieces, the first with
  // change 0 and the others +1, then each run of non-starters stably sorted by combining class.
  std::vector<Change> decomposed;
  std::vector<std::uint8_t> classes;
  decomposed.reserve(text.size());
  classes.reserve(text.size());
  std::u32string pieces;
  std::size_t runStart = 0;  // first non-starter of the current run
  const auto sortRun = [&](std::size_t end) {
    if (end - runStart < 2) return;
    std::vector<std::pair<std::uint8_t, Change>> run;
    for (std::size_t k = runStart; k < end; ++k)
      run.emplace_back(classes[k], decomposed[k]);
    std::stable_sort(run.begin(), run.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t k = runStart; k < end; ++k)
      std::tie(classes[k], decomposed[k]) = run[k - runStart];
  };
  for (const char32_t c : text.chars) {
    pieces.clear();
    unicode::appendDecomposition(c, pieces, compatibility);
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      const std::uint8_t ccc = unicode::combiningClass(pieces[k]);
      if (ccc == 0) {
        sortRun(decomposed.size());
        runStart = decomposed.size() + 1;
      }
      decomposed.push_back({pieces[k], k == 0 ? 0 : 1});
      classes.push_back(ccc);
    }
  }
  sortRun(decomposed.size());
  if (!composition) {
    transform(text, decomposed);
    return;
  }
  // Canonical composition, as the crate's Recompositions iterator (same order of output, same
  // changes: a composite's change is the sum of its parts' minus one per part joined).
  std::vector<Change> composed;
  composed.reserve(decomposed.size());
  std::optional<Change> composee;
  std::optional<std::uint8_t> lastClass;  // class of the last mark held back, if any
  std::vector<Change> held;               // marks after the composee that did not compose
  for (std::size_t i = 0; i < decomposed.size(); ++i) {
    const Change item = decomposed[i];
    const std::uint8_t ccc = classes[i];
    if (!composee) {
      if (ccc != 0) {
        composed.push_back(item);
      } else {
        composee = item;
      }
      continue;
    }
    if (!lastClass || *lastClass < ccc) {
      if (const char32_t composite = unicode::compose(composee->c, item.c)) {
        composee = Change{composite, composee->change + item.change - 1};
        continue;
      }
    }
    if (ccc == 0) {  // a starter that did not compose: the composee and its marks are done
      composed.push_back(*composee);
      composed.insert(composed.end(), held.begin(), held.end());
      held.clear();
      lastClass.reset();
      composee = item;
      continue;
    }
    held.push_back(item);
    lastClass = ccc;
  }
  if (composee) composed.push_back(*composee);
  composed.insert(composed.end(), held.begin(), held.end());
  transform(text, composed);
}

void StripAccentsNormalizer::normalize(NormalizedText& text) const {
  filter(text, [](char32_t c) { return !unicode::isMark(c); });
}

void LowercaseNormalizer::normalize(NormalizedText& text) const {
  expandEach(text, [](char32_t c, std::u32string& out) { unicode::appendLowercase(c, out); });
}

void BertNormalizer::normalize(NormalizedText& text) const {
  if (options_.cleanText) cleanText(text);
  if (options_.handleChineseChars) spaceChineseCharacters(text);
  if (options_.stripAccents) {
    // HF: nfd(), then drop Mn (unicode_categories' is_mark_nonspacing, not StripAccents' marks).
    UnicodeNormalizer(UnicodeNormalizer::Form::NFD).normalize(text);
    filter(text, [](char32_t c) { return !unicode::isMarkNonspacing(c); });
  }
  if (options_.lowercase) LowercaseNormalizer().normalize(text);
}

void SequenceNormalizer::normalize(NormalizedText& text) const {
  for (const auto& normalizer : normalizers_)
    normalizer->normalize(text);
}

}  // namespace embedlab::text

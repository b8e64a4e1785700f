#include "core/text/pre_tokenizers.h"

#include "core/text/unicode_properties.h"

namespace embedlab::text {

namespace {

enum class Delimiter { Removed, Isolated, MergedWithNext };

// Splits every piece at the characters `isDelimiter` accepts.
template <typename IsDelimiter>
void splitPieces(std::vector<NormalizedText>& pieces, IsDelimiter isDelimiter,
                 Delimiter behaviour) {
  std::vector<NormalizedText> result;
  result.reserve(pieces.size() * 2);
  for (const NormalizedText& piece : pieces) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < piece.size(); ++i) {
      if (!isDelimiter(piece.chars[i])) continue;
      switch (behaviour) {
        case Delimiter::Removed:
          if (start < i) result.push_back(piece.slice(start, i));
          start = i + 1;
          break;
        case Delimiter::Isolated:
          if (start < i) result.push_back(piece.slice(start, i));
          result.push_back(piece.slice(i, i + 1));
          start = i + 1;
          break;
        case Delimiter::MergedWithNext:
          if (start < i) result.push_back(piece.slice(start, i));
          start = i;
          break;
      }
    }
    if (start < piece.size()) result.push_back(piece.slice(start, piece.size()));
  }
  pieces = std::move(result);
}

}  // namespace

void BertPreTokenizer::preTokenize(std::vector<NormalizedText>& pieces) const {
  splitPieces(
      pieces, [](char32_t c) { return unicode::isWhitespace(c); }, Delimiter::Removed);
  splitPieces(
      pieces,
      [](char32_t c) { return unicode::isAsciiPunctuation(c) || unicode::isPunctuation(c); },
      Delimiter::Isolated);
}

void WhitespaceSplitPreTokenizer::preTokenize(std::vector<NormalizedText>& pieces) const {
  splitPieces(
      pieces, [](char32_t c) { return unicode::isWhitespace(c); }, Delimiter::Removed);
}

void MetaspacePreTokenizer::preTokenize(std::vector<NormalizedText>& pieces) const {
  for (NormalizedText& piece : pieces) {
    for (char32_t& c : piece.chars) {
      if (c == ' ') c = replacement_;
    }
    const bool prepend =
        prepend_ == Prepend::Always ||
        (prepend_ == Prepend::First && !piece.empty() && piece.spans.front().first == 0);
    if (prepend && !piece.empty() && piece.chars.front() != replacement_) {
      // The inserted "▁" takes the span of the character it precedes, starting there and
      // ending where it starts (HF gives inserted characters the span of their neighbour).
      piece.chars.insert(piece.chars.begin(), replacement_);
      piece.spans.insert(piece.spans.begin(), piece.spans.front());
    }
  }
  if (split_) {
    const char32_t replacement = replacement_;
    splitPieces(
        pieces, [replacement](char32_t c) { return c == replacement; }, Delimiter::MergedWithNext);
  }
}

void SequencePreTokenizer::preTokenize(std::vector<NormalizedText>& pieces) const {
  for (const auto& step : steps_)
    step->preTokenize(pieces);
}

}  // namespace embedlab::text

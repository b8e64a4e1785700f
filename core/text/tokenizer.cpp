#include "core/text/tokenizer.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/common/parallel_for.h"
#include "core/text/byte_level.h"
#include "core/text/pipeline.h"
#include "core/text/unicode_properties.h"

namespace embedlab::text {

Encoding Pipeline::tokenize(std::string_view text, std::int8_t sequenceId) const {
  const std::u32string original = unicode::decodeUtf8(text);
  std::vector<Token> tokens;
  std::vector<NormalizedText> words;
  // An added token's string is the text it matched, including whitespace lstrip/rstrip took
  // (" <mask>"), as in HF.
  const auto addedToken = [&](std::int64_t id, std::u32string_view matched, Span span) {
    tokens.push_back({id, unicode::encodeUtf8(matched), span});
  };
  for (const AddedSplit& raw : added.split(original, false)) {
    if (raw.tokenId) {
      addedToken(*raw.tokenId, std::u32string_view(original).substr(raw.begin, raw.end - raw.begin),
                 {static_cast<std::uint32_t>(raw.begin), static_cast<std::uint32_t>(raw.end)});
      continue;
    }
    NormalizedText normalized = NormalizedText::original(
        std::u32string_view(original).substr(raw.begin, raw.end - raw.begin),
        static_cast<std::uint32_t>(raw.begin));
    if (normalizer) normalizer->normalize(normalized);
    for (const AddedSplit& part : added.split(normalized.chars, true)) {
      if (part.begin == part.end) continue;
      if (part.tokenId) {
        addedToken(*part.tokenId,
                   std::u32string_view(normalized.chars).substr(part.begin, part.end - part.begin),
                   normalized.spanOf(part.begin, part.end));
        continue;
      }
      words.clear();
      words.push_back(normalized.slice(part.begin, part.end));
      if (preTokenizer) preTokenizer->preTokenize(words);
      for (const NormalizedText& word : words)
        model->tokenize(word, tokens);
    }
  }
  Encoding encoding;
  for (Token& token : tokens) {
    const bool special = added.find(token.id) != nullptr && added.find(token.id)->special;
    encoding.push(token.id, std::move(token.text), token.span, 0, sequenceId, special);
  }
  if (trimOffsets) trimByteLevelOffsets(encoding.tokens, encoding.offsets, trimAddPrefixSpace);
  return encoding;
}

namespace {

void truncatePair(Encoding& first, Encoding* second, std::size_t budget,
                  TruncationStrategy strategy) {
  if (second == nullptr) {
    first.truncate(budget);
    return;
  }
  std::size_t n1 = first.size();
  std::size_t n2 = second->size();
  if (n1 + n2 <= budget) return;
  switch (strategy) {
    case TruncationStrategy::LongestFirst:
      while (n1 + n2 > budget) {
        if (n1 > n2) {
          --n1;
        } else {
          --n2;
        }
      }
      break;
    case TruncationStrategy::OnlyFirst:
      if (n2 > budget) throw UsageError("the second text alone is longer than the maximum length");
      n1 = budget - n2;
      break;
    case TruncationStrategy::OnlySecond:
      if (n1 > budget) throw UsageError("the first text alone is longer than the maximum length");
      n2 = budget - n1;
      break;
  }
  first.truncate(n1);
  second->truncate(n2);
}

Encoding encodeWith(const Pipeline& pipeline, std::string_view first,
                    const std::string_view* second, const TruncationOptions& truncation) {
  Encoding a = pipeline.tokenize(first, 0);
  Encoding b;
  if (second != nullptr) {
    b = pipeline.tokenize(*second, 1);
    if (truncation.firstMaxLength > 0 && a.size() > truncation.firstMaxLength)
      a.truncate(truncation.firstMaxLength);
  }
  if (truncation.maxLength > 0) {
    const std::size_t added = pipeline.postProcessor.addedTokens(second != nullptr);
    const std::size_t budget = truncation.maxLength > added ? truncation.maxLength - added : 0;
    truncatePair(a, second != nullptr ? &b : nullptr, budget, truncation.strategy);
  }
  return pipeline.postProcessor.apply(a, second != nullptr ? &b : nullptr);
}

}  // namespace

Encoding Tokenizer::encode(std::string_view text, const TruncationOptions& truncation) const {
  return encodeWith(*pipeline_, text, nullptr, truncation);
}

Encoding Tokenizer::encodePair(std::string_view first, std::string_view second,
                               const TruncationOptions& truncation) const {
  return encodeWith(*pipeline_, first, &second, truncation);
}

std::vector<Encoding> Tokenizer::encodeBatch(const std::vector<std::string>& texts,
                                             const TruncationOptions& truncation,
                                             unsigned threads) const {
  std::vector<Encoding> encodings(texts.size());
  parallelFor(texts.size(), threads,
              [&](std::size_t i) { encodings[i] = encode(texts[i], truncation); });
  return encodings;
}

std::optional<std::int64_t> Tokenizer::tokenToId(std::string_view token) const {
  if (const AddedToken* added = pipeline_->added.find(token)) return added->id;
  return pipeline_->model->tokenToId(token);
}

std::optional<std::string> Tokenizer::idToToken(std::int64_t id) const {
  if (const AddedToken* added = pipeline_->added.find(id)) return added->content;
  return pipeline_->model->idToToken(id);
}

std::size_t Tokenizer::vocabSize() const {
  std::size_t size = pipeline_->model->vocabSize();
  for (const AddedToken& token : pipeline_->added.tokens()) {
    size = std::max(size, static_cast<std::size_t>(token.id) + 1);
  }
  return size;
}

std::int64_t Tokenizer::padId() const {
  return pipeline_->padId;
}
const std::string& Tokenizer::padToken() const {
  return pipeline_->padToken;
}
const std::string& Tokenizer::modelType() const {
  return pipeline_->modelType;
}
std::size_t Tokenizer::specialTokensAdded(bool pair) const {
  return pipeline_->postProcessor.addedTokens(pair);
}

}  // namespace embedlab::text

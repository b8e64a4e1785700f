#include "core/text/post_processor.h"

namespace embedlab::text {

void Encoding::truncate(std::size_t length) {
  if (length >= size()) return;
  ids.resize(length);
  typeIds.resize(length);
  tokens.resize(length);
  offsets.resize(length);
  sequenceIds.resize(length);
  specialTokensMask.resize(length);
  attentionMask.resize(length);
}

void padEncodings(std::vector<Encoding>& encodings, std::int64_t padId,
                  std::optional<std::size_t> length, const std::string& padToken) {
  std::size_t target = length.value_or(0);
  for (const Encoding& encoding : encodings)
    target = std::max(target, encoding.size());
  for (Encoding& encoding : encodings) {
    while (encoding.size() < target) {
      encoding.push(padId, padToken, {0, 0}, 0, -1, true);
      encoding.attentionMask.back() = 0;
    }
  }
}

std::size_t TemplatePostProcessor::addedTokens(bool pair) const {
  std::size_t count = 0;
  for (const Piece& piece : pair ? pair_ : single_) {
    if (!piece.isSequence) count += piece.ids.size();
  }
  return count;
}

Encoding TemplatePostProcessor::apply(const Encoding& first, const Encoding* second) const {
  const std::vector<Piece>& pieces = second != nullptr ? pair_ : single_;
  Encoding result;
  if (pieces.empty()) {  // no post-processor: the texts as they are
    result = first;
    if (second != nullptr) {
      for (std::size_t i = 0; i < second->size(); ++i) {
        result.push(second->ids[i], second->tokens[i], second->offsets[i], 1, 1,
                    second->specialTokensMask[i] != 0);
      }
    }
    return result;
  }
  for (const Piece& piece : pieces) {
    if (piece.isSequence) {
      const Encoding* source = piece.sequence == 0 ? &first : second;
      if (source == nullptr) continue;
      for (std::size_t i = 0; i < source->size(); ++i) {
        result.push(source->ids[i], source->tokens[i], source->offsets[i], piece.typeId,
                    static_cast<std::int8_t>(piece.sequence), source->specialTokensMask[i] != 0);
      }
    } else {
      for (std::size_t i = 0; i < piece.ids.size(); ++i) {
        result.push(piece.ids[i], piece.tokens[i], {0, 0}, piece.typeId, -1, true);
      }
    }
  }
  return result;
}

}  // namespace embedlab::text

// Masked-language-model inputs from tokenized texts: which tokens the model must predict, and what
// it sees in their place. BERT's recipe, as transformers' DataCollatorForLanguageModeling applies
// it: each non-special token is chosen with probability p (15%); a chosen token becomes the mask
// token 80% of the time, a uniformly random vocabulary id 10%, and stays itself 10%; the labels
// hold the original ids of chosen tokens and -100 (ignored) elsewhere. Whole-word masking
// chooses words instead of tokens (each word with probability p, all its tokens together), as
// DataCollatorForWholeWordMask does, so the model cannot fill half a word from its other half.
// RetroMAE's encoder uses the same recipe with p about 0.3.
//
// The choice is a pure function of (seed, example, draw), where the trainer's draw is the step:
// masks are the same for any worker count or resume point, and differ each time a text comes
// back (dynamic masking).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "core/text/encoding.h"

namespace embedlab::pretrain {

/// What ignores a position in the loss (PyTorch's cross_entropy ignore_index).
inline constexpr std::int64_t kIgnoredLabel = -100;

struct MaskingOptions {
  double probability = 0.15;  ///< chance that a token (or a word) is chosen
  double maskShare = 0.8;     ///< of the chosen: replaced by the mask token
  double randomShare = 0.1;   ///< of the chosen: replaced by a random id; the rest stay
  bool wholeWord = false;     ///< choose whole words (wordIndices) instead of tokens
};

struct MaskedTokens {
  std::vector<std::int64_t> inputIds;  ///< what the model reads
  std::vector<std::int64_t> labels;    ///< the original id where chosen, else kIgnoredLabel
};

/// The word each token belongs to (0, 1, 2, ... in order); special tokens are words of their own.
/// A WordPiece token starting with "##" continues the previous word; with SentencePiece or
/// byte-level tokens ("▁word", "Ġword"), a token without the marker that touches the previous
/// token (no character between their offsets) continues it.
std::vector<std::size_t> wordIndices(const text::Encoding& encoding);

/// The generator every masking draw of (seed, example, draw) starts from.
std::mt19937_64 maskingGenerator(std::uint64_t seed, std::uint64_t example, std::uint64_t draw);

/// Which tokens are chosen, each (or each word, with `wholeWord`) with `probability`; padding and
/// special tokens never are.
std::vector<bool> chooseTokens(const text::Encoding& encoding, double probability, bool wholeWord,
                               std::mt19937_64& random);

/// The masked inputs of `encoding` (padding and special tokens are never chosen).
/// `vocabularySize` bounds the random replacements; `example` and `draw` select the draw.
MaskedTokens maskTokens(const text::Encoding& encoding, const MaskingOptions& options,
                        std::int64_t maskTokenId, std::int64_t vocabularySize, std::uint64_t seed,
                        std::uint64_t example, std::uint64_t draw);

}  // namespace embedlab::pretrain

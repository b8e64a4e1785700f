#include "core/pretrain/retromae_masks.h"

#include <algorithm>

#include "core/pretrain/token_masking.h"

namespace embedlab::pretrain {

DecoderInputs decoderInputs(const text::Encoding& encoding, double probability, bool wholeWord,
                            std::uint64_t seed, std::uint64_t example, std::uint64_t draw) {
  const std::size_t n = encoding.size();
  const auto real = [&](std::size_t i) {
    return encoding.attentionMask.empty() || encoding.attentionMask[i] != 0;
  };
  std::size_t realTokens = 0;
  for (std::size_t i = 0; i < n; ++i)
    realTokens += real(i) ? 1 : 0;

  DecoderInputs inputs;
  inputs.labels.assign(n, kIgnoredLabel);
  for (std::size_t i = 0; i < n; ++i) {
    if (real(i) && encoding.specialTokensMask[i] == 0) inputs.labels[i] = encoding.ids[i];
  }
  // A generator apart from the encoder's (maskTokens uses (seed, example, draw) itself).
  std::mt19937_64 random = maskingGenerator(~seed, example, draw);
  const std::size_t sets = std::max<std::size_t>(1, std::min<std::size_t>(realTokens, 128));
  std::vector<std::vector<bool>> hidden;
  hidden.reserve(sets);
  for (std::size_t s = 0; s < sets; ++s)
    hidden.push_back(chooseTokens(encoding, probability, wholeWord, random));
  inputs.attention.assign(n * n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint8_t* row = inputs.attention.data() + i * n;
    if (!real(i)) {
      row[0] = 1;
      continue;
    }
    const std::vector<bool>& set = hidden[random() % sets];
    for (std::size_t j = 0; j < n; ++j)
      row[j] = real(j) && !set[j] && j != i ? 1 : 0;
  }
  return inputs;
}

}  // namespace embedlab::pretrain

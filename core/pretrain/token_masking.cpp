#include "core/pretrain/token_masking.h"

#include <string_view>

#include "core/common/splitmix64.h"

namespace embedlab::pretrain {

namespace {

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// SentencePiece's "▁" (U+2581) and byte-level BPE's "Ġ" (U+0120): a word's first token.
bool hasWordStartMarker(std::string_view token) {
  return startsWith(token, "\xE2\x96\x81") || startsWith(token, "\xC4\xA0");
}

}  // namespace

std::vector<std::size_t> wordIndices(const text::Encoding& encoding) {
  const std::size_t n = encoding.size();
  bool markerTokenizer = false;  // do this text's words start with a marker?
  for (std::size_t i = 0; i < n && !markerTokenizer; ++i)
    markerTokenizer = i < encoding.tokens.size() && hasWordStartMarker(encoding.tokens[i]);
  std::vector<std::size_t> words(n, 0);
  std::size_t word = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool special = encoding.specialTokensMask[i] != 0;
    const bool previousSpecial = i == 0 || encoding.specialTokensMask[i - 1] != 0;
    const std::string_view token =
        i < encoding.tokens.size() ? std::string_view(encoding.tokens[i]) : std::string_view();
    bool continues = false;
    if (!special && !previousSpecial) {
      if (startsWith(token, "##")) {
        continues = true;
      } else if (markerTokenizer && !hasWordStartMarker(token) && i < encoding.offsets.size()) {
        continues = encoding.offsets[i].first == encoding.offsets[i - 1].second;
      }
    }
    if (i > 0 && !continues) ++word;
    words[i] = word;
  }
  return words;
}

std::mt19937_64 maskingGenerator(std::uint64_t seed, std::uint64_t example, std::uint64_t draw) {
  return std::mt19937_64(splitmix64(splitmix64(splitmix64(seed) ^ example) ^ draw));
}

std::vector<bool> chooseTokens(const text::Encoding& encoding, double probability, bool wholeWord,
                               std::mt19937_64& random) {
  const std::size_t n = encoding.size();
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<bool> chosen(n, false);
  const auto eligible = [&](std::size_t i) {
    return encoding.specialTokensMask[i] == 0 &&
           (encoding.attentionMask.empty() || encoding.attentionMask[i] != 0);
  };
  if (wholeWord) {
    const std::vector<std::size_t> words = wordIndices(encoding);
    std::size_t word = static_cast<std::size_t>(-1);
    bool wordChosen = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!eligible(i)) continue;
      if (words[i] != word) {
        word = words[i];
        wordChosen = uniform(random) < probability;
      }
      chosen[i] = wordChosen;
    }
  } else {
    for (std::size_t i = 0; i < n; ++i)
      chosen[i] = eligible(i) && uniform(random) < probability;
  }
  return chosen;
}

MaskedTokens maskTokens(const text::Encoding& encoding, const MaskingOptions& options,
                        std::int64_t maskTokenId, std::int64_t vocabularySize, std::uint64_t seed,
                        std::uint64_t example, std::uint64_t draw) {
  const std::size_t n = encoding.size();
  std::mt19937_64 random = maskingGenerator(seed, example, draw);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::uniform_int_distribution<std::int64_t> anyId(0, vocabularySize - 1);
  const std::vector<bool> chosen =
      chooseTokens(encoding, options.probability, options.wholeWord, random);

  MaskedTokens result{encoding.ids, std::vector<std::int64_t>(n, kIgnoredLabel)};
  for (std::size_t i = 0; i < n; ++i) {
    if (!chosen[i]) continue;
    result.labels[i] = encoding.ids[i];
    const double what = uniform(random);
    if (what < options.maskShare) {
      result.inputIds[i] = maskTokenId;
    } else if (what < options.maskShare + options.randomShare) {
      result.inputIds[i] = anyId(random);
    }
  }
  return result;
}

}  // namespace embedlab::pretrain

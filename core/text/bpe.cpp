#include "core/text/bpe.h"

#include <limits>
#include <mutex>

#include "core/common/error.h"
#include "core/text/unicode_properties.h"

namespace embedlab::text {

namespace {

constexpr std::size_t kCacheCapacity = 10000;  // words, as HF's default

std::uint64_t pairKey(std::int64_t left, std::int64_t right) {
  return (static_cast<std::uint64_t>(left) << 32) | static_cast<std::uint64_t>(right);
}

}  // namespace

BpeModel::BpeModel(std::unordered_map<std::string, std::int64_t> vocab,
                   const std::vector<std::pair<std::string, std::string>>& merges,
                   std::optional<std::string> unknownToken, bool fuseUnknown, bool ignoreMerges)
    : vocab_(std::move(vocab)), fuseUnknown_(fuseUnknown), ignoreMerges_(ignoreMerges) {
  for (const auto& [token, id] : vocab_) {
    if (id < 0 || id > 10'000'000) throw Error("BPE id out of range for " + token);
    if (static_cast<std::size_t>(id) >= tokens_.size())
      tokens_.resize(static_cast<std::size_t>(id) + 1);
    tokens_[static_cast<std::size_t>(id)] = token;
  }
  if (tokens_.size() > (std::size_t{1} << 31)) throw Error("BPE vocabulary too large");
  for (std::size_t rank = 0; rank < merges.size(); ++rank) {
    const auto& [left, right] = merges[rank];
    const auto a = vocab_.find(left);
    const auto b = vocab_.find(right);
    const auto joined = vocab_.find(left + right);
    if (a == vocab_.end() || b == vocab_.end() || joined == vocab_.end()) {
      throw Error("BPE merge \"" + left + " " + right +
                  "\" joins or makes a token that is not in the vocabulary");
    }
    // The first rank of a repeated merge counts.
    merges_.emplace(pairKey(a->second, b->second), Merge{rank, joined->second});
  }
  if (unknownToken) {
    const auto found = vocab_.find(*unknownToken);
    if (found == vocab_.end())
      throw Error("the BPE unknown token " + *unknownToken + " is not in the vocabulary");
    unknownId_ = found->second;
  }
}

std::vector<BpeModel::Piece> BpeModel::merge(const NormalizedText& word) const {
  std::vector<Piece> pieces;
  pieces.reserve(word.size());
  std::string character;
  for (std::uint32_t i = 0; i < word.size(); ++i) {
    character.clear();
    unicode::appendUtf8(word.chars[i], character);
    const auto found = vocab_.find(character);
    pieces.push_back({found == vocab_.end() ? -1 : found->second, i, i + 1});
  }
  while (pieces.size() > 1) {
    // The best-ranked adjacent pair, then every occurrence of it joined, left to right.
    const Merge* best = nullptr;
    std::uint64_t bestKey = 0;
    for (std::size_t i = 0; i + 1 < pieces.size(); ++i) {
      if (pieces[i].id < 0 || pieces[i + 1].id < 0) continue;
      const std::uint64_t key = pairKey(pieces[i].id, pieces[i + 1].id);
      const auto found = merges_.find(key);
      if (found != merges_.end() && (best == nullptr || found->second.rank < best->rank)) {
        best = &found->second;
        bestKey = key;
      }
    }
    if (best == nullptr) break;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      if (i + 1 < pieces.size() && pieces[i].id >= 0 && pieces[i + 1].id >= 0 &&
          pairKey(pieces[i].id, pieces[i + 1].id) == bestKey) {
        pieces[kept++] = {best->result, pieces[i].begin, pieces[i + 1].end};
        ++i;
      } else {
        pieces[kept++] = pieces[i];
      }
    }
    pieces.resize(kept);
  }
  return pieces;
}

void BpeModel::tokenize(const NormalizedText& word, std::vector<Token>& out) const {
  if (word.empty()) return;
  if (ignoreMerges_) {
    const std::string whole = unicode::encodeUtf8(word.chars);
    if (const auto found = vocab_.find(whole); found != vocab_.end()) {
      out.push_back({found->second, whole, word.spanOf(0, word.size())});
      return;
    }
  }
  std::vector<Piece> pieces;
  bool cached = false;
  {
    const std::shared_lock<std::shared_mutex> lock(cacheMutex_);
    if (const auto found = cache_.find(word.chars); found != cache_.end()) {
      pieces = found->second;
      cached = true;
    }
  }
  if (!cached) {
    pieces = merge(word);
    const std::unique_lock<std::shared_mutex> lock(cacheMutex_);
    if (cache_.size() < kCacheCapacity) cache_.emplace(word.chars, pieces);
  }
  bool previousUnknown = false;
  for (const Piece& piece : pieces) {
    const Span span = word.spanOf(piece.begin, piece.end);
    if (piece.id >= 0) {
      out.push_back({piece.id, tokens_[static_cast<std::size_t>(piece.id)], span});
      previousUnknown = false;
    } else if (unknownId_) {
      if (fuseUnknown_ && previousUnknown) {
        out.back().span.second = span.second;
      } else {
        out.push_back({*unknownId_, tokens_[static_cast<std::size_t>(*unknownId_)], span});
      }
      previousUnknown = true;
    }
  }
}

std::optional<std::int64_t> BpeModel::tokenToId(std::string_view token) const {
  const auto found = vocab_.find(std::string(token));
  if (found == vocab_.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> BpeModel::idToToken(std::int64_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= tokens_.size() ||
      tokens_[static_cast<std::size_t>(id)].empty())
    return std::nullopt;
  return tokens_[static_cast<std::size_t>(id)];
}

}  // namespace embedlab::text

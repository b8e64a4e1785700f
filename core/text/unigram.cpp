#include "core/text/unigram.h"

#include <fmt/format.h>
#include <algorithm>
#include <limits>
#include <map>

#include "core/common/error.h"
#include "core/text/unicode_properties.h"

namespace embedlab::text {

namespace {

constexpr double kUnknownPenalty = 10.0;  // below the rarest piece, as SentencePiece

}  // namespace

UnigramModel::UnigramModel(std::vector<std::pair<std::string, double>> pieces,
                           std::optional<std::int64_t> unknownId, bool byteFallback)
    : pieces_(std::move(pieces)), unknownId_(unknownId), byteFallback_(byteFallback) {
  if (unknownId_ && (*unknownId_ < 0 || static_cast<std::size_t>(*unknownId_) >= pieces_.size())) {
    throw Error("the Unigram unk_id is outside the vocabulary");
  }
  double minScore = std::numeric_limits<double>::infinity();
  // Build a map-based trie, then flatten it into sorted child arrays.
  struct BuildNode {
    std::int32_t piece = -1;
    std::map<char32_t, std::size_t> children;
  };
  std::vector<BuildNode> build(1);
  for (std::size_t id = 0; id < pieces_.size(); ++id) {
    minScore = std::min(minScore, pieces_[id].second);
    ids_.emplace(pieces_[id].first, static_cast<std::int64_t>(id));
    std::size_t node = 0;
    for (const char32_t c : unicode::decodeUtf8(pieces_[id].first)) {
      auto found = build[node].children.find(c);
      if (found == build[node].children.end()) {
        build.emplace_back();
        found = build[node].children.emplace(c, build.size() - 1).first;
      }
      node = found->second;
    }
    if (node != 0 && build[node].piece < 0) build[node].piece = static_cast<std::int32_t>(id);
  }
  unknownScore_ = minScore - kUnknownPenalty;
  nodes_.resize(build.size());
  for (std::size_t n = 0; n < build.size(); ++n) {
    nodes_[n].piece = build[n].piece;
    nodes_[n].firstChild = static_cast<std::uint32_t>(childChars_.size());
    nodes_[n].childCount = static_cast<std::uint32_t>(build[n].children.size());
    for (const auto& [c, target] : build[n].children) {
      childChars_.push_back(c);
      childNodes_.push_back(static_cast<std::uint32_t>(target));
    }
  }
}

std::int32_t UnigramModel::child(std::uint32_t node, char32_t c) const {
  const auto begin = childChars_.begin() + nodes_[node].firstChild;
  const auto end = begin + nodes_[node].childCount;
  const auto found = std::lower_bound(begin, end, c);
  if (found == end || *found != c) return -1;
  return static_cast<std::int32_t>(
      childNodes_[static_cast<std::size_t>(found - childChars_.begin())]);
}

void UnigramModel::tokenize(const NormalizedText& word, std::vector<Token>& out) const {
  const std::size_t length = word.size();
  if (length == 0) return;
  struct Best {
    double score = 0;
    std::int64_t start = -1;  // -1: not reached yet
    std::int64_t id = 0;
  };
  std::vector<Best> best(length + 1);
  best[0].start = 0;
  for (std::size_t start = 0; start < length; ++start) {
    const double scoreHere = best[start].score;
    bool singleCharacterPiece = false;
    std::uint32_t node = 0;
    for (std::size_t end = start; end < length; ++end) {
      const std::int32_t next = child(node, word.chars[end]);
      if (next < 0) break;
      node = static_cast<std::uint32_t>(next);
      if (nodes_[node].piece < 0) continue;
      const auto id = static_cast<std::int64_t>(nodes_[node].piece);
      const double candidate = scoreHere + pieces_[static_cast<std::size_t>(id)].second;
      Best& target = best[end + 1];
      if (target.start < 0 || candidate > target.score) {
        target = {candidate, static_cast<std::int64_t>(start), id};
      }
      singleCharacterPiece = singleCharacterPiece || end == start;
    }
    if (!singleCharacterPiece) {
      if (!unknownId_)
        throw Error("a character is not in the Unigram vocabulary and there is no unk_id");
      const double candidate = scoreHere + unknownScore_;
      Best& target = best[start + 1];
      if (target.start < 0 || candidate > target.score) {
        target = {candidate, static_cast<std::int64_t>(start), *unknownId_};
      }
    }
  }
  // Walk back from the end; consecutive unknown pieces are fused into one token.
  struct Piece {
    std::size_t begin;
    std::size_t end;
    bool unknown;
  };
  std::vector<Piece> segments;
  for (std::size_t end = length; end > 0;) {
    const Best& node = best[end];
    const auto begin = static_cast<std::size_t>(node.start);
    const bool unknown = unknownId_ && node.id == *unknownId_;
    if (unknown && !segments.empty() && segments.back().unknown) {
      segments.back().begin = begin;
    } else {
      segments.push_back({begin, end, unknown});
    }
    end = begin;
  }
  for (auto it = segments.rbegin(); it != segments.rend(); ++it) {
    const std::string text =
        unicode::encodeUtf8(std::u32string_view(word.chars).substr(it->begin, it->end - it->begin));
    const Span span = word.spanOf(it->begin, it->end);
    if (const auto id = ids_.find(text); id != ids_.end()) {
      out.push_back({id->second, text, span});
      continue;
    }
    if (byteFallback_) {
      bool allBytes = true;
      std::vector<Token> bytes;
      for (const char byte : text) {
        const std::string piece = fmt::format("<0x{:02X}>", static_cast<unsigned char>(byte));
        const auto id = ids_.find(piece);
        if (id == ids_.end()) {
          allBytes = false;
          break;
        }
        bytes.push_back({id->second, piece, span});
      }
      if (allBytes) {
        out.insert(out.end(), bytes.begin(), bytes.end());
        continue;
      }
    }
    out.push_back({*unknownId_, text, span});
  }
}

std::optional<std::int64_t> UnigramModel::tokenToId(std::string_view token) const {
  const auto found = ids_.find(std::string(token));
  if (found == ids_.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> UnigramModel::idToToken(std::int64_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= pieces_.size()) return std::nullopt;
  return pieces_[static_cast<std::size_t>(id)].first;
}

}  // namespace embedlab::text

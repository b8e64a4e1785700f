#include "core/text/wordpiece.h"

#include "core/common/error.h"
#include "core/text/unicode_properties.h"

namespace embedlab::text {

WordPieceModel::WordPieceModel(std::vector<std::string> vocab, std::string unknownToken,
                               std::string continuationPrefix, std::size_t maxInputCharsPerWord)
    : vocab_(std::move(vocab)),
      unknownToken_(std::move(unknownToken)),
      prefix_(std::move(continuationPrefix)),
      maxInputCharsPerWord_(maxInputCharsPerWord) {
  ids_.reserve(vocab_.size());
  for (std::size_t id = 0; id < vocab_.size(); ++id) {
    if (vocab_[id].empty()) continue;                         // a hole in a sparse id range
    ids_.emplace(vocab_[id], static_cast<std::int64_t>(id));  // the first of duplicates wins
  }
  const auto unknown = ids_.find(unknownToken_);
  if (unknown == ids_.end()) {
    throw Error("the WordPiece vocabulary has no unknown token \"" + unknownToken_ + "\"");
  }
  unknownId_ = unknown->second;
}

void WordPieceModel::tokenize(const NormalizedText& word, std::vector<Token>& out) const {
  const std::size_t length = word.size();
  if (length == 0) return;
  if (length > maxInputCharsPerWord_) {
    out.push_back({unknownId_, unknownToken_, word.spanOf(0, length)});
    return;
  }
  // UTF-8 byte offset of every character, so candidate pieces are substrings of one string.
  std::string utf8;
  std::vector<std::size_t> byteAt(length + 1);
  for (std::size_t i = 0; i < length; ++i) {
    byteAt[i] = utf8.size();
    unicode::appendUtf8(word.chars[i], utf8);
  }
  byteAt[length] = utf8.size();

  const std::size_t firstToken = out.size();
  std::string candidate;
  std::size_t start = 0;
  while (start < length) {
    std::size_t end = length;
    std::int64_t found = -1;
    while (start < end) {
      candidate.clear();
      if (start > 0) candidate = prefix_;
      candidate.append(utf8, byteAt[start], byteAt[end] - byteAt[start]);
      if (const auto id = ids_.find(candidate); id != ids_.end()) {
        found = id->second;
        break;
      }
      --end;
    }
    if (found < 0) {
      out.resize(firstToken);  // any unknown part makes the whole word unknown
      out.push_back({unknownId_, unknownToken_, word.spanOf(0, length)});
      return;
    }
    out.push_back({found, candidate, word.spanOf(start, end)});
    start = end;
  }
}

std::optional<std::int64_t> WordPieceModel::tokenToId(std::string_view token) const {
  const auto found = ids_.find(std::string(token));
  if (found == ids_.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> WordPieceModel::idToToken(std::int64_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= vocab_.size()) return std::nullopt;
  return vocab_[static_cast<std::size_t>(id)];
}

}  // namespace embedlab::text

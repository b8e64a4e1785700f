// Pre-tokenizers: split normalized text into the words a model tokenizes (internal to
// core/text). They work on a list of pieces so that they can be chained.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/text/normalized_text.h"

namespace embedlab::text {

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  /// Replaces `pieces` by their splits.
  virtual void preTokenize(std::vector<NormalizedText>& pieces) const = 0;
};

/// BERT's: split on whitespace (dropped), then on punctuation (each mark its own piece); ASCII
/// punctuation includes the ASCII symbols $+<=>^`|~.
class BertPreTokenizer : public PreTokenizer {
 public:
  void preTokenize(std::vector<NormalizedText>& pieces) const override;
};

/// SentencePiece's: spaces become `replacement` ("▁"), a "▁" is prepended to each piece not
/// starting with one ("always"; "first": only to a piece at the start of its sequence) and, with
/// `split`, each "▁" starts a new piece.
class MetaspacePreTokenizer : public PreTokenizer {
 public:
  enum class Prepend { Always, First, Never };
  MetaspacePreTokenizer(char32_t replacement, Prepend prepend, bool split)
      : replacement_(replacement), prepend_(prepend), split_(split) {}
  void preTokenize(std::vector<NormalizedText>& pieces) const override;

 private:
  char32_t replacement_;
  Prepend prepend_;
  bool split_;
};

/// Splits on whitespace only (dropped).
class WhitespaceSplitPreTokenizer : public PreTokenizer {
 public:
  void preTokenize(std::vector<NormalizedText>& pieces) const override;
};

class SequencePreTokenizer : public PreTokenizer {
 public:
  explicit SequencePreTokenizer(std::vector<std::unique_ptr<PreTokenizer>> steps)
      : steps_(std::move(steps)) {}
  void preTokenize(std::vector<NormalizedText>& pieces) const override;

 private:
  std::vector<std::unique_ptr<PreTokenizer>> steps_;
};

}  // namespace embedlab::text

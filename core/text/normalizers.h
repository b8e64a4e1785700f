// Normalizers of the Hugging Face tokenizer pipeline that EmbedLab's models use (internal to
// core/text). Each rewrites a NormalizedText in place, keeping the alignment to the original.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/text/normalized_text.h"

namespace embedlab::text {

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  virtual void normalize(NormalizedText& text) const = 0;
};

/// BERT's normalizer: clean text (drop NUL, U+FFFD and Cc/Cf/Co/Cs except tab and line ends;
/// turn whitespace into " "), spaces around Chinese characters, strip accents (NFD, then drop
/// Mn), lowercase; in that order, each optional.
class BertNormalizer : public Normalizer {
 public:
  struct Options {
    bool cleanText = true;
    bool handleChineseChars = true;
    bool stripAccents = true;  ///< tokenizer.json's null means: same as lowercase
    bool lowercase = true;
  };
  explicit BertNormalizer(Options options) : options_(options) {}
  void normalize(NormalizedText& text) const override;

 private:
  Options options_;
};

/// Lowercases every character on its own (full mappings, no context).
class LowercaseNormalizer : public Normalizer {
 public:
  void normalize(NormalizedText& text) const override;
};

/// Unicode normalization NFD, NFKD, NFC or NFKC, aligned as Hugging Face aligns it (the crate
/// unicode-normalization-alignments, Unicode 9.0 tables): decomposition gives each character's
/// first piece change 0 and the others +1, and combining marks are reordered with their changes
/// (a mark moved ahead of another takes the span of the position it lands on, not its own);
/// composing two characters adds their changes minus one, so "e" + U+0301 becomes U+00E9 spanning
/// the "e" alone, and an NFD piece that recomposes leaves its character as it was.
class UnicodeNormalizer : public Normalizer {
 public:
  enum class Form { NFD, NFKD, NFC, NFKC };
  explicit UnicodeNormalizer(Form form) : form_(form) {}
  void normalize(NormalizedText& text) const override;

 private:
  Form form_;
};

/// Removes combining marks (general category M: Mn, Mc and Me, Unicode 9.0), as HF's
/// StripAccents normalizer; used after NFD or NFKD to strip accents.
class StripAccentsNormalizer : public Normalizer {
 public:
  void normalize(NormalizedText& text) const override;
};

/// Runs normalizers one after another.
class SequenceNormalizer : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> normalizers)
      : normalizers_(std::move(normalizers)) {}
  void normalize(NormalizedText& text) const override;

 private:
  std::vector<std::unique_ptr<Normalizer>> normalizers_;
};

/// Replaces every match of a literal string or an ICU regular expression by `content`, as HF's
/// Replace normalizer (the new characters take the span of the last character they replace).
class ReplaceNormalizer : public Normalizer {
 public:
  ReplaceNormalizer(std::string pattern, bool regex, std::string content);
  ~ReplaceNormalizer() override;
  void normalize(NormalizedText& text) const override;

 private:
  struct Regex;
  std::u32string literal_;
  std::unique_ptr<Regex> regex_;
  std::u32string content_;
};

/// Factories used by the tokenizer.json reader; errors name `file`.
std::unique_ptr<Normalizer> makePrecompiledNormalizer(const std::string& base64,
                                                      const std::string& file);
std::unique_ptr<Normalizer> makeReplaceNormalizer(const std::string& pattern, bool regex,
                                                  const std::string& content);

}  // namespace embedlab::text

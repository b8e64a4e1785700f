#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <mutex>

#include "core/common/error.h"
#include "core/text/normalizers.h"
#include "core/text/unicode_properties.h"

namespace embedlab::text {

// A compiled ICU pattern; matchers are cloned per call, since one URegularExpression must not be
// used from two threads at once.
struct ReplaceNormalizer::Regex {
  URegularExpression* compiled = nullptr;
  ~Regex() {
    if (compiled != nullptr) uregex_close(compiled);
  }
};

ReplaceNormalizer::ReplaceNormalizer(std::string pattern, bool regex, std::string content)
    : content_(unicode::decodeUtf8(content)) {
  if (!regex) {
    literal_ = unicode::decodeUtf8(pattern);
    if (literal_.empty()) throw Error("the Replace normalizer's pattern is empty");
    return;
  }
  regex_ = std::make_unique<Regex>();
  UErrorCode status = U_ZERO_ERROR;
  std::vector<UChar> utf16(pattern.size() + 1);
  int32_t length = 0;
  u_strFromUTF8(utf16.data(), static_cast<int32_t>(utf16.size()), &length, pattern.data(),
                static_cast<int32_t>(pattern.size()), &status);
  UParseError parseError;
  if (U_SUCCESS(status)) {
    regex_->compiled = uregex_open(utf16.data(), length, 0, &parseError, &status);
  }
  if (U_FAILURE(status)) {
    throw Error("the Replace normalizer's regular expression \"" + pattern +
                "\" is not valid: " + u_errorName(status));
  }
}

ReplaceNormalizer::~ReplaceNormalizer() = default;

void ReplaceNormalizer::normalize(NormalizedText& text) const {
  // Matches as [begin, end) in characters, non-overlapping, left to right.
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  if (regex_) {
    std::vector<UChar> utf16;
    std::vector<std::size_t> charAt;
    for (std::size_t i = 0; i < text.size(); ++i) {
      UChar units[2];
      int length = 0;
      U16_APPEND_UNSAFE(units, length, static_cast<UChar32>(text.chars[i]));
      for (int k = 0; k < length; ++k) {
        utf16.push_back(units[k]);
        charAt.push_back(i);
      }
    }
    charAt.push_back(text.size());
    UErrorCode status = U_ZERO_ERROR;
    URegularExpression* matcher = uregex_clone(regex_->compiled, &status);
    uregex_setText(matcher, utf16.data(), static_cast<int32_t>(utf16.size()), &status);
    while (U_SUCCESS(status) && uregex_findNext(matcher, &status)) {
      const int32_t start = uregex_start(matcher, 0, &status);
      const int32_t end = uregex_end(matcher, 0, &status);
      if (U_FAILURE(status) || end <= start) break;
      matches.emplace_back(charAt[static_cast<std::size_t>(start)],
                           charAt[static_cast<std::size_t>(end)]);
    }
    uregex_close(matcher);
  } else {
    for (std::size_t at = text.chars.find(literal_); at != std::u32string::npos;
         at = text.chars.find(literal_, at + literal_.size())) {
      matches.emplace_back(at, at + literal_.size());
    }
  }
  if (matches.empty()) return;
  NormalizedText result;
  result.base = text.base;
  std::size_t copied = 0;
  for (const auto& [begin, end] : matches) {
    for (std::size_t i = copied; i < begin; ++i)
      result.push(text.chars[i], text.spans[i]);
    for (const char32_t c : content_)
      result.push(c, text.spans[end - 1]);
    copied = end;
  }
  for (std::size_t i = copied; i < text.size(); ++i)
    result.push(text.chars[i], text.spans[i]);
  text = std::move(result);
}

std::unique_ptr<Normalizer> makeReplaceNormalizer(const std::string& pattern, bool regex,
                                                  const std::string& content) {
  return std::make_unique<ReplaceNormalizer>(pattern, regex, content);
}

}  // namespace embedlab::text

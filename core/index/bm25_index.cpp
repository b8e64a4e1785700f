#include "core/index/bm25_index.h"

#include <libstemmer.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/common/error.h"
#include "core/text/unicode_properties.h"

namespace embedlab::index {

namespace {

// Lucene's EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.
const std::set<std::string, std::less<>> kStopwords = {
    "a",   "an",    "and",  "are",   "as",    "at",   "be",   "but", "by",  "for",  "if",
    "in",  "into",  "is",   "it",    "no",    "not",  "of",   "on",  "or",  "such", "that",
    "the", "their", "then", "there", "these", "they", "this", "to",  "was", "will", "with"};

// A word is a run of letters, digits and combining marks (ICU's properties); anything else
// (white space, punctuation, symbols such as "+", control characters) ends it.
bool separates(char32_t c) {
  const auto code = static_cast<UChar32>(c);
  return !(u_isalnum(code) || (U_GET_GC_MASK(code) & U_GC_M_MASK) != 0);
}

}  // namespace

struct Bm25Tokenizer::Stemmer {
  sb_stemmer* handle = nullptr;
  ~Stemmer() {
    if (handle != nullptr) sb_stemmer_delete(handle);
  }
};

Bm25Tokenizer::Bm25Tokenizer(bool stopwords, bool stemming) : stopwords_(stopwords) {
  if (stemming) {
    stemmer_ = std::make_unique<Stemmer>();
    stemmer_->handle = sb_stemmer_new("english", "UTF_8");
    if (stemmer_->handle == nullptr) throw Error("libstemmer has no English stemmer");
  }
}

Bm25Tokenizer::~Bm25Tokenizer() = default;

std::vector<std::string> Bm25Tokenizer::tokens(std::string_view input) const {
  std::vector<std::string> words;
  std::u32string word;
  const auto finish = [&] {
    if (word.empty()) return;
    std::u32string lower;
    for (const char32_t c : word)
      text::unicode::appendLowercase(c, lower);
    word.clear();
    std::string token = text::unicode::encodeUtf8(lower);
    if (stopwords_ && kStopwords.count(token) > 0) return;
    if (stemmer_) {
      const sb_symbol* stemmed =
          sb_stemmer_stem(stemmer_->handle, reinterpret_cast<const sb_symbol*>(token.data()),
                          static_cast<int>(token.size()));
      if (stemmed != nullptr) {
        token.assign(reinterpret_cast<const char*>(stemmed),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer_->handle)));
      }
    }
    words.push_back(std::move(token));
  };
  for (const char32_t c : text::unicode::decodeUtf8(input)) {
    if (separates(c)) {
      finish();
    } else if (text::unicode::isChineseCharacter(c)) {
      finish();
      word.push_back(c);
      finish();
    } else {
      word.push_back(c);
    }
  }
  finish();
  return words;
}

Bm25Index::Bm25Index(const std::vector<std::string>& documents, Bm25Options options)
    : options_(options), tokenizer_(options.stopwords, options.stemming) {
  lengths_.reserve(documents.size());
  double total = 0;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    const std::vector<std::string> tokens = tokenizer_.tokens(documents[d]);
    lengths_.push_back(static_cast<std::uint32_t>(tokens.size()));
    total += static_cast<double>(tokens.size());
    for (const std::string& token : tokens) {
      const auto [found, added] =
          terms_.try_emplace(token, static_cast<std::uint32_t>(postings_.size()));
      if (added) postings_.emplace_back();
      std::vector<Posting>& list = postings_[found->second];
      if (!list.empty() && list.back().document == d) {
        ++list.back().frequency;
      } else {
        list.push_back({static_cast<std::uint32_t>(d), 1});
      }
    }
  }
  averageLength_ = documents.empty() ? 0 : total / static_cast<double>(documents.size());
}

Bm25Index::~Bm25Index() = default;

double Bm25Index::idf(std::size_t documentFrequency) const {
  const auto n = static_cast<double>(lengths_.size());
  const auto df = static_cast<double>(documentFrequency);
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

double Bm25Index::weight(double termIdf, const Posting& posting) const {
  const double tf = posting.frequency;
  const double norm =
      averageLength_ > 0
          ? 1.0 - options_.b + options_.b * lengths_[posting.document] / averageLength_
          : 1.0;
  return termIdf * tf * (options_.k1 + 1.0) / (tf + options_.k1 * norm);
}

std::vector<std::pair<std::size_t, double>> Bm25Index::search(std::string_view query,
                                                              std::size_t k) const {
  std::vector<double> scores(lengths_.size(), 0.0);
  std::vector<char> touched(lengths_.size(), 0);
  for (const std::string& token : tokenizer_.tokens(query)) {
    const auto found = terms_.find(token);
    if (found == terms_.end()) continue;
    const std::vector<Posting>& list = postings_[found->second];
    const double termIdf = idf(list.size());
    for (const Posting& posting : list) {
      scores[posting.document] += weight(termIdf, posting);
      touched[posting.document] = 1;
    }
  }
  std::vector<std::pair<std::size_t, double>> hits;
  for (std::size_t d = 0; d < scores.size(); ++d) {
    if (touched[d] != 0) hits.emplace_back(d, scores[d]);
  }
  const auto better = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const std::size_t kept = std::min(k, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(kept), hits.end(),
                    better);
  hits.resize(kept);
  return hits;
}

double Bm25Index::score(std::string_view query, std::size_t document) const {
  double total = 0;
  for (const std::string& token : tokenizer_.tokens(query)) {
    const auto found = terms_.find(token);
    if (found == terms_.end()) continue;
    const std::vector<Posting>& list = postings_[found->second];
    const auto posting =
        std::lower_bound(list.begin(), list.end(), document,
                         [](const Posting& p, std::size_t d) { return p.document < d; });
    if (posting != list.end() && posting->document == document)
      total += weight(idf(list.size()), *posting);
  }
  return total;
}

}  // namespace embedlab::index

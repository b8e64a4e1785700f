#include "core/data/token_statistics.h"

#include <xxhash.h>

#include <chrono>
#include <unordered_set>
#include <vector>

#include "core/data/record_parsers.h"
#include "core/text/tokenizer.h"

namespace embedlab {

namespace {

std::uint64_t textHash(std::string_view text) {
  return XXH3_64bits(text.data(), text.size());
}

// Texts seen so far, by hash (a 64-bit hash collides once in ~10^19 pairs: negligible here).
class SeenTexts {
 public:
  explicit SeenTexts(std::size_t limit) : limit_(limit) {}
  /// True when `hash` was inserted before; false when it is new or no longer tracked.
  bool seenBefore(std::uint64_t hash, bool& exact) {
    if (seen_.count(hash) > 0) return true;
    if (seen_.size() < limit_) {
      seen_.insert(hash);
    } else {
      exact = false;
    }
    return false;
  }
  std::size_t size() const { return seen_.size(); }

 private:
  std::unordered_set<std::uint64_t> seen_;
  std::size_t limit_;
};

// Collects texts of parsed records and tokenizes them a batch at a time.
class Counter {
 public:
  Counter(const text::Tokenizer& tokenizer, const TokenStatisticsOptions& options,
          TokenStatistics& statistics)
      : tokenizer_(tokenizer),
        options_(options),
        statistics_(statistics),
        queries_(options.maxTrackedTexts),
        passages_(options.maxTrackedTexts) {}

  void addQuery(const std::string& query, const std::optional<std::string>& prompt) {
    if (queries_.seenBefore(textHash(query), statistics_.duplicatesExact))
      ++statistics_.duplicateQueries;
    texts_.push_back((prompt ? *prompt : options_.queryInstruction) + query);
    isQuery_.push_back(true);
    flushIfFull();
  }

  void addPassage(const std::string& passage) {
    if (passages_.seenBefore(textHash(passage), statistics_.duplicatesExact))
      ++statistics_.duplicatePassages;
    statistics_.distinctPassages = passages_.size();
    texts_.push_back(options_.passageInstruction + passage);
    isQuery_.push_back(false);
    flushIfFull();
  }

  void flush() {
    if (texts_.empty()) return;
    const std::vector<text::Encoding> encodings =
        tokenizer_.encodeBatch(texts_, {}, options_.threads);
    for (std::size_t i = 0; i < encodings.size(); ++i) {
      (isQuery_[i] ? statistics_.queryTokens : statistics_.passageTokens).add(encodings[i].size());
    }
    texts_.clear();
    isQuery_.clear();
  }

 private:
  void flushIfFull() {
    if (texts_.size() >= options_.batchTexts) flush();
  }

  const text::Tokenizer& tokenizer_;
  const TokenStatisticsOptions& options_;
  TokenStatistics& statistics_;
  SeenTexts queries_;
  SeenTexts passages_;
  std::vector<std::string> texts_;
  std::vector<bool> isQuery_;
};

void addTrainingRecord(const TrainingExample& example, Counter& counter,
                       TokenStatistics& statistics) {
  counter.addQuery(example.query, example.prompt);
  statistics.positivesPerQuery.add(example.positives.size());
  statistics.negativesPerQuery.add(example.negatives.size());
  for (const std::string& positive : example.positives)
    counter.addPassage(positive);
  for (const std::string& negative : example.negatives)
    counter.addPassage(negative);
}

}  // namespace

double truncatedShare(const IntegerDistribution& lengths, std::uint64_t maxLength) {
  if (lengths.empty()) return 0.0;
  std::uint64_t longer = 0;
  for (auto it = lengths.counts().upper_bound(maxLength); it != lengths.counts().end(); ++it)
    longer += it->second;
  return static_cast<double>(longer) / static_cast<double>(lengths.count());
}

void addStatistics(TokenStatistics& total, const TokenStatistics& more) {
  total.records += more.records;
  total.skippedLines += more.skippedLines;
  total.complete = total.complete && more.complete;
  total.queryTokens.add(more.queryTokens);
  total.passageTokens.add(more.passageTokens);
  total.positivesPerQuery.add(more.positivesPerQuery);
  total.negativesPerQuery.add(more.negativesPerQuery);
  total.duplicateQueries += more.duplicateQueries;
  total.duplicatePassages += more.duplicatePassages;
  total.distinctPassages += more.distinctPassages;
  total.duplicatesExact = total.duplicatesExact && more.duplicatesExact;
}

TokenStatistics computeTokenStatistics(const std::filesystem::path& path, DataKind kind,
                                       const text::Tokenizer& tokenizer,
                                       const TokenStatisticsOptions& options,
                                       ProgressObserver* progress,
                                       const CancellationToken* cancel) {
  if (kind == DataKind::Qrels) {
    throw UsageError("token statistics need texts; " + path.string() +
                     " is a qrels file (query and document ids only)");
  }
  TokenStatistics statistics;
  statistics.kind = kind;
  Counter counter(tokenizer, options, statistics);
  LineReader reader(path, options.reader);
  RecordParser parser(options.reader.maxLineBytes);
  EvalLayout layout = EvalLayout::Unknown;
  std::vector<Problem> problems;
  using Clock = std::chrono::steady_clock;
  auto lastSnapshot = Clock::now();

  TextLine line;
  while (reader.next(line)) {
    problems.clear();
    bool accepted = false;
    switch (kind) {
      case DataKind::Training:
        if (auto example = parser.training(line, problems)) {
          addTrainingRecord(*example, counter, statistics);
          accepted = true;
        }
        break;
      case DataKind::Pool:
        if (auto pool = parser.pool(line, problems)) {
          counter.addPassage(pool->text);
          accepted = true;
        }
        break;
      case DataKind::Corpus:
        if (auto document = parser.corpus(line, layout, problems)) {
          counter.addPassage(documentText(*document));
          accepted = true;
        }
        break;
      case DataKind::Queries:
        if (auto query = parser.query(line, layout, problems)) {
          counter.addQuery(query->text, std::nullopt);
          if (!query->positives.empty()) statistics.positivesPerQuery.add(query->positives.size());
          for (const std::string& positive : query->positives)
            counter.addPassage(positive);
          accepted = true;
        }
        break;
      case DataKind::Qrels: break;
    }
    if (accepted) {
      ++statistics.records;
    } else if (!line.text.empty() || line.tooLong) {
      ++statistics.skippedLines;  // blank lines are neither records nor problems
    }
    if ((line.number & 255) == 0) {
      throwIfCancelled(cancel);
      reportProgress(progress, reader.bytesConsumed(), reader.fileSize(), "bytes");
      if (options.onSnapshot &&
          std::chrono::duration<double>(Clock::now() - lastSnapshot).count() >=
              options.snapshotSeconds) {
        counter.flush();
        options.onSnapshot(statistics);
        lastSnapshot = Clock::now();
      }
    }
  }
  throwIfCancelled(cancel);
  counter.flush();
  statistics.complete = true;
  reportProgress(progress, reader.fileSize(), reader.fileSize(), "bytes");
  return statistics;
}

}  // namespace embedlab

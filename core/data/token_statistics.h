// What a data file looks like to the model: query and passage lengths in tokens (as a model
// folder's tokenizer counts them, special tokens included, instruction prefixed), so that users can
// choose query_max_len and passage_max_len and see how much each would truncate; negatives per
// query; and how many texts are duplicates (repeated queries, passages that recur across records).
// Lines that are not valid records (validation says why) are skipped.
//
// The whole file is read once; a snapshot of the statistics so far is handed out at intervals, so
// that a view can fill in its plots while a large file is still being read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/common/integer_distribution.h"
#include "core/common/progress.h"
#include "core/data/validation.h"

namespace embedlab {

namespace text {
class Tokenizer;
}

struct TokenStatistics {
  DataKind kind = DataKind::Training;
  std::uint64_t records = 0;       ///< valid records read
  std::uint64_t skippedLines = 0;  ///< lines that are not valid records (see validation)
  bool complete = false;           ///< the whole file has been read

  IntegerDistribution queryTokens;    ///< training and queries files
  IntegerDistribution passageTokens;  ///< positives and negatives; pool and corpus texts
  IntegerDistribution positivesPerQuery;
  IntegerDistribution negativesPerQuery;

  std::uint64_t duplicateQueries = 0;   ///< queries whose text an earlier record already had
  std::uint64_t duplicatePassages = 0;  ///< passage texts seen before anywhere in the file
  std::uint64_t distinctPassages = 0;
  /// False once more distinct texts were seen than are tracked (duplicates are then a lower bound).
  bool duplicatesExact = true;
};

struct TokenStatisticsOptions {
  /// Prefixed to every query that has no "prompt" of its own, as training does.
  std::string queryInstruction;
  /// Prefixed to every passage (e.g. "passage: " for E5).
  std::string passageInstruction;
  /// Texts tokenized together (on `threads` threads; 0: hardware threads).
  std::size_t batchTexts = 2048;
  unsigned threads = 0;
  /// Distinct query texts, and distinct passage texts, tracked for the duplicate counts (about
  /// 40 bytes each: 4 M of each cost ~320 MB at most, reached only by files of several GB).
  std::size_t maxTrackedTexts = 4'000'000;
  /// A snapshot is passed to `onSnapshot` (on the working thread) at most this often.
  double snapshotSeconds = 0.5;
  std::function<void(const TokenStatistics&)> onSnapshot;
  LineReaderOptions reader;
};

/// Share (0..1) of the values in `lengths` that are longer than `maxLength` (which truncation
/// would cut); 0 when empty.
double truncatedShare(const IntegerDistribution& lengths, std::uint64_t maxLength);

/// Adds `more` (another file's statistics) to `total`: an evaluation set's queries and corpus.
/// Duplicates are counted within each file only.
void addStatistics(TokenStatistics& total, const TokenStatistics& more);

/// Reads `path` as `kind` (Training, Pool, Corpus or Queries; UsageError for Qrels) and counts.
/// Progress is in bytes. Throws IoError when the file cannot be read, CancelledError when
/// `cancel` is set.
TokenStatistics computeTokenStatistics(const std::filesystem::path& path, DataKind kind,
                                       const text::Tokenizer& tokenizer,
                                       const TokenStatisticsOptions& options = {},
                                       ProgressObserver* progress = nullptr,
                                       const CancellationToken* cancel = nullptr);

}  // namespace embedlab

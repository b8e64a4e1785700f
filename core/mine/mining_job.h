// A whole mining job: read the training file (and the pool), load the model, search each query's
// candidates, choose its negatives and write the mined file atomically, with the statistics
// report. The CLI's `mine` is a flag table over MiningOptions and this runner; the Mining panel
// launches it through the CLI with `mine --config`.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/progress.h"
#include "core/data/problem.h"
#include "core/mine/mining_options.h"

namespace embedlab::mine {

/// Where a mining job reports to; every member may be left empty.
struct MiningContext {
  ProgressObserver* progress = nullptr;  ///< units: "candidate texts", "query texts", ...
  const CancellationToken* cancel = nullptr;
  unsigned searchThreads = 0;  ///< FAISS's OpenMP threads (0: the usable CPUs)
  /// Warnings found while reading a file (its path, the problems).
  std::function<void(const std::string&, const std::vector<Problem>&)> onWarnings;
  /// The embedding cache cannot be written (said once).
  std::function<void(const std::string&)> onCacheWriteFailure;
};

/// What a mining job did: the selection's statistics and where the time went.
struct MiningResult {
  MiningStatistics statistics;
  std::size_t candidates = 0;    ///< unique texts searched
  std::size_t linesWritten = 0;  ///< lines of the output file
  bool candidatesFromCache = false;
  bool queriesFromCache = false;
  double encodeSeconds = 0;
  double searchSeconds = 0;
  double writeSeconds = 0;
  /// Input lines whose pos_scores came from another scorer (with write_scores neg, the written
  /// neg_scores then mix two scales).
  std::size_t linesWithForeignPositiveScores = 0;
  /// What the written scores are: "cosine similarities", or "inner products of its
  /// embeddings" for a model that does not normalise.
  std::string scoreMeaning;

  /// The report (`mine --report`, the last JSON line of `--progress json`, the history's
  /// summary): the statistics, range, number, cache use, seconds, output file and scores.
  nlohmann::json toJson(const MiningOptions& options) const;
};

/// Runs the job `options` describe (validated first). Errors: UsageError, InputError (a file,
/// its line and what was expected), CancelledError; the output file is untouched on error.
MiningResult runMining(const MiningOptions& options, const MiningContext& context = {});

}  // namespace embedlab::mine

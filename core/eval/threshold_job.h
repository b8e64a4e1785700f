// A whole threshold job: read the labelled pairs, score them with the model (a bi-encoder's
// cosine of the two texts, or a reranker's logit or sigmoid score), fit the thresholds on one part
// of the groups and report them on the other, and write the report and the per-pair scores
// atomically. The CLI's `threshold` is a flag table over ThresholdOptions and this runner; the
// Thresholds panel launches it with `threshold --config` and reads the report back typed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/progress.h"
#include "core/data/problem.h"
#include "core/eval/threshold_options.h"

namespace embedlab::eval {

/// Where a threshold job reports to; every member may be left empty.
struct ThresholdContext {
  ProgressObserver* progress = nullptr;  ///< texts (bi-encoder) or pairs (reranker) scored
  const CancellationToken* cancel = nullptr;
  /// Warnings found while reading the pairs file (its path, the problems).
  std::function<void(const std::string&, const std::vector<Problem>&)> onWarnings;
  /// The embedding cache cannot be written (said once).
  std::function<void(const std::string&)> onCacheWriteFailure;
};

/// What the scores are: "cosine", "reranker logit" or "reranker sigmoid(logit)".
struct ThresholdJobResult {
  ThresholdAnalysis analysis;
  std::vector<LabelledPair> scored;  ///< every pair with its score, in file order
  std::string score;                 ///< what the scores are (see above)

  /// The report (`threshold --output`, the last JSON line of `--progress json`): the analysis
  /// with the model, pairs file, score kind, target precision and seed.
  nlohmann::json toJson(const ThresholdOptions& options) const;
};

/// The report's analysis and score kind back from its JSON (what the Thresholds panel reads):
/// throws InputError naming `source` when it is not a threshold report.
ThresholdJobResult thresholdReportFromJson(const nlohmann::json& json, const std::string& source);

/// Runs the job `options` describe (validated first) and writes `output` and `scores` when set.
/// Errors: UsageError, InputError (which file, which line), CancelledError.
ThresholdJobResult runThresholdJob(const ThresholdOptions& options,
                                   const ThresholdContext& context = {});

}  // namespace embedlab::eval

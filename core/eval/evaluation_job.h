// A whole evaluation job: load the evaluation set, evaluate each model (with and without the
// query instruction when asked, re-ranked by a cross-encoder when given), and write the metrics
// JSON, the TREC run files and the per-query table atomically. The CLI's `eval` is a flag table
// over EvaluationOptions and this runner; the Evaluation panel launches it with `eval --config`.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/problem.h"
#include "core/eval/evaluation_options.h"
#include "core/eval/retrieval_evaluator.h"

namespace embedlab::eval {

/// One row of the evaluation table.
struct ModelEvaluation {
  std::string model;     ///< the model folder
  std::string tag;       ///< its name: the folder's, "+instruction", "+rerank"
  std::string reranker;  ///< the cross-encoder that re-ranked this row ("": none)
  RetrievalEvalResult result;
};

/// Where an evaluation job reports to; every member may be left empty.
struct EvaluationContext {
  ProgressObserver* progress = nullptr;
  const CancellationToken* cancel = nullptr;
  unsigned searchThreads = 0;  ///< FAISS's OpenMP threads (0: the usable CPUs)
  /// Warnings found while reading the set (its path, the problems).
  std::function<void(const std::string&, const std::vector<Problem>&)> onWarnings;
  /// The embedding cache cannot be written (said once).
  std::function<void(const std::string&)> onCacheWriteFailure;
  /// Each row as soon as it is computed (the CLI's JSON events, the history's results).
  std::function<void(const ModelEvaluation&)> onResult;
};

struct EvaluationJobResult {
  std::vector<ModelEvaluation> evaluations;  ///< in table order
  /// Positives of the set that are not in its corpus (relevant, never retrievable).
  std::size_t positivesMissingFromCorpus = 0;
};

/// Runs the job `options` describe (validated first) and writes its output files when set.
/// Errors: UsageError, InputError (which file, which line), CancelledError.
EvaluationJobResult runEvaluationJob(const EvaluationOptions& options,
                                     const EvaluationContext& context = {});

}  // namespace embedlab::eval

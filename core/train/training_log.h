// What a training run reports as it goes: one record per logging step (the same record goes to
// `--progress json` on stdout, metrics.jsonl in the run folder, the GUI and the history
// database), and the observer interface that receives them. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/train/similarity_statistics.h"

namespace embedlab::train {

struct TrainingLogRecord {
  std::int64_t step = 0;  ///< optimiser steps done
  std::int64_t totalSteps = 0;
  double epoch = 0;  ///< fractional epoch
  double loss = 0;   ///< mean training loss since the previous record
  /// its main cross-entropy part: contrastive (bi-encoder), over each group's logits
  /// (reranker), or the encoder's masked-token predictions (pretrain)
  double contrastiveLoss = 0;
  /// its KL part towards the teacher scores; only with --knowledge_distillation (0 for steps
  /// whose batches hold no scored line)
  std::optional<double> distillationLoss;
  /// pretrain --method retromae: the decoder's reconstruction loss (loss = contrastiveLoss + it)
  std::optional<double> decoderLoss;
  double learningRate = 0;      ///< at the last step
  double gradNorm = 0;          ///< global gradient norm before clipping, last step
  double samplesPerSecond = 0;  ///< queries per second over all workers
  double tokensPerSecond = 0;   ///< real (non-padding) tokens per second over all workers
  double etaSeconds = 0;
  double elapsedSeconds = 0;
  /// Over the steps since the previous record; not written when empty (pre-training).
  SimilarityStatistics similarities;

  nlohmann::json toJson() const;
  /// A record read back (the GUI following a run's "log" events, metrics.jsonl): a missing or
  /// mistyped field reads as its default.
  static TrainingLogRecord fromJson(const nlohmann::json& json);
};

/// One evaluation of the model on the dev set during training (--eval_data): written to
/// metrics.jsonl as {"step", "epoch", "eval_<metric>": value..., "eval_seconds", "kind":
/// "evaluation"}, whose numeric fields the history keeps as metric series (eval_MRR@10, ...).
struct EvaluationRecord {
  std::int64_t step = 0;  ///< optimiser steps done when evaluated (0: the base model)
  double epoch = 0;
  /// The metrics as `eval` computes them, in its order ("MRR@1", ..., "MAP@100").
  std::vector<std::pair<std::string, double>> metrics;
  std::size_t queries = 0;    ///< queries evaluated
  double seconds = 0;         ///< what the evaluation took
  std::string bestMetric;     ///< metric_for_best_model
  std::int64_t bestStep = 0;  ///< the step of the best evaluation so far (this one included)
  double bestValue = 0;       ///< its bestMetric
  /// Evaluations in a row without improvement, this one included (0: this one is the best).
  int withoutImprovement = 0;

  /// The value of `name`, or nullopt when it was not computed.
  std::optional<double> value(const std::string& name) const;
  nlohmann::json toJson() const;
  /// A record read back; missing or mistyped fields read as their defaults.
  static EvaluationRecord fromJson(const nlohmann::json& json);
};

class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  virtual void onStart(std::int64_t /*totalSteps*/, std::int64_t /*firstStep*/) {}
  /// Called after every optimiser step (cheap: for progress bars).
  virtual void onStep(std::int64_t /*step*/, std::int64_t /*totalSteps*/) {}
  virtual void onLog(const TrainingLogRecord& /*record*/) {}
  virtual void onCheckpoint(const std::filesystem::path& /*folder*/, std::int64_t /*step*/) {}
  /// The model was evaluated on the dev set (--eval_data).
  virtual void onEvaluation(const EvaluationRecord& /*record*/) {}
  /// A one-line note for the user ("resuming from ...").
  virtual void onNote(const std::string& /*note*/) {}
};

}  // namespace embedlab::train

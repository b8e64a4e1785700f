// What a training run reports as it goes: one record per logging step (the same record goes to
// `--progress json` on stdout, metrics.jsonl in the run folder, the GUI and the history
// database), and the observer interface that receives them. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/train/similarity_statistics.h"

namespace embedlab::train {

struct TrainingLogRecord {
  std::int64_t step = 0;  ///< optimiser steps done
  std::int64_t totalSteps = 0;
  double epoch = 0;            ///< fractional epoch
  double loss = 0;             ///< mean training loss since the previous record
  double contrastiveLoss = 0;  ///< its cross-entropy part
  /// its KL part towards the teacher scores; only with --knowledge_distillation (0 for steps
  /// whose batches hold no scored line)
  std::optional<double> distillationLoss;
  double learningRate = 0;      ///< at the last step
  double gradNorm = 0;          ///< global gradient norm before clipping, last step
  double samplesPerSecond = 0;  ///< queries per second over all workers
  double tokensPerSecond = 0;   ///< real (non-padding) tokens per second over all workers
  double etaSeconds = 0;
  double elapsedSeconds = 0;
  SimilarityStatistics similarities;  ///< over the steps since the previous record

  nlohmann::json toJson() const;
  /// A record read back (the GUI following a run's "log" events, metrics.jsonl): a missing or
  /// mistyped field reads as its default.
  static TrainingLogRecord fromJson(const nlohmann::json& json);
};

class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  virtual void onStart(std::int64_t /*totalSteps*/, std::int64_t /*firstStep*/) {}
  /// Called after every optimiser step (cheap: for progress bars).
  virtual void onStep(std::int64_t /*step*/, std::int64_t /*totalSteps*/) {}
  virtual void onLog(const TrainingLogRecord& /*record*/) {}
  virtual void onCheckpoint(const std::filesystem::path& /*folder*/, std::int64_t /*step*/) {}
  /// A one-line note for the user ("resuming from ...").
  virtual void onNote(const std::string& /*note*/) {}
};

}  // namespace embedlab::train

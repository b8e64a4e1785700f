// A contrastive fine-tuning run: the C++ counterpart of the reference workflow's
// `torchrun ... finetune.run`, as one call. It loads the model and the training files, trains
// (in-batch and group negatives, optional cross-device negatives, distillation, gradient cache,
// gradient checkpointing, mixed precision), logs, checkpoints, resumes, stops cleanly when asked,
// and writes the final model at the root of the output folder. Works in one process or as one
// worker of many (core/dist). Torch-free header: the GUI can link against it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/common/progress.h"
#include "core/train/training_log.h"
#include "core/train/training_options.h"

namespace embedlab::train {

enum class TrainingStatus {
  Finished,     ///< all steps done; the final model is at the output folder's root
  Interrupted,  ///< stopped on request at a batch boundary; a checkpoint was saved
};

struct TrainingResult {
  TrainingStatus status = TrainingStatus::Finished;
  std::int64_t steps = 0;                ///< optimiser steps done (resumed ones included)
  std::filesystem::path lastCheckpoint;  ///< empty when none was written
  double finalLoss = 0;                  ///< the last logged loss
  /// Why it finished before its last step (early stopping), or empty.
  std::string stoppedEarly;
  /// With --eval_data: the step of the best evaluation and its metric_for_best_model (-1: none),
  /// and whether the model at output_dir's root is that one (--load_best_model_at_end).
  std::int64_t bestStep = -1;
  double bestValue = 0;
  bool finalModelIsBest = false;
};

/// Runs the training described by `options` (validate() first). Throws UsageError for options
/// that do not fit the data or model, InputError for bad data, TrainingError for numeric failure.
TrainingResult runTraining(const TrainingOptions& options, TrainingObserver* observer = nullptr,
                           const CancellationToken* stop = nullptr);

/// The loss or a gradient became NaN or infinite: names the step, the quantity and a hint.
class TrainingError : public Error {
 public:
  using Error::Error;
};

/// Checkpoint folders of a run ("checkpoint-<step>"), oldest first.
std::vector<std::filesystem::path> listCheckpoints(const std::filesystem::path& outputDir);

}  // namespace embedlab::train

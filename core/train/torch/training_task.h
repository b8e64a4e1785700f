// What a training run trains, and with which loss: the one part that differs between fine-tuning
// a bi-encoder (`train`: queries and passages embedded apart, contrastive loss over in-batch and
// group negatives) and a reranker (`train-reranker`: each query read with each passage of its
// group, cross-entropy over the group's logits). The trainer (trainer.cpp) owns everything else
// and shares it between the two: worker processes, sampling, the optimiser and learning-rate
// schedule, mixed precision, gradient averaging and clipping, logging, checkpoints, resume and
// stopping. INTERNAL to core (LibTorch types).
#pragma once

#include <torch/nn/module.h>
#include <torch/types.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "core/model/embedding_model.h"
#include "core/model/torch/encoder_module.h"
#include "core/train/group_sampler.h"
#include "core/train/similarity_statistics.h"
#include "core/train/training_options.h"

namespace embedlab::dist {
class ProcessGroup;
}

namespace embedlab::train {

/// One step's loss values (detached, for logging).
struct StepLoss {
  double loss = 0;          ///< what was minimised
  double primary = 0;       ///< the contrastive (bi-encoder) or cross-entropy (reranker) part
  double distillation = 0;  ///< the KL part towards teacher scores (0 without them)
  double decoder = 0;       ///< pretrain --method retromae: the decoder's part
  double realTokens = 0;    ///< non-padding tokens this worker processed
};

class TrainingTask {
 public:
  virtual ~TrainingTask() = default;

  /// Loads the model to train from a model or checkpoint folder onto `device`, in train mode.
  virtual void load(const std::filesystem::path& folder, const torch::Device& device) = 0;
  /// Every parameter the optimiser may update (trainableParameters() chooses among them).
  virtual torch::nn::Module& module() = 0;
  /// The transformer inside, for gradient checkpointing.
  virtual model::EncoderModuleImpl& encoder() = 0;
  /// Writes the model as a Hugging Face folder.
  virtual void save(const std::filesystem::path& folder) const = 0;
  /// Writes what a checkpoint needs to resume: the model, and any trained part the final model
  /// leaves out (RetroMAE's decoder). load() reads it back.
  virtual void saveCheckpoint(const std::filesystem::path& folder) const { save(folder); }
  /// The model being trained as an embedding model, for evaluation on a dev set (it shares
  /// module()'s parameters); nullptr for a task that is not a bi-encoder.
  virtual const model::EmbeddingModel* embeddingModel() const { return nullptr; }

  /// Forward and backward of this worker's `groups` (query, positive, negatives, teacher scores):
  /// gradients accumulate in module()'s parameters from the loss times `lossScale` (fp16 loss
  /// scaling). The step's score distributions are added to `similarities`. Throws TrainingError
  /// when the loss is not finite.
  virtual StepLoss step(std::int64_t stepIndex, const std::vector<TrainingGroup>& groups,
                        double lossScale, SimilarityStatistics& similarities) = 0;
};

/// The groups' teacher scores (pos_scores, neg_scores) divided by `temperature` (the teacher's:
/// --teacher_temperature) as [B, G] float32 on `device`; `mask` becomes [B] bool: which groups
/// have G of them (the others are left out of distillation, their rows zero). Always the same
/// shapes whatever the groups hold, so that workers gathering them issue equal collectives.
torch::Tensor teacherScoreTensor(const std::vector<TrainingGroup>& groups, std::int64_t groupSize,
                                 double temperature, const torch::Device& device,
                                 torch::Tensor& mask);

/// The bi-encoder task. `group` (may be null) shares negatives across workers when
/// options.negativesCrossDevice is set.
std::unique_ptr<TrainingTask> makeBiEncoderTask(const TrainingOptions& options,
                                                dist::ProcessGroup* group, int worldSize);

/// The reranker task (options.task == "reranker").
std::unique_ptr<TrainingTask> makeRerankerTask(const TrainingOptions& options);

/// The pre-training task (options.task == "pretrain"; core/pretrain/pretraining_task.cpp): masked
/// language modelling or RetroMAE on the groups' texts (one per group, in `query`). `group`
/// (null for one worker) weighs each worker's loss by its share of the labelled tokens.
std::unique_ptr<TrainingTask> makePretrainingTask(const TrainingOptions& options,
                                                  dist::ProcessGroup* group, int worldSize);

}  // namespace embedlab::train

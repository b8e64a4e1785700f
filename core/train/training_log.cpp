#include "core/train/training_log.h"

namespace embedlab::train {

nlohmann::json TrainingLogRecord::toJson() const {
  return {{"step", step},
          {"total_steps", totalSteps},
          {"epoch", epoch},
          {"loss", loss},
          {"contrastive_loss", contrastiveLoss},
          {"distillation_loss", distillationLoss},
          {"learning_rate", learningRate},
          {"grad_norm", gradNorm},
          {"samples_per_second", samplesPerSecond},
          {"tokens_per_second", tokensPerSecond},
          {"eta_seconds", etaSeconds},
          {"elapsed_seconds", elapsedSeconds},
          {"similarities", similarities.toJson()}};
}

}  // namespace embedlab::train

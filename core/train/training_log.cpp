#include "core/train/training_log.h"

namespace embedlab::train {

nlohmann::json TrainingLogRecord::toJson() const {
  nlohmann::json json = {{"step", step},
                         {"total_steps", totalSteps},
                         {"epoch", epoch},
                         {"loss", loss},
                         {"contrastive_loss", contrastiveLoss},
                         {"learning_rate", learningRate},
                         {"grad_norm", gradNorm},
                         {"samples_per_second", samplesPerSecond},
                         {"tokens_per_second", tokensPerSecond},
                         {"eta_seconds", etaSeconds},
                         {"elapsed_seconds", elapsedSeconds},
                         {"similarities", similarities.toJson()}};
  if (distillationLoss) json["distillation_loss"] = *distillationLoss;
  return json;
}

}  // namespace embedlab::train

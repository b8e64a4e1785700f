#include "core/train/training_log.h"

#include "core/common/json_read.h"

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
                         {"elapsed_seconds", elapsedSeconds}};
  // Fine-tuning measures the similarities it trains; pre-training has none to show.
  if (similarities.positives.count() > 0) json["similarities"] = similarities.toJson();
  if (distillationLoss) json["distillation_loss"] = *distillationLoss;
  if (decoderLoss) json["decoder_loss"] = *decoderLoss;
  return json;
}

TrainingLogRecord TrainingLogRecord::fromJson(const nlohmann::json& json) {
  TrainingLogRecord r;
  if (!json.is_object()) return r;
  r.step = fieldOr(json, "step", std::int64_t{0});
  r.totalSteps = fieldOr(json, "total_steps", std::int64_t{0});
  r.epoch = fieldOr(json, "epoch", 0.0);
  r.loss = fieldOr(json, "loss", 0.0);
  r.contrastiveLoss = fieldOr(json, "contrastive_loss", 0.0);
  if (json.contains("distillation_loss"))
    r.distillationLoss = fieldOr(json, "distillation_loss", 0.0);
  if (json.contains("decoder_loss")) r.decoderLoss = fieldOr(json, "decoder_loss", 0.0);
  r.learningRate = fieldOr(json, "learning_rate", 0.0);
  r.gradNorm = fieldOr(json, "grad_norm", 0.0);
  r.samplesPerSecond = fieldOr(json, "samples_per_second", 0.0);
  r.tokensPerSecond = fieldOr(json, "tokens_per_second", 0.0);
  r.etaSeconds = fieldOr(json, "eta_seconds", 0.0);
  r.elapsedSeconds = fieldOr(json, "elapsed_seconds", 0.0);
  r.similarities = SimilarityStatistics::fromJson(json.value("similarities", nlohmann::json()));
  return r;
}

std::optional<double> EvaluationRecord::value(const std::string& name) const {
  for (const auto& [metric, number] : metrics) {
    if (metric == name) return number;
  }
  return std::nullopt;
}

nlohmann::json EvaluationRecord::toJson() const {
  nlohmann::json json = {{"kind", "evaluation"}, {"step", step}, {"epoch", epoch}};
  for (const auto& [metric, number] : metrics)
    json["eval_" + metric] = number;
  json["eval_queries"] = queries;
  json["eval_seconds"] = seconds;
  json["best_metric"] = bestMetric;
  json["best_step"] = bestStep;
  json["best_value"] = bestValue;
  json["evaluations_without_improvement"] = withoutImprovement;
  return json;
}

EvaluationRecord EvaluationRecord::fromJson(const nlohmann::json& json) {
  EvaluationRecord r;
  if (!json.is_object()) return r;
  r.step = fieldOr(json, "step", std::int64_t{0});
  r.epoch = fieldOr(json, "epoch", 0.0);
  r.queries = fieldOr(json, "eval_queries", std::size_t{0});
  r.seconds = fieldOr(json, "eval_seconds", 0.0);
  r.bestStep = fieldOr(json, "best_step", std::int64_t{0});
  r.bestValue = fieldOr(json, "best_value", 0.0);
  r.withoutImprovement = fieldOr(json, "evaluations_without_improvement", 0);
  r.bestMetric = fieldOr(json, "best_metric", std::string());
  for (const auto& [key, value] : json.items()) {
    if (key.rfind("eval_", 0) == 0 && key != "eval_queries" && key != "eval_seconds" &&
        value.is_number())
      r.metrics.emplace_back(key.substr(5), value.get<double>());
  }
  return r;
}

}  // namespace embedlab::train

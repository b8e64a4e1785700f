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

TrainingLogRecord TrainingLogRecord::fromJson(const nlohmann::json& json) {
  TrainingLogRecord r;
  if (!json.is_object()) return r;
  const auto number = [&json](const char* key, auto fallback) {
    const auto found = json.find(key);
    return found != json.end() && found->is_number() ? found->get<decltype(fallback)>() : fallback;
  };
  r.step = number("step", std::int64_t{0});
  r.totalSteps = number("total_steps", std::int64_t{0});
  r.epoch = number("epoch", 0.0);
  r.loss = number("loss", 0.0);
  r.contrastiveLoss = number("contrastive_loss", 0.0);
  if (json.contains("distillation_loss")) r.distillationLoss = number("distillation_loss", 0.0);
  r.learningRate = number("learning_rate", 0.0);
  r.gradNorm = number("grad_norm", 0.0);
  r.samplesPerSecond = number("samples_per_second", 0.0);
  r.tokensPerSecond = number("tokens_per_second", 0.0);
  r.etaSeconds = number("eta_seconds", 0.0);
  r.elapsedSeconds = number("elapsed_seconds", 0.0);
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
  const auto number = [&json](const char* key, auto fallback) {
    const auto found = json.find(key);
    return found != json.end() && found->is_number() ? found->get<decltype(fallback)>() : fallback;
  };
  r.step = number("step", std::int64_t{0});
  r.epoch = number("epoch", 0.0);
  r.queries = number("eval_queries", std::size_t{0});
  r.seconds = number("eval_seconds", 0.0);
  r.bestStep = number("best_step", std::int64_t{0});
  r.bestValue = number("best_value", 0.0);
  r.withoutImprovement = number("evaluations_without_improvement", 0);
  if (const auto metric = json.find("best_metric"); metric != json.end() && metric->is_string())
    r.bestMetric = metric->get<std::string>();
  for (const auto& [key, value] : json.items()) {
    if (key.rfind("eval_", 0) == 0 && key != "eval_queries" && key != "eval_seconds" &&
        value.is_number())
      r.metrics.emplace_back(key.substr(5), value.get<double>());
  }
  return r;
}

}  // namespace embedlab::train

#include "core/data/training_example.h"

#include <nlohmann/json.hpp>

namespace embedlab {

std::string toJsonLine(const TrainingExample& example) {
  // ordered_json keeps the field order users know from the reference format.
  nlohmann::ordered_json object;
  object["query"] = example.query;
  object["pos"] = example.positives;
  object["neg"] = example.negatives;
  if (!example.positiveScores.empty()) {
    object["pos_scores"] = example.positiveScores;
  }
  if (!example.negativeScores.empty()) {
    object["neg_scores"] = example.negativeScores;
  }
  if (example.prompt) {
    object["prompt"] = *example.prompt;
  }
  for (const auto& [key, rawJson] : example.extraFields) {
    object[key] = nlohmann::ordered_json::parse(rawJson);
  }
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

}  // namespace embedlab

// The training-data model: one query with its positive and negative passages, as the reference
// workflow's JSONL holds it ({"query": str, "pos": [str], "neg": [str]}, optional "pos_scores",
// "neg_scores" (teacher scores for distillation, one per text) and "prompt").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace embedlab {

struct TrainingExample {
  std::string query;                   ///< "query"
  std::vector<std::string> positives;  ///< "pos": at least one
  std::vector<std::string> negatives;  ///< "neg": may be empty (sampled from the corpus then)
  std::vector<double> positiveScores;  ///< "pos_scores": empty, or one per positive
  std::vector<double> negativeScores;  ///< "neg_scores": empty, or one per negative
  std::optional<std::string> prompt;   ///< "prompt": a per-example query instruction
  /// Fields the format does not define, kept as raw JSON (in file order) so that jobs that
  /// rewrite a file (mining) keep everything a line had.
  std::vector<std::pair<std::string, std::string>> extraFields;
  std::uint64_t line = 0;  ///< 1-based line in the source file
};

/// The example as one JSONL line (no newline): the known fields, then extraFields.
std::string toJsonLine(const TrainingExample& example);

}  // namespace embedlab

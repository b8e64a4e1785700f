// Every option of a threshold job (`embedlab-cli threshold`, the Thresholds panel's "Score and
// fit"): which model scores which labelled pairs, how the groups are split and what the report
// holds. Serialised to JSON under the CLI's names: `threshold --config FILE.json` reads it and the
// history records it typed.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/common/option_table.h"

#include "core/eval/threshold_analysis.h"
#include "core/model/encoding_options.h"

namespace embedlab::eval {

struct ThresholdOptions {
  std::string modelNameOrPath;  ///< model_name_or_path: a bi-encoder or a reranker folder
  std::string pairs;  ///< pairs: labelled pairs, a .tsv (text_a, text_b, label) or a JSONL
  /// target_precision, fit_fraction, seed, bins: how the threshold is fitted and reported
  ThresholdAnalysisOptions analysis;
  std::string queryInstruction;     ///< query_instruction_for_retrieval: before text_a / the query
  std::string passageInstruction;   ///< passage_instruction: before text_b / the passage
  model::EncodingOptions encoding;  ///< batch_size, max_len, fp16, device, no_cache, cache_dir
  bool normalizeScores = false;  ///< normalize_scores: a reranker's sigmoid(logit), not its logit
  std::size_t queryMaxLength = 64;  ///< query_max_len: a reranker cuts text_a to this many tokens
  std::string output;               ///< output: the analysis as JSON ("": only printed)
  std::string scores;  ///< scores: every pair's score, label and part as JSONL ("": none)

  /// The options as JSON, under the CLI's names.
  nlohmann::json toJson() const;
  /// Options from JSON: an unknown key or a value of the wrong type is a UsageError naming
  /// `source` and the option.
  static ThresholdOptions fromJson(const nlohmann::json& json, const std::string& source);
  /// Every option: name, group, help, type and default (option_table.h), in the order listed.
  static const std::vector<OptionDescription>& table();
};

/// Throws UsageError naming the option that is missing or out of range.
void validate(const ThresholdOptions& options);

}  // namespace embedlab::eval

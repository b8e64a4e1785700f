// Every option of a merge job (`embedlab-cli merge`): which models, and how their weights are
// chosen (given, from a few examples' losses, or by a sweep over an evaluation set). Serialised
// to JSON under the CLI's names: `merge --config FILE.json` reads it and the history records it
// typed.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/encoding_options.h"
#include "core/model/model_merge.h"

namespace embedlab::model {

struct MergeOptions {
  std::vector<std::string> models;  ///< models: two or more folders; the first one's files stay
  std::vector<double> weights;      ///< weights: one per model, non-negative, summing to 1
  bool normalizeWeights = false;    ///< normalize_weights: divide the weights by their sum instead
  std::string output;               ///< output: the new folder for the merged model
  /// weights_from_examples: choose the weights as softmax(-loss/5) of each model's loss on the
  /// first example_count examples of this training file ("": no)
  std::string examples;
  /// example_count, query_max_len, query_instruction_for_retrieval (passage length: the
  /// encoding's): how the examples and the sweep's queries are read
  ExampleLossOptions loss;
  std::string sweep;           ///< sweep: START:END:STEP of the first model's weight ("": no sweep)
  std::string evalSet;         ///< eval_set: the target task's BEIR folder (with a sweep)
  std::string generalEvalSet;  ///< general_eval_set: what merging should preserve ("": none)
  std::string split = "test";  ///< split: which qrels split of the evaluation sets
  std::string metric = "nDCG@10";  ///< metric: what the sweep reports and chooses by
  std::string retriever;  ///< retriever: for a sweep over rerankers, the bi-encoder re-ranked
  std::size_t rerankTopK = 100;     ///< rerank_top_k: hits per query each reranker mix re-ranks
  model::EncodingOptions encoding;  ///< batch_size, passage_max_len, fp16, device (no cache)

  /// The options as JSON, under the CLI's names.
  nlohmann::json toJson() const;
  /// Options from JSON: an unknown key or a value of the wrong type is a UsageError naming
  /// `source` and the option.
  static MergeOptions fromJson(const nlohmann::json& json, const std::string& source);
  /// Every option: name, group, help, type and default (option_table.h), in the order listed.
  static const std::vector<OptionDescription>& table();
};

/// Throws UsageError naming what is missing or malformed (fewer than two models, no output, a
/// malformed sweep, a sweep without its evaluation set, a metric the sweep cannot report).
void validate(const MergeOptions& options);

/// The first model's weights a sweep "START:END:STEP" visits (both ends included); UsageError
/// for a malformed one.
std::vector<double> sweepGrid(const std::string& text);

}  // namespace embedlab::model

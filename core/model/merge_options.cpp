#include "core/model/merge_options.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <set>
#include <sstream>

#include "core/common/error.h"
#include "core/common/option_json.h"

namespace embedlab::model {

namespace {

const char* const kModels = OPTION_TEXT("Options", "Models and weights");
const char* const kSweep = OPTION_TEXT("Options", "Sweep");
const char* const kEncoding = OPTION_TEXT("Options", "Encoding");

// The table of the merge's options (option_table.h), in the order --help lists them.
template <typename Visitor>
void visitFields(MergeOptions& o, Visitor&& visit) {
  visit(
      {"models", kModels, OPTION_TEXT("Options", "Model folders; the first one's files are kept."),
       kEveryTask, "", "", true},
      o.models);
  visit({"weights", kModels,
         OPTION_TEXT(
             "Options",
             "One weight per model, non-negative, summing to 1 (this, --weights_from_examples "
             "or --sweep is required).")},
        o.weights);
  visit(
      {"normalize_weights", kModels,
       OPTION_TEXT("Options", "Divide the weights by their sum instead of requiring a sum of 1.")},
      o.normalizeWeights);
  visit({"output", kModels, OPTION_TEXT("Options", "New folder for the merged model."), kEveryTask,
         "", "", true},
        o.output);
  visit({"weights_from_examples", kModels,
         OPTION_TEXT(
             "Options",
             "Choose the weights as softmax(-loss/5) of each model's loss on the first examples "
             "of this training file: each positive against the example's negatives, by "
             "similarity / 0.05 for bi-encoders, by logit for rerankers (default: none).")},
        o.examples);
  visit(
      {"example_count", kModels, OPTION_TEXT("Options", "Examples --weights_from_examples uses.")},
      o.loss.exampleCount);
  visit({"sweep", kSweep,
         OPTION_TEXT("Options",
                     "START:END:STEP: evaluate the first model's weight at each step (two models); "
                     "without --weights the best on --eval_set is written (default: no sweep).")},
        o.sweep);
  visit({"eval_set", kSweep,
         OPTION_TEXT("Options",
                     "Target-task evaluation set (BEIR folder); required with "
                     "--sweep.")},
        o.evalSet);
  visit({"general_eval_set", kSweep,
         OPTION_TEXT("Options",
                     "General evaluation set (BEIR folder): what merging should preserve (default: "
                     "none).")},
        o.generalEvalSet);
  visit(
      {"split", kSweep, OPTION_TEXT("Options", "Which qrels split of the evaluation sets to use.")},
      o.split);
  visit({"metric", kSweep, OPTION_TEXT("Options", "Metric the sweep reports and chooses by."),
         kEveryTask, "", "MRR@10,nDCG@10,Recall@10,Recall@100,R_cap@10,R_cap@100,MAP@100"},
        o.metric);
  visit(
      {"retriever", kSweep,
       OPTION_TEXT("Options",
                   "A sweep over rerankers: the bi-encoder whose hits each mix re-ranks (default: "
                   "none; required when the models are rerankers).")},
      o.retriever);
  visit({"rerank_top_k", kSweep,
         OPTION_TEXT("Options",
                     "A sweep over rerankers: hits per query each mix "
                     "re-ranks.")},
        o.rerankTopK);
  visit({"query_max_len", kEncoding, OPTION_TEXT("Options", "Longest query in tokens.")},
        o.loss.queryMaxLength);
  visit({"query_instruction_for_retrieval", kEncoding,
         OPTION_TEXT("Options",
                     "Text put before queries in the examples and the sweep (default: nothing).")},
        o.loss.queryInstruction);
  visitEncodingFields(
      o.encoding, visit, kEncoding,
      OptionInfo{"passage_max_len", kEncoding, OPTION_TEXT("Options", "Longest passage in tokens."),
                 kEveryTask, "max_len"});
}

}  // namespace

nlohmann::json MergeOptions::toJson() const {
  return optionsToJson(*this, [](auto& o, auto&& visit) { visitFields(o, visit); });
}

MergeOptions MergeOptions::fromJson(const nlohmann::json& json, const std::string& source) {
  return optionsFromJson<MergeOptions>(json, source, "merge options",
                                       [](auto& o, auto&& visit) { visitFields(o, visit); });
}

const std::vector<OptionDescription>& MergeOptions::table() {
  static const std::vector<OptionDescription> rows =
      describeOptions<MergeOptions>([](auto& o, auto&& visit) { visitFields(o, visit); });
  return rows;
}

std::vector<double> sweepGrid(const std::string& text) {
  double start = 0, end = 0, step = 0;
  char colon1 = 0, colon2 = 0;
  std::istringstream in(text);
  in >> start >> colon1 >> end >> colon2 >> step;
  if (!in || colon1 != ':' || colon2 != ':' || !in.eof() || step <= 0 || start < 0 || end > 1 ||
      start > end) {
    throw UsageError("--sweep " + text +
                     ": expected START:END:STEP with 0 <= START <= END <= 1 and STEP > 0 "
                     "(e.g. 0:1:0.1)");
  }
  std::vector<double> grid;
  const auto count = static_cast<std::int64_t>(std::floor((end - start) / step + 1e-9));
  for (std::int64_t i = 0; i <= count; ++i)
    grid.push_back(std::round((start + static_cast<double>(i) * step) * 1e9) / 1e9);
  return grid;
}

void validate(const MergeOptions& o) {
  requireOption(o.models.size() >= 2, "--models needs two model folders or more");
  requireOption(!o.output.empty(), "--output is required");
  requireOption(o.weights.empty() || o.examples.empty(),
                "--weights and --weights-from-examples exclude each other");
  requireOption(o.loss.exampleCount >= 1, "--example_count must be at least 1");
  requireOption(o.rerankTopK >= 1, "--rerank_top_k must be at least 1");
  static const std::set<std::string> metrics{"MRR@10",   "nDCG@10",   "Recall@10", "Recall@100",
                                             "R_cap@10", "R_cap@100", "MAP@100"};
  requireOption(metrics.count(o.metric) > 0,
                "--metric must be one of MRR@10, nDCG@10, Recall@10, Recall@100, R_cap@10, "
                "R_cap@100, MAP@100, got \"" +
                    o.metric + "\"");
  if (!o.sweep.empty()) {
    sweepGrid(o.sweep);  // throws for a malformed one
    requireOption(o.models.size() == 2, "--sweep mixes exactly two models");
    requireOption(!o.evalSet.empty(), "--sweep needs --eval-set DIR");
  }
  validate(o.encoding);
}

}  // namespace embedlab::model

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

template <typename Visitor>
void visitFields(MergeOptions& o, Visitor&& visit) {
  visit("models", o.models);
  visit("weights", o.weights);
  visit("normalize_weights", o.normalizeWeights);
  visit("output", o.output);
  visit("weights_from_examples", o.examples);
  visit("example_count", o.loss.exampleCount);
  visit("sweep", o.sweep);
  visit("eval_set", o.evalSet);
  visit("general_eval_set", o.generalEvalSet);
  visit("split", o.split);
  visit("metric", o.metric);
  visit("retriever", o.retriever);
  visit("rerank_top_k", o.rerankTopK);
  visit("query_max_len", o.loss.queryMaxLength);
  visit("query_instruction_for_retrieval", o.loss.queryInstruction);
  visitEncodingFields(o.encoding, visit, "passage_max_len");
}

}  // namespace

nlohmann::json MergeOptions::toJson() const {
  return optionsToJson(*this, [](auto& o, auto&& visit) { visitFields(o, visit); });
}

MergeOptions MergeOptions::fromJson(const nlohmann::json& json, const std::string& source) {
  return optionsFromJson<MergeOptions>(json, source, "merge options",
                                       [](auto& o, auto&& visit) { visitFields(o, visit); });
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

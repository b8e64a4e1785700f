#include "core/eval/evaluation_options.h"

#include <fmt/format.h>

#include <set>

#include "core/common/error.h"
#include "core/common/option_json.h"

namespace embedlab::eval {

namespace {

template <typename Visitor>
void visitFields(EvaluationOptions& o, Visitor&& visit) {
  visit("models", o.models);
  visit("data", o.data);
  visit("split", o.split);
  visit("corpus", o.corpus);
  visit("queries", o.queries);
  visit("k", o.k);
  visit("skip_queries_without_relevant", o.skipQueriesWithoutRelevant);
  visit("add_instruction", o.addInstruction);
  visit("query_instruction", o.queryInstruction);
  visit("passage_instruction", o.passageInstruction);
  visit("compare_instruction", o.compareInstruction);
  visit("query_max_len", o.queryMaxLength);
  model::visitEncodingFields(o.encoding, visit);
  visit("index", o.index);
  visit("reranker", o.reranker);
  visit("rerank_top_k", o.rerankTopK);
  visit("rerank_batch_size", o.rerankBatchSize);
  visit("normalize_scores", o.normalizeScores);
  visit("output", o.output);
  visit("run_file", o.runFile);
  visit("per_query", o.perQuery);
}

}  // namespace

nlohmann::json EvaluationOptions::toJson() const {
  return optionsToJson(*this, [](auto& o, auto&& visit) { visitFields(o, visit); });
}

EvaluationOptions EvaluationOptions::fromJson(const nlohmann::json& json,
                                              const std::string& source) {
  return optionsFromJson<EvaluationOptions>(json, source, "evaluation options",
                                            [](auto& o, auto&& visit) { visitFields(o, visit); });
}

void validate(const EvaluationOptions& o) {
  requireOption(!o.models.empty(), "give a model folder (--model) or several (--models)");
  requireOption(o.data.empty() != (o.corpus.empty() || o.queries.empty()),
                "give either --data SET_DIR (BEIR layout) or both --corpus and --queries (MS MARCO "
                "layout)");
  requireOption(o.k >= 1 && o.k <= 100000, fmt::format("--k must be in [1, 100000], got {}", o.k));
  requireOption(o.rerankTopK >= 1 && o.rerankTopK <= 100000,
                fmt::format("--rerank_top_k must be in [1, 100000], got {}", o.rerankTopK));
  requireOption(
      o.rerankBatchSize >= 1 && o.rerankBatchSize <= 100000,
      fmt::format("--rerank_batch_size must be in [1, 100000], got {}", o.rerankBatchSize));
  requireOption(o.queryMaxLength >= 2, "--query_max_len must be at least 2");
  requireOption(o.index == "flat" || o.index == "ivf" || o.index == "hnsw",
                "--index must be flat, ivf or hnsw, got \"" + o.index + "\"");
  model::validate(o.encoding);
}

}  // namespace embedlab::eval

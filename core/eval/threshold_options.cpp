#include "core/eval/threshold_options.h"

#include <fmt/format.h>

#include <set>

#include "core/common/error.h"
#include "core/common/option_json.h"

namespace embedlab::eval {

namespace {

template <typename Visitor>
void visitFields(ThresholdOptions& o, Visitor&& visit) {
  visit("model_name_or_path", o.modelNameOrPath);
  visit("pairs", o.pairs);
  visit("target_precision", o.analysis.targetPrecision);
  visit("fit_fraction", o.analysis.fitFraction);
  visit("seed", o.analysis.seed);
  visit("bins", o.analysis.bins);
  visit("query_instruction_for_retrieval", o.queryInstruction);
  visit("passage_instruction", o.passageInstruction);
  model::visitEncodingFields(o.encoding, visit);
  visit("normalize_scores", o.normalizeScores);
  visit("query_max_len", o.queryMaxLength);
  visit("output", o.output);
  visit("scores", o.scores);
}

}  // namespace

nlohmann::json ThresholdOptions::toJson() const {
  return optionsToJson(*this, [](auto& o, auto&& visit) { visitFields(o, visit); });
}

ThresholdOptions ThresholdOptions::fromJson(const nlohmann::json& json, const std::string& source) {
  return optionsFromJson<ThresholdOptions>(json, source, "threshold options",
                                           [](auto& o, auto&& visit) { visitFields(o, visit); });
}

void validate(const ThresholdOptions& o) {
  requireOption(!o.modelNameOrPath.empty(), "--model_name_or_path is required");
  requireOption(!o.pairs.empty(), "--pairs is required");
  const ThresholdAnalysisOptions& a = o.analysis;
  requireOption(a.targetPrecision >= 0 && a.targetPrecision <= 1,
                fmt::format("--target_precision must be in [0, 1], got {}", a.targetPrecision));
  requireOption(a.fitFraction >= 0.05 && a.fitFraction <= 0.95,
                fmt::format("--fit_fraction must be in [0.05, 0.95], got {}", a.fitFraction));
  requireOption(a.bins >= 2 && a.bins <= 10000,
                fmt::format("--bins must be in [2, 10000], got {}", a.bins));
  requireOption(o.queryMaxLength >= 2, "--query_max_len must be at least 2");
  model::validate(o.encoding);
}

}  // namespace embedlab::eval

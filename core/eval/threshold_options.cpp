#include "core/eval/threshold_options.h"

#include <fmt/format.h>

#include <set>

#include "core/common/error.h"
#include "core/common/option_json.h"

namespace embedlab::eval {

namespace {

const char* const kInputs = OPTION_TEXT("Options", "Model and pairs");
const char* const kFit = OPTION_TEXT("Options", "Fitting");
const char* const kEncoding = OPTION_TEXT("Options", "Encoding");
const char* const kOutputs = OPTION_TEXT("Options", "Outputs");

// The table of the threshold job's options (option_table.h), in the order --help lists them.
template <typename Visitor>
void visitFields(ThresholdOptions& o, Visitor&& visit) {
  visit({"model_name_or_path", kInputs,
         OPTION_TEXT("Options", "The model folder: a bi-encoder or a reranker."), kEveryTask,
         "model", "", true},
        o.modelNameOrPath);
  visit({"pairs", kInputs,
         OPTION_TEXT(
             "Options",
             "Labelled pairs: a .tsv of text_a, text_b, label, or a training JSONL (the query "
             "with each pos is similar, with each neg dissimilar)."),
         kEveryTask, "", "", true},
        o.pairs);
  visit(
      {"target_precision", kFit,
       OPTION_TEXT("Options",
                   "Precision the second threshold must reach: the lowest score that reaches it on "
                   "the fitted part.")},
      o.analysis.targetPrecision);
  visit(
      {"fit_fraction", kFit,
       OPTION_TEXT("Options",
                   "Share of the groups (queries / text_a) the thresholds are fitted on; the rest "
                   "reports them.")},
      o.analysis.fitFraction);
  visit(
      {"seed", kFit, OPTION_TEXT("Options", "Seed of the split into fitted and held-out groups.")},
      o.analysis.seed);
  visit({"bins", kFit, OPTION_TEXT("Options", "Histogram bins in the JSON report.")},
        o.analysis.bins);
  visit({"query_instruction_for_retrieval", kEncoding,
         OPTION_TEXT("Options", "Text put before text_a / the query (default: nothing)."),
         kEveryTask, "instruction_a"},
        o.queryInstruction);
  visit({"passage_instruction", kEncoding,
         OPTION_TEXT("Options", "Text put before text_b / the passage (default: nothing)."),
         kEveryTask, "instruction_b"},
        o.passageInstruction);
  model::visitEncodingFields(o.encoding, visit, kEncoding);
  visit({"normalize_scores", kEncoding,
         OPTION_TEXT("Options",
                     "With a reranker: thresholds on sigmoid(logit) in [0, 1], not raw logits.")},
        o.normalizeScores);
  visit({"query_max_len", kEncoding,
         OPTION_TEXT("Options", "With a reranker: text_a (the query) is cut to this many tokens.")},
        o.queryMaxLength);
  visit({"output", kOutputs,
         OPTION_TEXT(
             "Options",
             "Write the analysis (curve, histograms, both parts) as JSON to this file (default: "
             "only printed).")},
        o.output);
  visit({"scores", kOutputs,
         OPTION_TEXT(
             "Options",
             "Write every pair's score, label and part (fit or held_out) as JSONL to this file "
             "(default: none).")},
        o.scores);
}

}  // namespace

nlohmann::json ThresholdOptions::toJson() const {
  return optionsToJson(*this, [](auto& o, auto&& visit) { visitFields(o, visit); });
}

ThresholdOptions ThresholdOptions::fromJson(const nlohmann::json& json, const std::string& source) {
  return optionsFromJson<ThresholdOptions>(json, source, "threshold options",
                                           [](auto& o, auto&& visit) { visitFields(o, visit); });
}

const std::vector<OptionDescription>& ThresholdOptions::table() {
  static const std::vector<OptionDescription> rows =
      describeOptions<ThresholdOptions>([](auto& o, auto&& visit) { visitFields(o, visit); });
  return rows;
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

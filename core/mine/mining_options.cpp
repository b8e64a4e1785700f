#include "core/mine/mining_options.h"

#include <fmt/format.h>

#include <set>

#include "core/common/error.h"
#include "core/common/option_json.h"

namespace embedlab::mine {

namespace {

// One table of (name, member) pairs for the plain fields; the range and the sampling choice are
// converted around it (two numbers, a name).
template <typename Visitor>
void visitFields(MiningOptions& o, Visitor&& visit) {
  visit("model_name_or_path", o.modelNameOrPath);
  visit("input_file", o.inputFile);
  visit("output_file", o.outputFile);
  visit("candidate_pool", o.candidatePool);
  visit("report", o.report);
  visit("negative_number", o.selection.negativeNumber);
  visit("relative_margin", o.selection.relativeMargin);
  visit("absolute_margin", o.selection.absoluteMargin);
  visit("max_score", o.selection.maxScore);
  visit("pad_random", o.selection.padRandom);
  visit("seed", o.selection.seed);
  visit("write_scores", o.writeScores);
  visit("query_instruction_for_retrieval", o.queryInstruction);
  visit("passage_instruction", o.passageInstruction);
  model::visitEncodingFields(o.encoding, visit);
  visit("index", o.index);
  visit("ivf_lists", o.ivfLists);
  visit("ivf_probe", o.ivfProbe);
  visit("hnsw_m", o.hnswM);
  visit("hnsw_ef_search", o.hnswEfSearch);
  visit("use_gpu_for_searching", o.useGpuForSearching);
}

}  // namespace

std::string rangeText(const SelectionOptions& selection) {
  return fmt::format("{}-{}", selection.rangeStart, selection.rangeEnd);
}

std::string samplingName(Sampling sampling) {
  return sampling == Sampling::Top ? "top" : "random";
}

nlohmann::json MiningOptions::toJson() const {
  nlohmann::json json = optionsToJson(*this, [](auto& o, auto&& visit) { visitFields(o, visit); });
  json["range_for_sampling"] = {selection.rangeStart, selection.rangeEnd};
  json["sampling"] = samplingName(selection.sampling);
  return json;
}

MiningOptions MiningOptions::fromJson(const nlohmann::json& json, const std::string& source) {
  MiningOptions options = optionsFromJson<MiningOptions>(
      json, source, "mining options", [](auto& o, auto&& visit) { visitFields(o, visit); },
      {"range_for_sampling", "sampling"});
  if (json.contains("range_for_sampling")) {
    const nlohmann::json& range = json.at("range_for_sampling");
    if (range.is_string()) {
      parseRange(range.get<std::string>(), options.selection);
    } else if (range.is_array() && range.size() == 2) {
      readOptionValue(source, "range_for_sampling", range[0], options.selection.rangeStart);
      readOptionValue(source, "range_for_sampling", range[1], options.selection.rangeEnd);
    } else {
      throw UsageError(
          fmt::format("{}: option \"range_for_sampling\" must be [A, B] or \"A-B\", got {}", source,
                      range.dump()));
    }
  }
  if (json.contains("sampling")) {
    std::string name;
    readOptionValue(source, "sampling", json.at("sampling"), name);
    requireOption(
        name == "random" || name == "top",
        fmt::format("{}: option \"sampling\" must be random or top, got \"{}\"", source, name));
    options.selection.sampling = name == "top" ? Sampling::Top : Sampling::Random;
  }
  return options;
}

void validateSelection(const SelectionOptions& s) {
  requireOption(
      s.rangeStart < s.rangeEnd,
      fmt::format("--range_for_sampling {}: the start must be below the end", rangeText(s)));
  requireOption(s.negativeNumber >= 1 && s.negativeNumber <= 100000,
                fmt::format("--negative_number must be in [1, 100000], got {}", s.negativeNumber));
  requireOption(
      !s.relativeMargin || (*s.relativeMargin >= 0 && *s.relativeMargin < 1),
      "--relative_margin must be in [0, 1) (0.05 drops candidates scoring above 95% of the "
      "positive's score)");
  requireOption(!s.absoluteMargin || *s.absoluteMargin >= 0,
                "--absolute_margin must not be negative");
}

void validate(const MiningOptions& o) {
  requireOption(!o.modelNameOrPath.empty(), "--model_name_or_path is required");
  requireOption(!o.inputFile.empty(), "--input_file is required");
  requireOption(!o.outputFile.empty(), "--output_file is required");
  validateSelection(o.selection);
  requireOption(o.writeScores == "neg" || o.writeScores == "both" || o.writeScores == "none",
                "--write_scores must be neg, both or none, got \"" + o.writeScores + "\"");
  requireOption(o.index == "flat" || o.index == "ivf" || o.index == "hnsw",
                "--index must be flat, ivf or hnsw, got \"" + o.index + "\"");
  requireOption(
      o.ivfLists >= 0 && o.ivfProbe >= 1 && o.hnswM >= 2 && o.hnswEfSearch >= 1,
      "--ivf_lists must not be negative, --ivf_probe and --hnsw_ef_search must be at least "
      "1, --hnsw_m at least 2");
  model::validate(o.encoding);
}

}  // namespace embedlab::mine

#include "core/mine/mining_options.h"

#include <fmt/format.h>

#include <set>
#include <utility>

#include "core/common/error.h"
#include "core/common/option_json.h"

namespace embedlab::mine {

namespace {

const char* const kInputs = OPTION_TEXT("Options", "Inputs and outputs");
const char* const kSelection = OPTION_TEXT("Options", "Which negatives");
const char* const kSearch = OPTION_TEXT("Options", "Encoding and search");

// The table of mining's options (option_table.h), in the order --help and the docs list them.
template <typename Visitor>
void visitFields(MiningOptions& o, Visitor&& visit) {
  SelectionOptions& s = o.selection;
  visit({"model_name_or_path", kInputs,
         OPTION_TEXT("Options", "The model whose ranking is mined (a model folder)."), kEveryTask,
         "model,embedder_name_or_path", "", true},
        o.modelNameOrPath);
  visit({"input_file", kInputs, OPTION_TEXT("Options", "Training JSONL to mine negatives for."),
         kEveryTask, "", "", true},
        o.inputFile);
  visit({"output_file", kInputs,
         OPTION_TEXT("Options", "Training JSONL to write; every other field of a line is kept."),
         kEveryTask, "", "", true},
        o.outputFile);
  visit({"candidate_pool", kInputs,
         OPTION_TEXT(
             "Options",
             "JSONL of {\"text\"} lines to search (default: the input's pos and neg texts).")},
        o.candidatePool);
  visit(
      {"range_for_sampling", kSelection,
       OPTION_TEXT("Options",
                   "Ranks to sample negatives from, A-B: 0-based, A included, B excluded. Starting "
                   "below the top ranks skips likely false negatives.")},
      RangeMember{s.rangeStart, s.rangeEnd});
  visit({"negative_number", kSelection, OPTION_TEXT("Options", "Negatives written per query.")},
        s.negativeNumber);
  visit({"sampling", kSelection,
         OPTION_TEXT("Options",
                     "How negatives are chosen in the range: random (the reference) or top (the "
                     "best-ranked eligible candidates)."),
         kEveryTask, "", "random,top"},
        NamedMember{samplingName(s.sampling), [&s](const std::string& name) {
                      s.sampling = name == "top" ? Sampling::Top : Sampling::Random;
                    }});
  visit({"relative_margin", kSelection,
         OPTION_TEXT(
             "Options",
             "Drop candidates scoring above (1-R) x the lowest positive's score: probable false "
             "negatives (0.05 is NV-Retriever's setting; default: no such filter).")},
        s.relativeMargin);
  visit(
      {"absolute_margin", kSelection,
       OPTION_TEXT("Options",
                   "Drop candidates scoring above the lowest positive's score minus M (default: no "
                   "such filter).")},
      s.absoluteMargin);
  visit({"max_score", kSelection,
         OPTION_TEXT("Options", "Drop candidates scoring above S (default: no such filter).")},
        s.maxScore);
  visit({"pad_random", kSelection,
         OPTION_TEXT(
             "Options",
             "Fill queries short of negatives with random candidates that pass the filters.")},
        s.padRandom);
  visit({"seed", kSelection,
         OPTION_TEXT("Options",
                     "Seed of the sampling: the same seed chooses the same "
                     "negatives.")},
        s.seed);
  visit({"write_scores", kInputs,
         OPTION_TEXT(
             "Options",
             "Scores written with the negatives: neg (neg_scores), both (also pos_scores, for "
             "distillation) or none. They are this model's cosine similarities (inner products "
             "if it does not normalise), not logits: distil from them with train "
             "--knowledge_distillation --teacher_temperature T, T the temperature the model was "
             "trained with."),
         kEveryTask, "", "neg,both,none"},
        o.writeScores);
  visit({"report", kInputs,
         OPTION_TEXT("Options",
                     "Write the statistics as JSON to this file (default: only printed).")},
        o.report);
  visit({"query_instruction_for_retrieval", kSearch,
         OPTION_TEXT("Options",
                     "Text put before every query; a line's \"prompt\" wins (default: nothing).")},
        o.queryInstruction);
  visit({"passage_instruction", kSearch,
         OPTION_TEXT(
             "Options",
             "Text put before every candidate, e.g. \"passage: \" for E5 (default: nothing).")},
        o.passageInstruction);
  model::visitEncodingFields(o.encoding, visit, kSearch);
  visit({"embedder_query_max_length", kSearch,
         OPTION_TEXT("Options", "Longest query in tokens (default: max_len).")},
        o.queryMaxLength);
  visit({"embedder_passage_max_length", kSearch,
         OPTION_TEXT("Options", "Longest candidate in tokens (default: max_len).")},
        o.passageMaxLength);
  visit({"pooling_method", kSearch,
         OPTION_TEXT("Options",
                     "Pooling: cls, mean or last_token (default: the model's own "
                     "sentence-transformers setting, else mean)."),
         kEveryTask, "", ",cls,mean,last_token,lasttoken"},
        o.pooling);
  visit({"index", kSearch,
         OPTION_TEXT("Options",
                     "Search index: flat (exact inner product), ivf or hnsw (approximate, for huge "
                     "pools)."),
         kEveryTask, "", "flat,ivf,hnsw"},
        o.index);
  visit({"ivf_lists", kSearch, OPTION_TEXT("Options", "IVF cells (0: 4 sqrt(n)).")}, o.ivfLists);
  visit({"ivf_probe", kSearch, OPTION_TEXT("Options", "IVF cells visited per query.")}, o.ivfProbe);
  visit({"hnsw_m", kSearch, OPTION_TEXT("Options", "HNSW neighbours per node.")}, o.hnswM);
  visit({"hnsw_ef_search", kSearch, OPTION_TEXT("Options", "HNSW search breadth.")},
        o.hnswEfSearch);
  visit({"search_batch_size", kSearch,
         OPTION_TEXT("Options", "Queries searched per FAISS call: more use more memory.")},
        o.searchBatchSize);
  visit({"use_gpu_for_searching", kSearch,
         OPTION_TEXT("Options",
                     "Accepted for compatibility; FAISS searches on the CPU in this build.")},
        o.useGpuForSearching);
}

}  // namespace

std::string rangeText(const SelectionOptions& selection) {
  return fmt::format("{}-{}", selection.rangeStart, selection.rangeEnd);
}

std::string samplingName(Sampling sampling) {
  return sampling == Sampling::Top ? "top" : "random";
}

nlohmann::json MiningOptions::toJson() const {
  return optionsToJson(*this, [](auto& o, auto&& visit) { visitFields(o, visit); });
}

MiningOptions MiningOptions::fromJson(const nlohmann::json& json, const std::string& source) {
  return optionsFromJson<MiningOptions>(json, source, "mining options",
                                        [](auto& o, auto&& visit) { visitFields(o, visit); });
}

const std::vector<OptionDescription>& MiningOptions::table() {
  static const std::vector<OptionDescription> rows =
      describeOptions<MiningOptions>([](auto& o, auto&& visit) { visitFields(o, visit); });
  return rows;
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
  for (const auto& [length, flag] :
       {std::pair(o.queryMaxLength, "--embedder_query_max_length"),
        std::pair(o.passageMaxLength, "--embedder_passage_max_length")}) {
    requireOption(!length || (*length >= 2 && *length <= 65536),
                  fmt::format("{} must be in [2, 65536], got {}", flag, length.value_or(0)));
  }
  requireOption(o.searchBatchSize >= 1,
                fmt::format("--search_batch_size must be at least 1, got {}", o.searchBatchSize));
}

}  // namespace embedlab::mine

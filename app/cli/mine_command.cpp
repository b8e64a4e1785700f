#include "app/cli/mine_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "app/cli/encoding_flags.h"
#include "app/cli/interrupt.h"
#include "app/cli/job_history.h"
#include "app/cli/job_progress.h"
#include "app/cli/option_names.h"
#include "core/common/error.h"
#include "core/data/atomic_file.h"
#include "core/data/training_data.h"
#include "core/mine/candidate_search.h"
#include "core/mine/negative_selection.h"
#include "core/model/embedding_cache.h"

namespace embedlab::cli {

namespace {

struct MineOptions {
  std::string model;
  std::string input;
  std::string output;
  std::string range = "10-210";
  std::string candidatePool;
  std::string queryInstruction;
  std::string passageInstruction;
  bool useGpuForSearching = false;
  std::string sampling = "random";
  std::optional<double> relativeMargin;
  std::optional<double> absoluteMargin;
  std::optional<double> maxScore;
  std::string scores = "neg";
  std::string indexKind = "flat";
  int ivfLists = 0;
  int ivfProbe = 32;
  int hnswM = 32;
  int hnswEfSearch = 256;
  EncodingFlags encoding;
  std::string report;
  std::string progress = "bar";
  mine::SelectionOptions selection;
};

std::string quantilesLine(const eval::Quantiles& q) {
  if (q.count == 0) return "none";
  return fmt::format("min {:.3f}  p05 {:.3f}  median {:.3f}  p95 {:.3f}  max {:.3f}  (n={})", q.min,
                     q.p05, q.median, q.p95, q.max, q.count);
}

// What the scores mine writes are.
std::string scoreMeaning(const model::EmbeddingModel& model) {
  return model.normalizes() ? "cosine similarities" : "inner products of its embeddings";
}

void printReport(const mine::MiningStatistics& s, const MineOptions& options,
                 const mine::CandidateSearch& search, double writeSeconds) {
  fmt::print(stderr, "mine: {} queries, up to {} negatives each from ranks {} of {} candidates\n",
             s.queries, options.selection.negativeNumber, options.range, search.candidates.size());
  fmt::print(stderr,
             "  candidates in range {}: {} equal to a positive or the query, {} above "
             "--max_score, {} by --relative_margin, {} by --absolute_margin; {} eligible\n",
             s.candidatesInRange, s.droppedAsPositiveOrQuery, s.droppedByMaxScore,
             s.droppedByRelativeMargin, s.droppedByAbsoluteMargin, s.eligible);
  fmt::print(stderr, "  positive scores: {}\n", quantilesLine(s.positiveScores));
  fmt::print(stderr, "  negative scores: {}\n", quantilesLine(s.negativeScores));
  if (s.queriesWithPositiveInRange > 0) {
    fmt::print(stderr,
               "  {} queries have a positive ranked inside the range (skipped as negatives)\n",
               s.queriesWithPositiveInRange);
  }
  if (s.negativesPadded > 0)
    fmt::print(stderr, "  {} negatives padded with random candidates\n", s.negativesPadded);
  if (s.queriesShort > 0) {
    fmt::print(stderr, "  {} queries are short of {} negatives ({} missing in all){}\n",
               s.queriesShort, options.selection.negativeNumber, s.negativesMissing,
               options.selection.padRandom ? "" : "; --pad_random fills them with random ones");
  }
  fmt::print(stderr, "  time: encode {:.1f} s ({}), search {:.2f} s, write {:.2f} s\n",
             search.encodeSeconds,
             search.candidatesFromCache && search.queriesFromCache ? "from the cache"
             : search.candidatesFromCache                          ? "candidates from the cache"
                                                                   : "computed",
             search.searchSeconds, writeSeconds);
}

int runMine(MineOptions options, const GlobalOptions& global, store::RunRecorder* recorder) {
  mine::parseRange(options.range, options.selection);
  options.selection.sampling =
      options.sampling == "top" ? mine::Sampling::Top : mine::Sampling::Random;
  options.selection.relativeMargin = options.relativeMargin;
  options.selection.absoluteMargin = options.absoluteMargin;
  options.selection.maxScore = options.maxScore;
  if (options.relativeMargin && (*options.relativeMargin < 0 || *options.relativeMargin >= 1)) {
    throw UsageError(
        "--relative_margin must be in [0, 1) (0.05 drops candidates scoring above "
        "95% of the positive's score)");
  }
  if (options.absoluteMargin && *options.absoluteMargin < 0)
    throw UsageError("--absolute_margin must not be negative");

  JobProgress progress("mining", options.progress, global.quiet);
  if (options.useGpuForSearching && progress.talks()) {
    fmt::print(stderr,
               "mine: note: this build's FAISS searches on the CPU; --use_gpu_for_searching is "
               "accepted for compatibility (exact search of 1M candidates takes seconds)\n");
  }

  std::vector<Problem> warnings;
  std::vector<TrainingExample> examples =
      readTrainingData(options.input, &warnings, nullptr, &interruptToken());
  if (examples.empty()) throw InputError(options.input, "holds no training examples");
  progress.noteWarnings(options.input, warnings);
  std::optional<std::vector<std::string>> pool;
  if (!options.candidatePool.empty()) {
    warnings.clear();
    pool = readCandidatePool(options.candidatePool, &warnings, nullptr, &interruptToken());
    if (pool->empty()) throw InputError(options.candidatePool, "holds no candidate texts");
    progress.noteWarnings(options.candidatePool, warnings);
  }

  const model::EmbeddingModel model =
      model::EmbeddingModel::load(options.model, options.encoding.loadOptions());
  const std::unique_ptr<model::EmbeddingCache> cache = options.encoding.cache(global.quiet);

  mine::CandidateSearchOptions search;
  search.depth = options.selection.rangeEnd;
  search.queryInstruction = options.queryInstruction;
  search.passageInstruction = options.passageInstruction;
  search.batchSize = options.encoding.batchSize;
  search.maxLength = options.encoding.maxLength;
  search.fp16 = options.encoding.fp16;
  search.index.kind = index::parseIndexKind(options.indexKind);
  search.index.ivfLists = options.ivfLists;
  search.index.ivfProbe = options.ivfProbe;
  search.index.hnswM = options.hnswM;
  search.index.hnswEfSearch = options.hnswEfSearch;
  search.index.threads = global.threads ? static_cast<unsigned>(*global.threads) : 0;
  search.cache = cache.get();
  search.modelFingerprint = options.encoding.fingerprint(options.model);
  search.progress = &progress;
  search.cancel = &interruptToken();

  const mine::CandidateSearch found = mine::searchCandidates(
      model, examples, mine::candidateTexts(examples, pool ? &*pool : nullptr), search);
  const mine::Selection selection = mine::selectNegatives(found, examples, options.selection);

  const auto writeStart = std::chrono::steady_clock::now();
  std::size_t foreignPositiveScores = 0;
  for (const TrainingExample& example : examples)
    foreignPositiveScores += example.positiveScores.empty() ? 0 : 1;
  mine::applySelection(examples, found, selection,
                       options.scores == "both"   ? mine::ScoreFields::Both
                       : options.scores == "none" ? mine::ScoreFields::None
                                                  : mine::ScoreFields::Negatives);
  throwIfCancelled(&interruptToken());
  writeTrainingData(options.output, examples);
  const double writeSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - writeStart).count();

  nlohmann::json report = mine::toJson(selection.statistics);
  report["candidates"] = found.candidates.size();
  report["range"] = options.range;
  report["negative_number"] = options.selection.negativeNumber;
  report["cache"] = {{"candidates", found.candidatesFromCache},
                     {"queries", found.queriesFromCache}};
  report["seconds"] = {
      {"encode", found.encodeSeconds}, {"search", found.searchSeconds}, {"write", writeSeconds}};
  report["output_file"] = options.output;
  if (options.scores != "none") {
    // Raw similarities, not logits: softmax over a group of cosines in [-1, 1] is nearly
    // uniform, so distilling from them needs the temperature the model was trained with.
    report["scores"] = {
        {"fields", options.scores == "both" ? nlohmann::json{"pos_scores", "neg_scores"}
                                            : nlohmann::json{"neg_scores"}},
        {"meaning", scoreMeaning(model)},
        {"distil_with",
         "train --knowledge_distillation --teacher_temperature T, T being the "
         "temperature this model was trained with (e.g. 0.02)"}};
  }
  if (recorder != nullptr) recorder->setSummary("mining_statistics", report);
  if (!options.report.empty()) {
    AtomicFileWriter file(options.report);
    file.write(report.dump(2) + "\n");
    file.commit();
  }
  progress.finish();
  if (progress.json()) {
    nlohmann::json done = report;
    done["event"] = "done";
    JobProgress::emit(done);
  } else if (progress.talks()) {
    printReport(selection.statistics, options, found, writeSeconds);
    if (foreignPositiveScores > 0 && options.scores == "neg") {
      fmt::print(stderr,
                 "mine: warning: {} lines carry pos_scores from another scorer, and their "
                 "neg_scores now come from this model; training would distill from mixed "
                 "scales. Rescore them, or mine with --write_scores both or none.\n",
                 foreignPositiveScores);
    }
    fmt::print(stderr, "mine: {} lines written to {}\n", examples.size(), options.output);
    if (options.scores != "none") {
      fmt::print(stderr,
                 "mine: {} are this model's {} (not logits); to distil from them, train with "
                 "--knowledge_distillation --teacher_temperature T, T being the temperature it "
                 "was trained with (e.g. 0.02)\n",
                 options.scores == "both" ? "pos_scores and neg_scores" : "neg_scores",
                 scoreMeaning(model));
    }
  }
  return kExitOk;
}

}  // namespace

void addMineCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto options = std::make_shared<MineOptions>();
  CLI::App* command = app.add_subcommand(
      "mine",
      "Mine hard negatives: embed the candidates (every pos/neg text of the input, or\n"
      "--candidate_pool), search each query's nearest ones, and sample its negatives from the\n"
      "ranks --range_for_sampling A-B (0-based, A included, B excluded), never a positive or\n"
      "the query. The reference's flags work as they are; the margin filters drop probable\n"
      "false negatives. Lines keep every other field; \"neg_scores\" holds the scores.\n"
      "Example: embedlab-cli mine --model_name_or_path bge-small/ --input_file train.jsonl "
      "--output_file train.mined.jsonl --range_for_sampling 2-200 --negative_number 15 "
      "--relative_margin 0.05");
  auto& c = *command;
  auto& o = *options;
  const auto last = CLI::MultiOptionPolicy::TakeLast;
  c.add_option(bothSpellings("model_name_or_path") + ",--model", o.model, "Model folder")
      ->required()
      ->check(CLI::ExistingDirectory);
  c.add_option(bothSpellings("input_file"), o.input, "Training JSONL to mine negatives for")
      ->required()
      ->check(CLI::ExistingFile);
  c.add_option(bothSpellings("output_file"), o.output, "Training JSONL to write")->required();
  c.add_option(bothSpellings("range_for_sampling"), o.range,
               "Ranks to sample from, A-B (0-based slice of the ranking)")
      ->capture_default_str()
      ->multi_option_policy(last);
  c.add_option(bothSpellings("negative_number"), o.selection.negativeNumber, "Negatives per query")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  c.add_option(bothSpellings("candidate_pool"), o.candidatePool,
               "JSONL of {\"text\"} lines to search (default: the input's pos and neg texts)")
      ->check(CLI::ExistingFile);
  c.add_option(bothSpellings("query_instruction_for_retrieval"), o.queryInstruction,
               "Text put before every query; a line's \"prompt\" wins (default: nothing)");
  c.add_option(bothSpellings("passage_instruction"), o.passageInstruction,
               "Text put before every candidate, e.g. \"passage: \" for E5 (default: nothing)");
  c.add_flag(bothSpellings("use_gpu_for_searching"), o.useGpuForSearching,
             "Accepted for compatibility; FAISS searches on the CPU in this build");
  addEncodingFlags(c, o.encoding, bothSpellings("max_len"));
  c.add_option("--sampling", o.sampling,
               "How negatives are chosen in the range: random (the reference) or top (the "
               "best-ranked eligible candidates)")
      ->check(CLI::IsMember({"random", "top"}))
      ->capture_default_str();
  c.add_option(bothSpellings("relative_margin"), o.relativeMargin,
               "Drop candidates scoring above (1-R) x the lowest positive score (0.05 is "
               "NV-Retriever's setting; default: no such filter)");
  c.add_option(
      bothSpellings("absolute_margin"), o.absoluteMargin,
      "Drop candidates scoring above the lowest positive score - M (default: no such filter)");
  c.add_option(bothSpellings("max_score"), o.maxScore,
               "Drop candidates scoring above S (default: no such filter)");
  c.add_flag(bothSpellings("pad_random"), o.selection.padRandom,
             "Fill queries short of negatives with random candidates that pass the filters");
  c.add_option("--seed", o.selection.seed, "Seed for sampling")->capture_default_str();
  c.add_option(bothSpellings("write_scores"), o.scores,
               "Scores written with the negatives: neg (neg_scores), both (also pos_scores, for "
               "distillation) or none. They are this model's cosine similarities (inner "
               "products if it does not normalise), not logits: distil from them with train "
               "--knowledge_distillation --teacher_temperature T, T the temperature the model "
               "was trained with")
      ->check(CLI::IsMember({"neg", "both", "none"}))
      ->capture_default_str();
  c.add_option(
       "--index", o.indexKind,
       "Search index: flat (exact inner product), ivf or hnsw (approximate, for huge pools)")
      ->check(CLI::IsMember({"flat", "ivf", "hnsw"}))
      ->capture_default_str();
  c.add_option(bothSpellings("ivf_lists"), o.ivfLists, "IVF cells (default 4 sqrt(n))");
  c.add_option(bothSpellings("ivf_probe"), o.ivfProbe, "IVF cells visited per query")
      ->capture_default_str();
  c.add_option(bothSpellings("hnsw_m"), o.hnswM, "HNSW neighbours per node")->capture_default_str();
  c.add_option(bothSpellings("hnsw_ef_search"), o.hnswEfSearch, "HNSW search breadth")
      ->capture_default_str();
  c.add_option("--report", o.report,
               "Write the statistics as JSON to this file (default: only printed)");
  c.add_option("--progress", o.progress,
               "How progress is shown: bar (stderr), json (JSON lines on stdout, the report last) "
               "or none")
      ->check(CLI::IsMember({"bar", "json", "none"}))
      ->capture_default_str();
  command->callback([&action, &global, options, command] {
    store::NewRun run;
    run.kind = "mine";
    run.name = "mine " + std::filesystem::path(options->output).filename().string();
    run.options = resolvedOptions(*command);
    run.inputs = {runInput(options->model), runInput(options->input)};
    if (!options->candidatePool.empty()) run.inputs.push_back(runInput(options->candidatePool));
    run.outputPath = absolutePath(options->output);
    run.parentModel = options->model;
    action = [options, &global, run] {
      return runRecorded(global, run, [&](store::RunRecorder* recorder) {
        return runMine(*options, global, recorder);
      });
    };
  });
}

}  // namespace embedlab::cli

#include "app/cli/mine_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "app/cli/config_flags.h"
#include "app/cli/encoding_flags.h"
#include "app/cli/interrupt.h"
#include "app/cli/job_context.h"
#include "app/cli/job_history.h"
#include "app/cli/job_progress.h"
#include "app/cli/option_names.h"
#include "core/common/error.h"
#include "core/common/job_events.h"
#include "core/data/atomic_file.h"
#include "core/data/training_data.h"
#include "core/mine/mining_job.h"

namespace embedlab::cli {

namespace {

using MineFlags = ConfigFlags<mine::MiningOptions>;

std::string quantilesLine(const eval::Quantiles& q) {
  if (q.count == 0) return "none";
  return fmt::format("min {:.3f}  p05 {:.3f}  median {:.3f}  p95 {:.3f}  max {:.3f}  (n={})", q.min,
                     q.p05, q.median, q.p95, q.max, q.count);
}

void printReport(const mine::MiningResult& result, const mine::MiningOptions& options) {
  const mine::MiningStatistics& s = result.statistics;
  fmt::print(stderr, "mine: {} queries, up to {} negatives each from ranks {} of {} candidates\n",
             s.queries, options.selection.negativeNumber, mine::rangeText(options.selection),
             result.candidates);
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
             result.encodeSeconds,
             result.candidatesFromCache && result.queriesFromCache ? "from the cache"
             : result.candidatesFromCache                          ? "candidates from the cache"
                                                                   : "computed",
             result.searchSeconds, result.writeSeconds);
}

int runMine(const mine::MiningOptions& options, const std::string& progressMode,
            const GlobalOptions& global, store::RunRecorder* recorder) {
  JobProgress progress("mining", progressMode, global.quiet);
  if (options.useGpuForSearching && progress.talks()) {
    fmt::print(stderr,
               "mine: note: this build's FAISS searches on the CPU; --use_gpu_for_searching is "
               "accepted for compatibility (exact search of 1M candidates takes seconds)\n");
  }
  auto context = jobContext<mine::MiningContext>(progress, global);
  context.searchThreads = global.threads ? static_cast<unsigned>(*global.threads) : 0;
  const mine::MiningResult result = mine::runMining(options, context);
  const nlohmann::json report = result.toJson(options);
  if (recorder != nullptr) recorder->setSummary("mining_statistics", report);
  if (!options.report.empty()) {
    AtomicFileWriter file(options.report);
    file.write(report.dump(2) + "\n");
    file.commit();
  }
  progress.finish();
  if (progress.json()) {
    JobProgress::emit(jobEvent(JobEvent::Done, report));
  } else if (progress.talks()) {
    printReport(result, options);
    if (result.linesWithForeignPositiveScores > 0 && options.writeScores == "neg") {
      fmt::print(stderr,
                 "mine: warning: {} lines carry pos_scores from another scorer, and their "
                 "neg_scores now come from this model; training would distill from mixed "
                 "scales. Rescore them, or mine with --write_scores both or none.\n",
                 result.linesWithForeignPositiveScores);
    }
    fmt::print(stderr, "mine: {} lines written to {}\n", result.linesWritten, options.outputFile);
    if (options.writeScores != "none") {
      fmt::print(stderr,
                 "mine: {} are this model's {} (not logits); to distil from them, train with "
                 "--knowledge_distillation --teacher_temperature T, T being the temperature it "
                 "was trained with (e.g. 0.02)\n",
                 options.writeScores == "both" ? "pos_scores and neg_scores" : "neg_scores",
                 result.scoreMeaning);
    }
  }
  return kExitOk;
}

}  // namespace

void addMineCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto flags = std::make_shared<MineFlags>();
  auto progressMode = std::make_shared<std::string>("bar");
  auto range = std::make_shared<std::string>(mine::rangeText(flags->given.selection));
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
  using O = mine::MiningOptions;
  auto& c = *command;
  auto& f = *flags;
  addConfigFlag(c, f);
  addFlag(
      c, f, "model_name_or_path", [](O & o) -> auto& { return o.modelNameOrPath; },
      "Model folder. Required (here or in --config)", ",--model")
      ->check(CLI::ExistingDirectory);
  addFlag(
      c, f, "input_file", [](O & o) -> auto& { return o.inputFile; },
      "Training JSONL to mine negatives for. Required (here or in --config)")
      ->check(CLI::ExistingFile);
  addFlag(
      c, f, "output_file", [](O & o) -> auto& { return o.outputFile; },
      "Training JSONL to write. Required (here or in --config)");
  CLI::Option* rangeOption =
      c.add_option(bothSpellings("range_for_sampling"), *range,
                   "Ranks to sample from, A-B (0-based slice of the ranking)")
          ->capture_default_str()
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  f.overrides.emplace_back(rangeOption, [range](O& o) { mine::parseRange(*range, o.selection); });
  addFlag(
      c, f, "negative_number", [](O & o) -> auto& { return o.selection.negativeNumber; },
      "Negatives per query");
  addFlag(
      c, f, "candidate_pool", [](O & o) -> auto& { return o.candidatePool; },
      "JSONL of {\"text\"} lines to search (default: the input's pos and neg texts)")
      ->check(CLI::ExistingFile);
  addFlag(
      c, f, "query_instruction_for_retrieval", [](O & o) -> auto& { return o.queryInstruction; },
      "Text put before every query; a line's \"prompt\" wins (default: nothing)");
  addFlag(
      c, f, "passage_instruction", [](O & o) -> auto& { return o.passageInstruction; },
      "Text put before every candidate, e.g. \"passage: \" for E5 (default: nothing)");
  addFlag(
      c, f, "use_gpu_for_searching", [](O & o) -> auto& { return o.useGpuForSearching; },
      "Accepted for compatibility; FAISS searches on the CPU in this build");
  addEncodingFlags(
      c, f, [](O & o) -> auto& { return o.encoding; });
  auto sampling = std::make_shared<std::string>("random");
  CLI::Option* samplingOption =
      c.add_option("--sampling", *sampling,
                   "How negatives are chosen in the range: random (the reference) or top (the "
                   "best-ranked eligible candidates)")
          ->check(CLI::IsMember({"random", "top"}))
          ->capture_default_str();
  f.overrides.emplace_back(samplingOption, [sampling](O& o) {
    o.selection.sampling = *sampling == "top" ? mine::Sampling::Top : mine::Sampling::Random;
  });
  addFlag(
      c, f, "relative_margin", [](O & o) -> auto& { return o.selection.relativeMargin; },
      "Drop candidates scoring above (1-R) x the lowest positive score (0.05 is "
      "NV-Retriever's setting; default: no such filter)");
  addFlag(
      c, f, "absolute_margin", [](O & o) -> auto& { return o.selection.absoluteMargin; },
      "Drop candidates scoring above the lowest positive score - M (default: no such filter)");
  addFlag(
      c, f, "max_score", [](O & o) -> auto& { return o.selection.maxScore; },
      "Drop candidates scoring above S (default: no such filter)");
  addFlag(
      c, f, "pad_random", [](O & o) -> auto& { return o.selection.padRandom; },
      "Fill queries short of negatives with random candidates that pass the filters");
  addFlag(
      c, f, "seed", [](O & o) -> auto& { return o.selection.seed; }, "Seed for sampling");
  addFlag(
      c, f, "write_scores", [](O & o) -> auto& { return o.writeScores; },
      "Scores written with the negatives: neg (neg_scores), both (also pos_scores, for "
      "distillation) or none. They are this model's cosine similarities (inner "
      "products if it does not normalise), not logits: distil from them with train "
      "--knowledge_distillation --teacher_temperature T, T the temperature the model "
      "was trained with")
      ->check(CLI::IsMember({"neg", "both", "none"}));
  addFlag(
      c, f, "index", [](O & o) -> auto& { return o.index; },
      "Search index: flat (exact inner product), ivf or hnsw (approximate, for huge pools)")
      ->check(CLI::IsMember({"flat", "ivf", "hnsw"}));
  addFlag(
      c, f, "ivf_lists", [](O & o) -> auto& { return o.ivfLists; }, "IVF cells (0: 4 sqrt(n))");
  addFlag(
      c, f, "ivf_probe", [](O & o) -> auto& { return o.ivfProbe; }, "IVF cells visited per query");
  addFlag(
      c, f, "hnsw_m", [](O & o) -> auto& { return o.hnswM; }, "HNSW neighbours per node");
  addFlag(
      c, f, "hnsw_ef_search", [](O & o) -> auto& { return o.hnswEfSearch; }, "HNSW search breadth");
  addFlag(
      c, f, "report", [](O & o) -> auto& { return o.report; },
      "Write the statistics as JSON to this file (default: only printed)");
  c.add_option("--progress", *progressMode,
               "How progress is shown: bar (stderr), json (JSON lines on stdout, the report last) "
               "or none")
      ->check(CLI::IsMember({"bar", "json", "none"}))
      ->capture_default_str();
  command->callback([&action, &global, flags, progressMode] {
    action = [flags, progressMode, &global] {
      const mine::MiningOptions options = flags->resolve();
      mine::validate(options);
      store::NewRun run;
      run.kind = store::runKindName(store::RunKind::Mine);
      run.name = "mine " + std::filesystem::path(options.outputFile).filename().string();
      run.options = options.toJson();
      run.inputs = {runInput(options.modelNameOrPath), runInput(options.inputFile)};
      if (!options.candidatePool.empty()) run.inputs.push_back(runInput(options.candidatePool));
      run.outputPath = absolutePath(options.outputFile);
      run.parentModel = options.modelNameOrPath;
      return runRecorded(global, run, [&](store::RunRecorder* recorder) {
        return runMine(options, *progressMode, global, recorder);
      });
    };
  });
}

}  // namespace embedlab::cli

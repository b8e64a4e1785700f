#include "app/cli/mine_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "app/cli/config_flags.h"
#include "app/cli/interrupt.h"
#include "app/cli/job_context.h"
#include "app/cli/job_history.h"
#include "app/cli/job_progress.h"
#include "app/cli/option_names.h"
#include "app/cli/refused_flags.h"
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
  flags->addConfigFlag(c);
  flags->addFlags(c, mine::MiningOptions::table());
  addRefusedFlags(c, {"deepspeed", "devices"});
  c.get_option("--model_name_or_path")->check(modelFolderOrHubId());
  c.get_option("--input_file")->check(CLI::ExistingFile);
  c.get_option("--candidate_pool")->check(CLI::ExistingFile);
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

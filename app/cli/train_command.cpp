#include "app/cli/train_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <memory>

#include "app/cli/config_flags.h"
#include "app/cli/interrupt.h"
#include "app/cli/job_history.h"
#include "app/cli/job_progress.h"
#include "app/cli/refused_flags.h"
#include "app/cli/terminal_progress.h"
#include "core/common/error.h"
#include "core/common/job_events.h"
#include "core/dist/launcher.h"
#include "core/dist/worker_environment.h"
#include "core/train/trainer.h"
#include "core/train/training_files.h"

namespace embedlab::cli {

namespace {

// The flag table over TrainingOptions (config_flags.h), and what only the command line says.
struct TrainFlags : ConfigFlags<train::TrainingOptions> {
  std::string progress = "bar";
  std::string task = "embedding";  // the command's TrainingOptions::task
};

// The command a task runs under, which prefixes its messages: train, train-reranker, pretrain.
std::string commandOf(const std::string& task) {
  if (task == "reranker") return "train-reranker";
  return task == "pretrain" ? "pretrain" : "train";
}

class CliTrainingObserver : public train::TrainingObserver {
 public:
  CliTrainingObserver(std::string command, std::string progress, bool quiet)
      : command_(std::move(command)),
        json_(progress == "json"),
        bar_("training", progress == "bar" && !quiet),
        quiet_(quiet || progress == "none"),
        notesSilenced_(quiet) {}

  void onStart(std::int64_t totalSteps, std::int64_t firstStep) override {
    if (json_) emit(StartEvent{totalSteps, firstStep}.toJson());
  }
  void onStep(std::int64_t step, std::int64_t totalSteps) override {
    bar_.onProgress(step, totalSteps, "steps");
  }
  /// Where logging records also go (nullptr: nowhere).
  void setRecorder(store::RunRecorder* recorder) { recorder_ = recorder; }

  void onLog(const train::TrainingLogRecord& record) override {
    if (recorder_ != nullptr) {
      try {
        recorder_->addTrainingRecord(record.toJson());
      } catch (const std::exception& error) {
        fmt::print(stderr, "{}: warning: history: {}\n", command_, error.what());
        recorder_ = nullptr;  // the run goes on unrecorded
      }
    }
    if (json_) {
      emit(jobEvent(JobEvent::Log, record.toJson()));
    } else if (!quiet_) {
      bar_.finish();
      // Fine-tuning shows the similarities it trains; pre-training has none (RetroMAE: its two
      // losses).
      const std::string detail =
          record.decoderLoss ? fmt::format("encoder {:.4f}  decoder {:.4f}", record.contrastiveLoss,
                                           *record.decoderLoss)
          : record.similarities.positives.count() > 0
              ? fmt::format("pos {:.3f}  neg {:.3f}", record.similarities.positives.mean(),
                            record.similarities.hardNegatives.mean())
              : std::string();
      fmt::print(stderr,
                 "step {}/{}  epoch {:.2f}  loss {:.4f}  lr {:.3g}  grad-norm {:.3g}  {:.1f} "
                 "samples/s  {}  ETA {:.0f}s\n",
                 record.step, record.totalSteps, record.epoch, record.loss, record.learningRate,
                 record.gradNorm, record.samplesPerSecond, detail, record.etaSeconds);
    }
  }
  void onEvaluation(const train::EvaluationRecord& record) override {
    if (recorder_ != nullptr) {
      try {
        recorder_->addTrainingRecord(record.toJson());  // eval_MRR@10, ... as metric series
      } catch (const std::exception& error) {
        fmt::print(stderr, "{}: warning: history: {}\n", command_, error.what());
        recorder_ = nullptr;
      }
    }
    if (json_) {
      emit(jobEvent(JobEvent::Evaluation, record.toJson()));
    } else if (!quiet_) {
      bar_.finish();
      const auto value = record.value(record.bestMetric);
      fmt::print(stderr,
                 "eval at step {}: {} {:.4f} (best {:.4f} at step {}), {} queries, {:.1f} s\n",
                 record.step, record.bestMetric, value.value_or(0.0), record.bestValue,
                 record.bestStep, record.queries, record.seconds);
    }
  }
  void onCheckpoint(const std::filesystem::path& folder, std::int64_t step) override {
    if (json_) {
      emit(CheckpointEvent{step, folder.string()}.toJson());
    } else if (!quiet_) {
      bar_.finish();
      fmt::print(stderr, "checkpoint: {}\n", folder.string());
    }
  }
  void onNote(const std::string& note) override {
    if (json_) {
      emit(NoteEvent{note}.toJson());
    } else if (!notesSilenced_) {  // notes are warnings: --progress none keeps them, -q not
      bar_.finish();
      fmt::print(stderr, "{}: {}\n", command_, note);
    }
  }
  void finish() { bar_.finish(); }

 private:
  // A note may quote the user's data: invalid UTF-8 is replaced there, not fatal.
  static void emit(const nlohmann::json& line) { JobProgress::emit(line); }
  std::string command_;
  bool json_;
  TerminalProgress bar_;
  bool quiet_;          ///< no per-step lines
  bool notesSilenced_;  ///< -q: not even notes
  store::RunRecorder* recorder_ = nullptr;
};

// The options as JSON (config_flags.h). train-reranker and pretrain write their task over them,
// so that an option of another task is refused whether a flag or the file set it; train keeps a
// config file's task (the GUI launches every task as `train --config`), embedding by default.
train::TrainingOptions resolve(const TrainFlags& flags) {
  const bool commandSetsTask = flags.task != "embedding";
  std::string source;
  nlohmann::json json = flags.resolveJson(
      source, [&flags, commandSetsTask](nlohmann::json file, const std::string& name) {
        if (commandSetsTask) file["task"] = flags.task;
        train::TrainingOptions::fromJson(file, name);
      });
  if (commandSetsTask) json["task"] = flags.task;
  return train::TrainingOptions::fromJson(json, source);
}

store::RunKind runKindOf(const std::string& task) {
  if (task == "reranker") return store::RunKind::TrainReranker;
  return task == "pretrain" ? store::RunKind::Pretrain : store::RunKind::Train;
}

int trainWorker(const train::TrainingOptions& options, const TrainFlags& flags,
                const GlobalOptions& global, store::RunRecorder* recorder);

// A run resumed from a checkpoint continues its own history entry (the one that stopped, was
// interrupted or failed in the same run folder), so that History shows one run whose curves go
// on, not a second run of the same name that starts at the resume step.
void continueResumedRun(const GlobalOptions& global, const train::TrainingOptions& options,
                        store::NewRun& run) {
  if (options.resumeFromCheckpoint.empty() || global.noHistory) return;
  std::filesystem::path checkpoint = options.resumeFromCheckpoint;
  if (options.resumeFromCheckpoint == "latest") {
    const auto checkpoints = train::listCheckpoints(options.outputDir);
    if (checkpoints.empty()) return;  // the trainer says so
    checkpoint = checkpoints.back();
  }
  try {
    store::History history(historyDatabasePath(global));
    store::RunFilter filter;
    filter.kind = run.kind;
    for (const store::Run& earlier : history.listRuns(filter)) {  // newest first
      if (earlier.outputPath != run.outputPath) continue;
      if (earlier.status == store::RunStatus::Stopped ||
          earlier.status == store::RunStatus::Interrupted ||
          earlier.status == store::RunStatus::Failed) {
        run.continues = earlier.id;
        const std::string name = checkpoint.filename().string();
        run.continuesFromStep = std::atoll(name.substr(name.find('-') + 1).c_str());
      }
      return;  // only the newest run of this folder can be continued
    }
  } catch (const std::exception&) {
    // No readable history: the resumed run is recorded as a new one.
  }
}

int runTrain(const TrainFlags& flags, const GlobalOptions& global) {
  const train::TrainingOptions options = resolve(flags);
  train::validate(options);
  if (options.nprocPerNode > 1 && !dist::isLaunchedWorker() &&
      std::getenv("WORLD_SIZE") == nullptr) {
    return dist::runLocalWorkers(options.nprocPerNode, global.arguments, &interruptToken(),
                                 [&options](const std::string& note) {
                                   fmt::print(stderr, "{}: {}\n", commandOf(options.task), note);
                                 });
  }
  // Rank 0 speaks for the run, in the history as on the terminal.
  if (dist::workerEnvironment().rank != 0) return trainWorker(options, flags, global, nullptr);
  store::NewRun run;
  run.kind = store::runKindName(runKindOf(options.task));
  run.name = std::filesystem::path(options.outputDir).lexically_normal().filename().string();
  run.options = options.toJson();
  run.inputs.push_back(runInput(options.modelNameOrPath));
  for (const std::string& file : train::trainingDataFiles(options.trainData))
    run.inputs.push_back(runInput(file));
  run.outputPath = absolutePath(options.outputDir);
  run.parentModel = options.modelNameOrPath;
  continueResumedRun(global, options, run);
  return runRecorded(global, run, [&](store::RunRecorder* recorder) {
    return trainWorker(options, flags, global, recorder);
  });
}

int trainWorker(const train::TrainingOptions& options, const TrainFlags& flags,
                const GlobalOptions& global, store::RunRecorder* recorder) {
  CliTrainingObserver observer(commandOf(options.task), flags.progress, global.quiet);
  observer.setRecorder(recorder);
  const train::TrainingResult result = train::runTraining(options, &observer, &interruptToken());
  observer.finish();
  if (result.status == train::TrainingStatus::Interrupted) {
    // The GUI follows detached runs through stdout alone: it must learn that this one stopped,
    // and at which step its checkpoint is, without an exit status.
    if (flags.progress == "json" && dist::workerEnvironment().rank == 0) {
      JobProgress::emit(StoppedEvent{result.steps, result.lastCheckpoint.string()}.toJson());
    }
    return 130;
  }
  if (dist::workerEnvironment().rank != 0) return kExitOk;
  if (!global.quiet && flags.progress != "json") {
    fmt::print(stderr, "{}: {} steps, final loss {:.4f}; model written to {}\n",
               commandOf(options.task), result.steps, result.finalLoss, options.outputDir);
  }
  if (recorder != nullptr && (result.bestStep >= 0 || !result.stoppedEarly.empty())) {
    try {
      recorder->setSummary("training", {{"stopped_early", result.stoppedEarly},
                                        {"best_step", result.bestStep},
                                        {"best_metric", options.metricForBestModel},
                                        {"best_value", result.bestValue},
                                        {"final_model_is_best", result.finalModelIsBest}});
    } catch (const std::exception& error) {
      fmt::print(stderr, "{}: warning: history: {}\n", commandOf(options.task), error.what());
    }
  }
  if (flags.progress == "json") {
    nlohmann::json done = {{"steps", result.steps}, {"output_dir", options.outputDir}};
    if (!result.stoppedEarly.empty()) done["stopped_early"] = result.stoppedEarly;
    if (result.bestStep >= 0) {
      done["best_step"] = result.bestStep;
      done["best_value"] = result.bestValue;
      done["final_model_is_best"] = result.finalModelIsBest;
    }
    JobProgress::emit(jobEvent(JobEvent::Done, done));
  }
  return kExitOk;
}

}  // namespace

namespace {

// `train`, `train-reranker` and `pretrain` share the trainer's flags; the options table says
// which task each option applies to (the bi-encoder's pooling, temperature and negatives; the
// fine-tuning tasks' groups and instructions; pre-training's method and masking).
void addTrainingCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action,
                        const std::string& task) {
  auto flags = std::make_shared<TrainFlags>();
  flags->task = task;
  CLI::App* command = nullptr;
  if (task == "reranker") {
    command = app.add_subcommand(
        "train-reranker",
        "Fine-tune a reranker (cross-encoder): each query is read with each passage of\n"
        "its group ([positive, G-1 hard negatives]) as `query [SEP] passage`, only the\n"
        "passage truncated (to --query_max_len + --passage_max_len), and the group's\n"
        "logits trained with cross-entropy towards the positive (plus distillation from\n"
        "pos_scores/neg_scores with --knowledge_distillation). The same options,\n"
        "checkpoints, resume, workers and\n"
        "history as `train`. Start from a reranker folder (init-model --head classifier,\n"
        "or a Hugging Face ...ForSequenceClassification checkpoint).\n"
        "Example: embedlab-cli train-reranker --model_name_or_path reranker-base/ "
        "--train_data mined.jsonl --output_dir runs/reranker --train_group_size 8");
  } else if (task == "pretrain") {
    command = app.add_subcommand(
        "pretrain",
        "Pre-train an encoder on your own texts before fine-tuning it: --method mlm (BERT's\n"
        "masked language modelling: 15% of tokens, 80/10/10) or --method retromae (the\n"
        "encoder's [CLS] embedding must let a one-layer decoder rebuild a heavily masked\n"
        "copy of the text). Reads {\"text\"} lines (candidate pools) and the query, pos and\n"
        "neg texts of training files, each distinct text once. Writes a masked-LM folder\n"
        "(...ForMaskedLM) that train, train-reranker, mine and eval start from; the same\n"
        "checkpoints, resume, workers, bf16 and history as `train`. A pre-trained model must\n"
        "be fine-tuned with contrastive learning before its embeddings are useful.\n"
        "Example: embedlab-cli pretrain --model_name_or_path base/ --train_data pool.jsonl "
        "--output_dir runs/pretrained --method retromae --max_steps 2000");
  } else {
    command = app.add_subcommand(
        "train",
        "Fine-tune an embedding model with contrastive learning (in-batch and hard "
        "negatives),\n"
        "the C++ counterpart of the reference workflow's `torchrun ... finetune.run`; "
        "its flag\n"
        "names work as they are (underscore or dash). The final model lands at "
        "--output_dir's root.\n"
        "Example: embedlab-cli train --model_name_or_path bge-small/ --train_data "
        "train.jsonl --output_dir runs/first --per_device_train_batch_size 32 "
        "--train_group_size 4");
  }
  flags->addConfigFlag(*command);
  command
      ->add_option(
          "--progress", flags->progress,
          "How progress is shown: bar (stderr), json (one JSON object per event on stdout) "
          "or none")
      ->check(CLI::IsMember({"bar", "json", "none"}))
      ->capture_default_str()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  // The task is the command's.
  flags->addFlags(*command, train::TrainingOptions::table(), train::taskBit(task), {"task"});
  addRefusedFlags(*command, {"deepspeed", "devices"});
  command->callback([&action, &global, flags] {
    action = [flags, &global] { return runTrain(*flags, global); };
  });
}

}  // namespace

void addTrainCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  addTrainingCommand(app, global, action, "embedding");
}

void addTrainRerankerCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  addTrainingCommand(app, global, action, "reranker");
}

void addPretrainCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  addTrainingCommand(app, global, action, "pretrain");
}

}  // namespace embedlab::cli

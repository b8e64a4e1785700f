#include "app/cli/cli_app.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <memory>

#include "app/cli/cli_reference.h"
#include "app/cli/eval_command.h"
#include "app/cli/merge_command.h"
#include "app/cli/mine_command.h"
#include "app/cli/model_commands.h"
#include "app/cli/runs_command.h"
#include "app/cli/threshold_command.h"
#include "app/cli/train_command.h"
#include "app/cli/validate_command.h"
#include "core/common/error.h"
#include "core/common/version.h"
#include "core/runtime/compute_environment.h"

namespace embedlab::cli {

namespace {

void printEnvironmentNotes(const ComputeEnvironment& environment, const GlobalOptions& options) {
  if (const auto warning = blasWarning(environment)) {
    fmt::print(stderr, "embedlab-cli: warning: {}\n", *warning);  // always, even with --quiet
  }
  if (!options.quiet && std::getenv("EMBEDLAB_VERBOSE") != nullptr) {
    fmt::print(stderr, "embedlab-cli: {}\n", describe(environment));
  }
}

// `docs FORMAT`, hidden from --help: the reference of `app` (see cli_reference.h).
void addDocsCommand(CLI::App& app, CommandAction& action) {
  auto format = std::make_shared<ReferenceFormat>(ReferenceFormat::Markdown);
  auto date = std::make_shared<std::string>("");
  CLI::App* command = app.add_subcommand("docs",
                                         "Print the command-line reference (man, markdown, "
                                         "bash-completion or json)");
  command->group("");  // hidden
  const std::map<std::string, ReferenceFormat> formats{
      {"man", ReferenceFormat::Man},
      {"markdown", ReferenceFormat::Markdown},
      {"bash-completion", ReferenceFormat::BashCompletion},
      {"json", ReferenceFormat::Json}};
  command->add_option("format", *format, "man, markdown, bash-completion or json")
      ->required()
      ->transform(CLI::CheckedTransformer(formats));
  command->add_option("--date", *date, "The man page's date, YYYY-MM-DD");
  command->callback([&app, &action, format, date] {
    action = [&app, format, date] {
      fmt::print("{}", commandLineReference(app, *format, kVersion, *date));
      return kExitOk;
    };
  });
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{
      "EmbedLab: fine-tune text-embedding models and rerankers.\n"
      "Every job also runs from the EmbedLab desktop application.",
      "embedlab-cli"};
  app.set_version_flag("--version", fmt::format("embedlab-cli {}", kVersion));
  app.require_subcommand(1);
  app.fallthrough();

  GlobalOptions global;
  for (int i = 1; i < argc; ++i)
    global.arguments.emplace_back(argv[i]);
  app.add_option("--threads", global.threads,
                 "CPU threads for LibTorch and BLAS (default: EMBEDLAB_THREADS, else the usable "
                 "CPU count)")
      ->check(CLI::Range(1, 4096));
  app.add_flag("-q,--quiet", global.quiet, "No progress bar or notes on stderr");
  app.add_option("--db", global.database,
                 "Experiment history database (default: $EMBEDLAB_HISTORY_DB, else "
                 "$XDG_DATA_HOME/embedlab/history.sqlite)");
  app.add_flag("--no-history,--no_history", global.noHistory,
               "Do not record this job in the experiment history");

  CommandAction action;
  addValidateCommand(app, global, action);
  addInitModelCommand(app, global, action);
  addTokenizeCommand(app, global, action);
  addEncodeCommand(app, global, action);
  addTrainCommand(app, global, action);
  addTrainRerankerCommand(app, global, action);
  addPretrainCommand(app, global, action);
  addMineCommand(app, global, action);
  addEvalCommand(app, global, action);
  addThresholdCommand(app, global, action);
  addMergeCommand(app, global, action);
  addRunsCommand(app, global, action);
  addDocsCommand(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    // Workers that share the machine share its CPUs (torchrun and our launcher set this).
    std::optional<int> threads = global.threads;
    if (const char* local = std::getenv("LOCAL_WORLD_SIZE");
        !threads && local != nullptr && std::getenv("EMBEDLAB_THREADS") == nullptr) {
      threads = std::max(1, usableCpuCount() / std::max(1, std::atoi(local)));
    }
    const ComputeEnvironment environment = configureComputeEnvironment(threads);
    printEnvironmentNotes(environment, global);
    return action();
  } catch (const UsageError& error) {
    fmt::print(stderr, "embedlab-cli: error: {}\n", error.what());
    return kExitUsage;
  } catch (const CancelledError&) {
    fmt::print(stderr, "embedlab-cli: cancelled\n");
    return 130;
  } catch (const std::exception& error) {
    fmt::print(stderr, "embedlab-cli: error: {}\n", error.what());
    return kExitFailure;
  }
}

}  // namespace embedlab::cli

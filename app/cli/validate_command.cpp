#include "app/cli/validate_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/cli/terminal_progress.h"
#include "core/common/error.h"
#include "core/data/validation.h"
#include "core/data/validation_report.h"

namespace embedlab::cli {

namespace {

struct ValidateOptions {
  std::vector<std::string> paths;
  std::string kind;
  std::string split;
  std::size_t maxProblems = 20;
  std::string format = "text";
  std::uint64_t maxLineMegabytes = 64;
};

int runValidate(const ValidateOptions& options, const GlobalOptions& global) {
  std::optional<DataKind> kind;
  if (!options.kind.empty()) {
    kind = parseDataKind(options.kind);
  }
  ValidationOptions validation;
  validation.keepProblems = std::max<std::size_t>(options.maxProblems, 1);
  validation.reader.maxLineBytes = options.maxLineMegabytes << 20;

  bool allValid = true;
  for (const std::string& path : options.paths) {
    std::vector<ValidationReport> reports;
    TerminalProgress progress("validating " + std::filesystem::path(path).filename().string(),
                              !global.quiet);
    if (std::filesystem::is_directory(path)) {
      if (!isEvalFolder(path)) {
        throw UsageError(path +
                         " is a folder without corpus.jsonl and queries.jsonl; give a "
                         "file, or a BEIR-layout evaluation folder");
      }
      reports = validateEvalFolder(path, options.split, validation, &progress);
    } else {
      reports.push_back(
          validateFile(path, kind ? *kind : detectDataKind(path), validation, &progress));
    }
    progress.finish();
    for (const ValidationReport& report : reports) {
      allValid = allValid && report.valid();
      if (options.format == "json") {
        fmt::print("{}\n", validationReportJson(report, options.maxProblems));
      } else {
        fmt::print("{}\n", formatValidationReport(report, options.maxProblems));
      }
    }
  }
  std::fflush(stdout);
  return allValid ? kExitOk : kExitFailure;
}

}  // namespace

void addValidateCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand(
      "validate",
      "Check data files and report every problem with its line.\n"
      "Training data: {\"query\", \"pos\", \"neg\"} lines (optional pos_scores, neg_scores, "
      "prompt);\npools: {\"text\"}; corpus and queries of a BEIR folder or the MS MARCO-style "
      "layout;\nqrels TSV. Exit status 0 when valid, 1 when a file has errors, 2 on usage errors."
      "\nExample: embedlab-cli validate train.jsonl dev/");
  command
      ->add_option("paths", options->paths,
                   "Files to check, or BEIR-layout folders (corpus.jsonl, queries.jsonl, qrels/)")
      ->required()
      ->check(CLI::ExistingPath);
  command
      ->add_option("--kind", options->kind,
                   "What the files hold (default: guessed from the name and the first record)")
      ->check(CLI::IsMember({"train", "pool", "corpus", "queries", "qrels"}));
  command->add_option("--split", options->split,
                      "For folders: the qrels split to check (default: every qrels/*.tsv)");
  command
      ->add_option("--max-problems", options->maxProblems,
                   "Problems shown in full per file; the rest are counted by kind")
      ->capture_default_str();
  command->add_option("--format", options->format, "Report format: text, or json (one per file)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command
      ->add_option("--max-line-mb", options->maxLineMegabytes,
                   "Longest line read, in MiB; longer lines are reported, not loaded")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  command->callback([&action, &global, options] {
    action = [options, &global] { return runValidate(*options, global); };
  });
}

}  // namespace embedlab::cli

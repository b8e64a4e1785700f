#include "app/cli/runs_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>
#include <regex>

#include "app/cli/job_history.h"
#include "core/common/error.h"
#include "core/data/atomic_file.h"
#include "core/store/history.h"
#include "core/store/run_comparison.h"
#include "core/store/run_transfer.h"

namespace embedlab::cli {

namespace {

std::vector<std::string> runKindNames() {
  std::vector<std::string> names;
  for (const store::RunKind kind : store::kRunKinds)
    names.emplace_back(store::runKindName(kind));
  return names;
}

struct RunsOptions {
  // list
  std::string kind;
  std::string status;
  std::string tag;
  std::string since;
  std::size_t limit = 0;
  std::string format = "table";
  // show, note, tag, delete, export, compare
  std::int64_t id = 0;
  std::vector<std::int64_t> ids;
  std::string text;
  bool remove = false;
  bool diffOnly = false;
  bool yes = false;
  bool withFiles = false;
  std::string output;
  std::vector<std::string> folders;
};

double nowSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string localTime(double seconds) {
  const auto time = static_cast<std::time_t>(seconds);
  std::tm local{};
  localtime_r(&time, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
  return text;
}

std::string duration(const store::Run& run) {
  const double end = run.endedAt.value_or(
      run.status == store::RunStatus::Running ? nowSeconds() : run.heartbeatAt);
  const auto seconds = static_cast<long long>(std::max(0.0, end - run.startedAt));
  if (seconds >= 3600) return fmt::format("{}h{:02}m", seconds / 3600, seconds % 3600 / 60);
  if (seconds >= 60) return fmt::format("{}m{:02}s", seconds / 60, seconds % 60);
  return fmt::format("{}s", seconds);
}

// "2026-12-01", "2026-12-01T14:30" (local time), or "3d", "12h", "30m" ago.
double parseSince(const std::string& text) {
  std::smatch match;
  if (std::regex_match(text, match, std::regex(R"((\d+)([dhm]))"))) {
    const double count = std::stod(match[1].str());
    const double unit = match[2] == "d" ? 86400 : match[2] == "h" ? 3600 : 60;
    return nowSeconds() - count * unit;
  }
  std::tm local{};
  local.tm_isdst = -1;
  if (std::regex_match(text, match,
                       std::regex(R"((\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?)"))) {
    local.tm_year = std::stoi(match[1].str()) - 1900;
    local.tm_mon = std::stoi(match[2].str()) - 1;
    local.tm_mday = std::stoi(match[3].str());
    if (match[4].matched) {
      local.tm_hour = std::stoi(match[4].str());
      local.tm_min = std::stoi(match[5].str());
    }
    return static_cast<double>(std::mktime(&local));
  }
  throw UsageError(
      "--since takes a date (2026-12-01, 2026-12-01T14:30) or an age (3d, 12h, 30m), not \"" +
      text + "\"");
}

void printTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += c + 1 == row.size() ? row[c] : fmt::format("{:<{}}  ", row[c], widths[c]);
    }
    fmt::print("{}\n", line);
  }
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const std::string& item : items)
    text += (text.empty() ? "" : separator) + item;
  return text;
}

int listRuns(const RunsOptions& o, const GlobalOptions& global) {
  store::History history(historyDatabasePath(global));
  store::RunFilter filter;
  if (!o.kind.empty()) filter.kind = o.kind;
  if (!o.status.empty()) filter.status = store::parseRunStatus(o.status);
  if (!o.tag.empty()) filter.tag = o.tag;
  if (!o.since.empty()) filter.since = parseSince(o.since);
  filter.limit = o.limit;
  const std::vector<store::Run> runs = history.listRuns(filter);
  if (o.format == "json") {
    nlohmann::json json = nlohmann::json::array();
    for (const store::Run& run : runs)
      json.push_back(store::toJson(run));
    fmt::print("{}\n", json.dump(2));
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows{
      {"ID", "KIND", "STATUS", "STARTED", "DURATION", "NAME", "TAGS"}};
  for (const store::Run& run : runs) {
    rows.push_back({std::to_string(run.id), run.kind, std::string(runStatusName(run.status)),
                    localTime(run.startedAt), duration(run), run.name, joined(run.tags, ",")});
  }
  printTable(rows);
  if (runs.empty()) fmt::print("(no runs in {})\n", history.path().string());
  return kExitOk;
}

int showRun(const RunsOptions& o, const GlobalOptions& global) {
  store::History history(historyDatabasePath(global));
  const store::Run run = history.run(o.id);
  if (o.format == "json") {
    fmt::print("{}\n", store::exportRunJson(history, o.id).dump(2));
    return kExitOk;
  }
  fmt::print("run {}: {} ({})\n", run.id, run.name, run.kind);
  fmt::print("  status    {}{}\n", runStatusName(run.status),
             run.error.empty() ? "" : ": " + run.error);
  fmt::print("  started   {} on {} (pid {}), EmbedLab {}\n", localTime(run.startedAt), run.host,
             run.pid, run.version);
  fmt::print("  duration  {}\n", duration(run));
  if (!run.parentModel.empty()) fmt::print("  model     {}\n", run.parentModel);
  if (!run.outputPath.empty()) fmt::print("  output    {}\n", run.outputPath);
  for (const store::RunInput& input : run.inputs)
    fmt::print("  input     {} ({})\n", input.path,
               input.contentHash.empty() ? "unreadable" : input.contentHash);
  if (!run.tags.empty()) fmt::print("  tags      {}\n", joined(run.tags, ", "));
  if (!run.notes.empty()) fmt::print("  notes     {}\n", run.notes);
  fmt::print("  options   {}\n", run.options.dump());
  const auto metrics = history.finalMetrics(o.id);
  if (!metrics.empty()) {
    fmt::print("  final metrics:\n");
    for (const auto& [name, value] : metrics)
      fmt::print("    {:<32} {:.6g}\n", name, value);
  }
  const nlohmann::json summaries = history.summaries(o.id);
  for (const auto& [key, value] : summaries.items())
    fmt::print("  {}: {}\n", key, value.dump());
  return kExitOk;
}

int compareRuns(const RunsOptions& o, const GlobalOptions& global) {
  if (o.ids.size() < 2) throw UsageError("runs compare needs two run ids or more");
  store::History history(historyDatabasePath(global));
  std::vector<store::Run> runs;
  std::vector<std::map<std::string, double>> finals;
  for (const std::int64_t id : o.ids) {
    runs.push_back(history.run(id));
    finals.push_back(history.finalMetrics(id));
  }
  std::vector<std::string> header{"option"};
  for (const store::Run& run : runs)
    header.push_back(fmt::format("#{} {}", run.id, run.name));
  std::vector<std::vector<std::string>> rows{header};
  std::size_t differing = 0;
  for (const store::OptionRow& row : store::compareOptions(runs)) {
    differing += row.differs ? 1 : 0;
    if (o.diffOnly && !row.differs) continue;
    std::vector<std::string> line{(row.differs ? "* " : "  ") + row.name};
    for (const std::string& value : row.values)
      line.push_back(value.empty() ? "-" : value);
    rows.push_back(std::move(line));
  }
  printTable(rows);
  fmt::print("{} options differ (marked *)\n\n", differing);

  header[0] = "final metric";
  rows = {header};
  for (const store::MetricRow& row : store::compareMetrics(finals)) {
    std::vector<std::string> line{row.name};
    for (std::size_t i = 0; i < row.values.size(); ++i) {
      line.push_back(!row.values[i]
                         ? "-"
                         : fmt::format("{:.6g}{}", *row.values[i], row.best == i ? " *" : ""));
    }
    rows.push_back(std::move(line));
  }
  if (rows.size() > 1) {
    printTable(rows);
    fmt::print("(* the best of the row)\n");
  } else {
    fmt::print("no metrics recorded for these runs\n");
  }
  return kExitOk;
}

bool confirmed(const std::string& question) {
  fmt::print(stderr, "{} [y/N] ", question);
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes";
}

int deleteRun(const RunsOptions& o, const GlobalOptions& global) {
  store::History history(historyDatabasePath(global));
  const store::Run run = history.run(o.id);
  std::filesystem::path files;
  if (o.withFiles && !run.outputPath.empty() && std::filesystem::exists(run.outputPath)) {
    files = run.outputPath;
    if (std::filesystem::is_directory(files) &&
        !std::filesystem::exists(files / "training_options.json") &&
        !std::filesystem::exists(files / "metrics.jsonl")) {
      throw UsageError(fmt::format(
          "{} does not look like a run folder (no training_options.json or metrics.jsonl); "
          "delete it by hand if you mean it",
          files.string()));
    }
  }
  const std::string question =
      fmt::format("delete run {} ({} \"{}\"){}?", run.id, run.kind, run.name,
                  files.empty() ? " from the history" : " and " + files.string());
  if (!o.yes && !confirmed(question)) {
    fmt::print(stderr, "runs: nothing deleted\n");
    return kExitFailure;
  }
  history.deleteRun(run.id);
  if (!files.empty()) std::filesystem::remove_all(files);
  if (!global.quiet) {
    fmt::print(stderr, "runs: deleted run {}{}\n", run.id,
               files.empty() ? " (its files are kept; --with-files removes them)"
                             : " and " + files.string());
  }
  return kExitOk;
}

int exportRun(const RunsOptions& o, const GlobalOptions& global) {
  store::History history(historyDatabasePath(global));
  const std::string content = o.format == "csv"
                                  ? store::exportRunCsv(history, o.id)
                                  : store::exportRunJson(history, o.id).dump(2) + "\n";
  if (o.output.empty()) {
    fmt::print("{}", content);
  } else {
    AtomicFileWriter file(o.output);
    file.write(content);
    file.commit();
  }
  return kExitOk;
}

int importRuns(const RunsOptions& o, const GlobalOptions& global) {
  store::History history(historyDatabasePath(global));
  for (const std::string& folder : o.folders) {
    const store::ImportResult result = store::importRunFolder(history, folder);
    if (result.alreadyThere) {
      fmt::print("{}: already in the history as run {}\n", folder, result.run);
    } else {
      fmt::print("{}: imported as run {} ({} metric records)\n", folder, result.run,
                 result.records);
    }
  }
  return kExitOk;
}

}  // namespace

void addRunsCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto options = std::make_shared<RunsOptions>();
  auto& o = *options;
  CLI::App* runs = app.add_subcommand(
      "runs",
      "The experiment history: every train, mine, eval and threshold job records itself there\n"
      "(--db FILE, default $XDG_DATA_HOME/embedlab/history.sqlite; --no-history opts out).\n"
      "Example: embedlab-cli runs list --kind train --since 7d; embedlab-cli runs compare 3 5");
  runs->require_subcommand(1);
  const auto bind = [&action, &global, options](
                        CLI::App* command, int (*job)(const RunsOptions&, const GlobalOptions&)) {
    command->callback([&action, &global, options, job] {
      action = [&global, options, job] { return job(*options, global); };
    });
  };

  CLI::App* list = runs->add_subcommand(
      "list",
      "Runs, newest first: id, kind, state, name, start, duration, main metric.\n"
      "Example: embedlab-cli runs list --kind train --since 7d --limit 20");
  list->add_option("--kind", o.kind, "Only this kind of run (default: all)")
      ->check(CLI::IsMember(runKindNames()));
  list->add_option("--status", o.status, "Only runs in this state (default: all)")
      ->check(CLI::IsMember({"running", "finished", "failed", "stopped", "interrupted"}));
  list->add_option("--tag", o.tag, "Only runs with this tag (default: all)");
  list->add_option(
      "--since", o.since,
      "Only runs started since a date (2026-12-01) or an age (7d, 12h) (default: all)");
  list->add_option("--limit", o.limit, "At most this many runs (default: all)");
  list->add_option("--format", o.format, "Output format: table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  bind(list, listRuns);

  CLI::App* show = runs->add_subcommand("show",
                                        "One run: options, inputs, final metrics.\n"
                                        "Example: embedlab-cli runs show 12");
  show->add_option("id", o.id, "The run's id (runs list shows them)")->required();
  show->add_option("--format", o.format,
                   "Output format: table or json (everything, series included; default: table)")
      ->check(CLI::IsMember({"table", "json"}));
  bind(show, showRun);

  CLI::App* compare = runs->add_subcommand("compare",
                                           "Runs side by side: options, then final metrics.\n"
                                           "Example: embedlab-cli runs compare 3 5 --diff-only");
  compare->add_option("ids", o.ids, "Two run ids or more")->required()->expected(2, -1);
  compare->add_flag("--diff-only,--diff_only", o.diffOnly, "Only the options that differ");
  bind(compare, compareRuns);

  CLI::App* note =
      runs->add_subcommand("note",
                           "Set a run's note (free text).\n"
                           "Example: embedlab-cli runs note 12 \"lr 2e-5 was better\"");
  note->add_option("id", o.id, "The run's id (runs list shows them)")->required();
  note->add_option("text", o.text, "The note (replaces the old one)")->required();
  bind(note, [](const RunsOptions& given, const GlobalOptions& g) {
    store::History(historyDatabasePath(g)).setNote(given.id, given.text);
    return kExitOk;
  });

  CLI::App* tag = runs->add_subcommand("tag",
                                       "Tag a run (or --remove the tag).\n"
                                       "Example: embedlab-cli runs tag 12 baseline");
  tag->add_option("id", o.id, "The run's id (runs list shows them)")->required();
  tag->add_option("tag", o.text, "The tag, a word")->required();
  tag->add_flag("--remove", o.remove, "Remove the tag instead");
  bind(tag, [](const RunsOptions& given, const GlobalOptions& g) {
    store::History history(historyDatabasePath(g));
    if (given.remove) {
      history.removeTag(given.id, given.text);
    } else {
      history.addTag(given.id, given.text);
    }
    return kExitOk;
  });

  CLI::App* remove = runs->add_subcommand(
      "delete",
      "Delete a run from the history (asks first; its files stay unless --with-files).\n"
      "Example: embedlab-cli runs delete 12 --yes");
  remove->add_option("id", o.id, "The run's id (runs list shows them)")->required();
  remove->add_flag("--yes,-y", o.yes, "Do not ask");
  remove->add_flag("--with-files,--with_files", o.withFiles,
                   "Also delete the run's output (its run folder or output file)");
  bind(remove, deleteRun);

  CLI::App* exporting =
      runs->add_subcommand("export",
                           "A run with its series (every logged metric), as JSON or CSV.\n"
                           "Example: embedlab-cli runs export 12 --format csv --output run12.csv");
  exporting->add_option("id", o.id, "The run's id (runs list shows them)")->required();
  exporting->add_option("--format", o.format, "Output format: json or csv (default: json)")
      ->check(CLI::IsMember({"json", "csv", "table"}));
  exporting->add_option("--output,-o", o.output, "Write to this file (default: stdout)");
  exporting->callback([&action, &global, options] {
    if (options->format == "table") options->format = "json";
    action = [&global, options] { return exportRun(*options, global); };
  });

  CLI::App* import = runs->add_subcommand(
      "import",
      "Record run folders written by `train` elsewhere (options and metrics.jsonl).\n"
      "Example: embedlab-cli runs import /shared/runs/e5-slurm");
  import->add_option("folders", o.folders, "Run folders")
      ->required()
      ->check(CLI::ExistingDirectory);
  bind(import, importRuns);
}

}  // namespace embedlab::cli

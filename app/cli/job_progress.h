// Progress of a CLI job in the form --progress asks for: "bar" (a bar on stderr for terminals),
// "json" (one JSON object per line on stdout: {"event": "progress", "unit", "done", "total"},
// at most ten a second, for the GUI and scripts) or "none". Results go through emit() in JSON
// mode so that a job's stdout stays valid JSON lines.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/terminal_progress.h"
#include "core/data/problem.h"

namespace embedlab::cli {

class JobProgress : public ProgressObserver {
 public:
  JobProgress(const std::string& label, const std::string& mode, bool quiet);

  void onProgress(std::uint64_t done, std::uint64_t total, std::string_view unit) override;
  /// Clears the bar (call before printing to stderr).
  void finish();

  bool json() const { return json_; }
  /// Human-readable notes and reports go to stderr unless --quiet or --progress json|none.
  bool talks() const { return talks_; }
  /// --quiet: not even warnings on stderr.
  bool quiet() const { return quiet_; }

  /// Writes one JSON line on stdout and flushes.
  static void emit(const nlohmann::json& line);

  /// One line on stderr (when the job talks) for the warnings found while reading `what`:
  /// their count and the first, pointing to `embedlab-cli validate` for the rest.
  void noteWarnings(const std::string& what, const std::vector<Problem>& warnings);

 private:
  bool json_;
  bool talks_;
  bool quiet_;
  TerminalProgress bar_;
  std::chrono::steady_clock::time_point lastEmit_{};
};

}  // namespace embedlab::cli

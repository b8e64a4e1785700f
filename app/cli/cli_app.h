// The embedlab-cli application: global options, the subcommands, and the mapping from errors to
// exit codes (0 success, 1 the job found a problem in its input or failed, 2 usage error,
// 130 cancelled by SIGINT).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace embedlab::cli {

/// Options every subcommand accepts.
struct GlobalOptions {
  std::optional<int> threads;  ///< --threads; else EMBEDLAB_THREADS; else the usable CPUs
  bool quiet = false;          ///< --quiet: no progress bar, no notes on stderr
  std::string database;        ///< --db: the history database (default: see job_history.h)
  bool noHistory = false;      ///< --no-history: record nothing
  std::vector<std::string>
      arguments;  ///< the command line after the program name (to relaunch workers)
};

/// What a subcommand runs once the command line is parsed; returns the exit code.
using CommandAction = std::function<int()>;

/// Parses the command line, configures the compute environment and runs the chosen subcommand.
int run(int argc, char** argv);

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

}  // namespace embedlab::cli

// The context a CLI job hands its core runner (mine, threshold, eval): progress to the job's bar
// or JSON lines, Ctrl-C as the cancellation token, reading warnings summarised on stderr and a
// cache that cannot be written said once (not with --quiet).
#pragma once

#include <fmt/format.h>

#include <string>
#include <vector>

#include "app/cli/cli_app.h"
#include "app/cli/interrupt.h"
#include "app/cli/job_progress.h"

namespace embedlab::cli {

template <typename Context>
Context jobContext(JobProgress& progress, const GlobalOptions& global) {
  Context context;
  context.progress = &progress;
  context.cancel = &interruptToken();
  context.onWarnings = [&progress](const std::string& file, const std::vector<Problem>& found) {
    progress.noteWarnings(file, found);
  };
  if (!global.quiet) {
    context.onCacheWriteFailure = [](const std::string& message) {
      fmt::print(stderr, "embedlab-cli: warning: {}\n", message);
    };
  }
  return context;
}

}  // namespace embedlab::cli

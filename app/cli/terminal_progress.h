// A one-line progress bar on stderr for interactive terminals (nothing when stderr is not a TTY
// or --quiet is given), redrawn at most ten times a second.
#pragma once

#include <chrono>
#include <string>

#include "core/common/progress.h"

namespace embedlab::cli {

class TerminalProgress : public ProgressObserver {
 public:
  TerminalProgress(std::string label, bool enabled);
  ~TerminalProgress() override;

  void onProgress(std::uint64_t done, std::uint64_t total, std::string_view unit) override;
  /// Clears the bar's line (call before printing results).
  void finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point lastDraw_{};
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace embedlab::cli

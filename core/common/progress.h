// Progress reporting and cancellation, owned by core so that the CLI (a progress bar on stderr,
// JSON lines on stdout) and the GUI (work run through QtConcurrent, polled by a timer) can both
// follow long work.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "core/common/error.h"

namespace embedlab {

/// Receives progress from long-running core work. Calls come from the working thread and may be
/// frequent; implementations must be cheap (the GUI side batches them on a timer).
class ProgressObserver {
 public:
  virtual ~ProgressObserver() = default;
  /// `done` of `total` units (bytes, lines, steps: the caller says which in `unit`).
  /// `total` is 0 when unknown.
  virtual void onProgress(std::uint64_t done, std::uint64_t total, std::string_view unit) = 0;
};

/// A flag another thread sets to ask running work to stop at its next check point.
class CancellationToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

/// Throws CancelledError when `token` is set; a null token never cancels.
inline void throwIfCancelled(const CancellationToken* token) {
  if (token != nullptr && token->cancelled()) {
    throw CancelledError();
  }
}

/// Forwards progress under another unit, so that a listener can tell the phases of a job apart
/// ("corpus texts", then "query texts", ...). A null target receives nothing.
class PhaseProgress : public ProgressObserver {
 public:
  PhaseProgress(ProgressObserver* target, std::string_view unit) : target_(target), unit_(unit) {}
  void onProgress(std::uint64_t done, std::uint64_t total, std::string_view) override {
    if (target_ != nullptr) target_->onProgress(done, total, unit_);
  }

 private:
  ProgressObserver* target_;
  std::string_view unit_;  // a string literal
};

/// Keeps the latest progress as a percentage that another thread (a GUI timer) can read.
class PercentProgress : public ProgressObserver {
 public:
  void onProgress(std::uint64_t done, std::uint64_t total, std::string_view) override {
    if (total > 0) percent_.store(static_cast<int>(100 * done / total), std::memory_order_relaxed);
  }
  int percent() const { return percent_.load(std::memory_order_relaxed); }

 private:
  std::atomic<int> percent_{0};
};

/// Calls `observer` (when not null); convenience for code with optional observers.
inline void reportProgress(ProgressObserver* observer, std::uint64_t done, std::uint64_t total,
                           std::string_view unit) {
  if (observer != nullptr) {
    observer->onProgress(done, total, unit);
  }
}

}  // namespace embedlab

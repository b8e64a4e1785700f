#include "app/cli/terminal_progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace embedlab::cli {

namespace {

std::string humanBytes(std::uint64_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1000 && unit + 1 < std::size(units)) {
    value /= 1000;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, units[unit]);
}

}  // namespace

TerminalProgress::TerminalProgress(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled && ::isatty(STDERR_FILENO) == 1) {}

TerminalProgress::~TerminalProgress() {
  finish();
}

void TerminalProgress::onProgress(std::uint64_t done, std::uint64_t total, std::string_view unit) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - lastDraw_ < std::chrono::milliseconds(100) && done < total) return;
  lastDraw_ = now;
  drawn_ = true;
  const bool bytes = unit == "bytes";
  const auto amount = [&](std::uint64_t n) {
    return bytes ? humanBytes(n) : fmt::format("{} {}", n, unit);
  };
  if (total == 0) {
    fmt::print(stderr, "\r\033[K{} {}", label_, amount(done));
    return;
  }
  const double fraction = static_cast<double>(done) / static_cast<double>(total);
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  std::string eta;
  if (fraction > 0.01 && fraction < 1.0) {
    eta = fmt::format("  ETA {:.0f}s", elapsed / fraction - elapsed);
  }
  fmt::print(stderr, "\r\033[K{} [{}{}] {:3.0f}%  {} / {}{}", label_, std::string(filled, '#'),
             std::string(kWidth - filled, '.'), fraction * 100, amount(done), amount(total), eta);
}

void TerminalProgress::finish() {
  if (enabled_ && drawn_) {
    fmt::print(stderr, "\r\033[K");
    drawn_ = false;
  }
}

}  // namespace embedlab::cli

// Helpers the benchmarks share: best-of-N timing and the process's resident memory.
#pragma once

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>

namespace embedlab::bench {

/// The fastest of `repeats` runs of `work`, in seconds, after one warm-up run.
template <typename Work>
double bestSeconds(int repeats, Work&& work) {
  work();
  double best = 1e300;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

/// A field of /proc/self/status in KiB ("VmRSS:", "VmHWM:"); 0 when absent.
inline long statusKiB(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == field) {
      status >> value;
      return value;
    }
    status.ignore(1 << 16, '\n');
  }
  return 0;
}

}  // namespace embedlab::bench

#include "core/runtime/process_environment.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

namespace embedlab {

namespace {

constexpr const char* kReexecMarker = "EMBEDLAB_REEXECUTED";

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Rough capability order of OpenBLAS x86-64 core names; a core missing here is left alone.
int coreRank(const std::string& core) {
  static const std::map<std::string, int> ranks = {
      {"prescott", 1},  {"core2", 2},       {"penryn", 2},        {"dunnington", 2},
      {"nehalem", 3},   {"atom", 1},        {"nano", 1},          {"barcelona", 2},
      {"bobcat", 2},    {"bulldozer", 3},   {"piledriver", 3},    {"steamroller", 3},
      {"excavator", 3}, {"sandybridge", 4}, {"haswell", 5},       {"zen", 5},
      {"skylakex", 6},  {"cooperlake", 7},  {"sapphirerapids", 8}};
  const auto found = ranks.find(lowercase(core));
  return found == ranks.end() ? 0 : found->second;
}

}  // namespace

std::optional<std::string> bestOpenBlasCoreForCpu() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
                      __builtin_cpu_supports("avx512cd");
  if (avx512 && __builtin_cpu_supports("avx512bf16")) {
    return "Cooperlake";
  }
  if (avx512) {
    return "SkylakeX";
  }
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    return "Haswell";
  }
#endif
  return std::nullopt;
}

std::optional<std::string> activeOpenBlasCore() {
  using CoreName = const char* (*)();
  auto* corename = reinterpret_cast<CoreName>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
  if (corename == nullptr) {
    return std::nullopt;
  }
  return std::string(corename());
}

ProcessTuning tuneProcessEnvironment(char** argv) {
  ProcessTuning tuning;
  tuning.reexecuted = std::getenv(kReexecMarker) != nullptr;
  const std::optional<std::string> active = activeOpenBlasCore();
  if (tuning.reexecuted) {
    if (const char* detected = std::getenv(kReexecMarker); active && detected[0] != '\0') {
      tuning.openBlasCoreNote = *active + " (OpenBLAS detected " + detected + ")";
    }
    return tuning;
  }
  const char* disabled = std::getenv("EMBEDLAB_NO_REEXEC");
  if (disabled != nullptr && disabled[0] == '1') {
    return tuning;
  }
  const std::optional<std::string> best = bestOpenBlasCoreForCpu();
  const bool weakerKernels = std::getenv("OPENBLAS_CORETYPE") == nullptr && active && best &&
                             coreRank(*active) != 0 && coreRank(*active) < coreRank(*best);
  const bool setsWaitPolicy = std::getenv("OMP_WAIT_POLICY") == nullptr;
  if (!weakerKernels && !setsWaitPolicy) {
    return tuning;
  }
  if (weakerKernels) {
    setenv("OPENBLAS_CORETYPE", best->c_str(), 1);
  }
  if (setsWaitPolicy) {
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
  }
  setenv(kReexecMarker, weakerKernels ? active->c_str() : "", 1);
  execv("/proc/self/exe", argv);
  // Still here: exec failed (no /proc, say). Run on with the kernels we have; undo the variables
  // so that child processes make their own decision.
  if (weakerKernels) {
    unsetenv("OPENBLAS_CORETYPE");
  }
  unsetenv(kReexecMarker);
  if (setsWaitPolicy) {
    unsetenv("OMP_WAIT_POLICY");
  }
  return tuning;
}

}  // namespace embedlab

// Helpers the benchmarks share: best-of-N timing and the process's resident memory.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/model/embedding_model.h"

namespace embedlab::bench {

/// A BERT shape, named as bench/peer/ref_train_step.py's --preset names it.
struct Preset {
  const char* name;
  std::int64_t layers, hidden, heads, intermediate;
};

/// tiny, mini and small (MiniLM-L6-sized), as the peer script defines them.
inline const std::vector<Preset>& presets() {
  static const std::vector<Preset> all = {
      {"tiny", 2, 128, 2, 512}, {"mini", 4, 256, 4, 1024}, {"small", 6, 384, 12, 1536}};
  return all;
}

/// --pooling's value (cls or mean); exits with a message for another.
inline model::Pooling poolingNamed(const std::string& name) {
  if (name == "cls") return model::Pooling::Cls;
  if (name == "mean") return model::Pooling::Mean;
  std::fprintf(stderr, "unknown pooling %s (cls, mean)\n", name.c_str());
  std::exit(2);
}

/// The preset called `name`; exits with a message for an unknown name.
inline const Preset& presetNamed(const std::string& name) {
  for (const Preset& preset : presets())
    if (name == preset.name) return preset;
  std::fprintf(stderr, "unknown preset %s (tiny, mini, small)\n", name.c_str());
  std::exit(2);
}

/// A randomly initialised BERT of `preset`'s shape (EmbeddingModel::createRandom).
/// CLS pooling by default: what the peer script and FlagEmbedding (the reference workflow) use.
inline model::RandomModelOptions randomModelOptions(const Preset& preset,
                                                    model::Pooling pooling = model::Pooling::Cls) {
  model::RandomModelOptions options;
  options.pooling = pooling;
  options.layers = preset.layers;
  options.hidden = preset.hidden;
  options.heads = preset.heads;
  options.intermediate = preset.intermediate;
  return options;
}

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

#include "app/cli/encoding_flags.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "app/cli/option_names.h"

namespace embedlab::cli {

std::unique_ptr<model::EmbeddingCache> encodingCache(const model::EncodingOptions& options,
                                                     bool quiet) {
  if (quiet) return options.cache();
  return options.cache([](const std::string& message) {
    fmt::print(stderr, "embedlab-cli: warning: {}\n", message);
  });
}

void addEncodingFlags(CLI::App& command, model::EncodingOptions& flags,
                      const std::string& maxLengthNames, const std::string& maxLengthHelp) {
  command.add_option(bothSpellings("batch_size"), flags.batchSize, "Texts per forward pass")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  command.add_option(maxLengthNames, flags.maxLength, maxLengthHelp)
      ->check(CLI::Range(2, 65536))
      ->capture_default_str();
  command.add_flag("--fp16", flags.fp16, "Encode in float16 on CUDA (ignored on the CPU)");
  command
      .add_option("--device", flags.device,
                  "Where to run: auto (all visible GPUs, else the CPU), cpu, cuda or cuda:N")
      ->capture_default_str();
  command.add_flag(bothSpellings("no_cache"), flags.noCache,
                   "Neither read nor write the embedding cache");
  command.add_option(bothSpellings("cache_dir"), flags.cacheDir,
                     "Embedding cache folder (default: $XDG_CACHE_HOME/embedlab/embeddings)");
}

}  // namespace embedlab::cli

// The flags of the options every job that embeds texts shares (model::EncodingOptions: batch
// size, maximum length, fp16, device and the embedding cache), with one spelling and one
// explanation each.
#pragma once

#include <memory>
#include <string>

#include "app/cli/config_flags.h"
#include "core/model/encoding_options.h"

namespace CLI {
class App;
}

namespace embedlab::cli {

using EncodingFlags = model::EncodingOptions;

/// The embedding cache `options` ask for; a cache that cannot be written says so once on stderr
/// (not with `quiet`).
std::unique_ptr<model::EmbeddingCache> encodingCache(const model::EncodingOptions& options,
                                                     bool quiet);

/// Adds --batch_size, the maximum-length option (`maxLengthNames`, e.g. "--max_len,--max-len"),
/// --fp16, --device, --no_cache and --cache_dir to `command`, bound to `flags`.
void addEncodingFlags(CLI::App& command, model::EncodingOptions& flags,
                      const std::string& maxLengthNames,
                      const std::string& maxLengthHelp = "Longest text in tokens");

/// The same flags in a job's flag table (config_flags.h): `encoding` returns the job's
/// EncodingOptions member; the length flag is --max_len (plus `lengthAliases`, e.g.
/// ",--max_passage_length").
template <typename Options, typename Access>
void addEncodingFlags(CLI::App& command, ConfigFlags<Options>& flags, Access encoding,
                      const std::string& lengthHelp = "Longest text in tokens",
                      const std::string& lengthAliases = {}) {
  addFlag(
      command, flags,
      "batch_size", [encoding](Options & o) -> auto& { return encoding(o).batchSize; },
      "Texts per forward pass");
  addFlag(
      command, flags, "max_len", [encoding](Options & o) -> auto& { return encoding(o).maxLength; },
      lengthHelp, lengthAliases);
  addFlag(
      command, flags, "fp16", [encoding](Options & o) -> auto& { return encoding(o).fp16; },
      "Encode in float16 on CUDA (ignored on the CPU)");
  addFlag(
      command, flags, "device", [encoding](Options & o) -> auto& { return encoding(o).device; },
      "Where to run: auto (all visible GPUs, else the CPU), cpu, cuda or cuda:N");
  addFlag(
      command, flags, "no_cache", [encoding](Options & o) -> auto& { return encoding(o).noCache; },
      "Neither read nor write the embedding cache");
  addFlag(
      command, flags,
      "cache_dir", [encoding](Options & o) -> auto& { return encoding(o).cacheDir; },
      "Embedding cache folder (default: $XDG_CACHE_HOME/embedlab/embeddings)");
}

}  // namespace embedlab::cli

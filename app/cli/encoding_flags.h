// The options every job that embeds texts shares (mine, eval, threshold): batch size, maximum
// length, fp16, device and the embedding cache, with one spelling and one explanation each.
#pragma once

#include <memory>
#include <string>

#include "core/model/embedding_cache.h"
#include "core/model/embedding_model.h"

namespace CLI {
class App;
}

namespace embedlab::cli {

struct EncodingFlags {
  std::size_t batchSize = 256;  ///< texts per forward pass
  std::size_t maxLength = 512;  ///< tokens per text
  bool fp16 = false;            ///< float16 on CUDA
  std::string device = "auto";
  bool noCache = false;
  std::string cacheDir;  ///< empty: EmbeddingCache::defaultDirectory()

  model::LoadOptions loadOptions() const;
  /// The embedding cache asked for; nullptr with --no_cache. A cache that cannot be written
  /// says so once on stderr (not with `quiet`).
  std::unique_ptr<model::EmbeddingCache> cache(bool quiet) const;
  /// fingerprintModelFolder(folder), or "" (no caching) with --no_cache.
  std::string fingerprint(const std::string& folder) const;
};

/// Adds --batch_size, the maximum-length option (`maxLengthNames`, e.g. "--max_len,--max-len"),
/// --fp16, --device, --no_cache and --cache_dir to `command`.
void addEncodingFlags(CLI::App& command, EncodingFlags& flags, const std::string& maxLengthNames,
                      const std::string& maxLengthHelp = "Longest text in tokens");

}  // namespace embedlab::cli

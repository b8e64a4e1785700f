#include "app/cli/encoding_flags.h"

#include <fmt/format.h>

namespace embedlab::cli {

std::unique_ptr<model::EmbeddingCache> encodingCache(const model::EncodingOptions& options,
                                                     bool quiet) {
  if (quiet) return options.cache();
  return options.cache([](const std::string& message) {
    fmt::print(stderr, "embedlab-cli: warning: {}\n", message);
  });
}

}  // namespace embedlab::cli

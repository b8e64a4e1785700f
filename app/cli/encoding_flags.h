// The flags of the options every job that embeds texts shares (model::EncodingOptions: batch
// size, maximum length, fp16, device and the embedding cache), with one spelling and one
// explanation each.
#pragma once

#include <memory>
#include <string>

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

}  // namespace embedlab::cli

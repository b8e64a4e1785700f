// The embedding cache of the options every job that embeds texts shares
// (model::EncodingOptions; their flags come from the jobs' options tables), with the CLI's
// warning when it cannot be written.
#pragma once

#include <memory>
#include <string>

#include "core/model/encoding_options.h"

namespace embedlab::cli {

using EncodingFlags = model::EncodingOptions;

/// The embedding cache `options` ask for; a cache that cannot be written says so once on stderr
/// (not with `quiet`).
std::unique_ptr<model::EmbeddingCache> encodingCache(const model::EncodingOptions& options,
                                                     bool quiet);

}  // namespace embedlab::cli

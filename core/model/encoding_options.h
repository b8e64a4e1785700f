// The options every job that embeds texts shares (mine, eval, threshold, merge): batch size,
// maximum length, fp16/bf16, device and the embedding cache. Each job's options struct holds one
// and lists its fields in its options table through visitEncodingFields, so the names are declared
// once.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/common/option_table.h"
#include "core/model/embedding_cache.h"
#include "core/model/embedding_model.h"

namespace embedlab::model {

struct EncodingOptions {
  std::size_t batchSize = 256;    ///< batch_size: texts per forward pass
  std::size_t maxLength = 512;    ///< max_len: tokens per text, special tokens included
  bool fp16 = false;              ///< fp16: float16 on CUDA (ignored on the CPU)
  bool bf16 = false;              ///< bf16: bfloat16 on CUDA and on CPUs with native bf16
  bool int8 = false;              ///< int8: int8 projections on the CPU (EncodeOptions::int8)
  std::string device = "auto";    ///< device: auto (all visible GPUs, else the CPU), cpu, cuda:N
  bool noCache = false;           ///< no_cache: neither read nor write the embedding cache
  std::string cacheDir;           ///< cache_dir: empty for EmbeddingCache::defaultDirectory()
  std::string revision = "main";  ///< revision: of models named by hub id (branch, tag, commit)

  LoadOptions loadOptions() const;
  /// The embedding cache asked for; nullptr with noCache. `onWriteFailure` (may be empty) hears,
  /// once, that the cache cannot be written.
  std::unique_ptr<EmbeddingCache> cache(
      std::function<void(const std::string&)> onWriteFailure = {}) const;
  /// fingerprintModelFolder(folder), or "" (no caching) with noCache.
  std::string fingerprint(const std::string& folder) const;
};

/// The length option of most jobs: max_len, "Longest text in tokens".
OptionInfo maxLengthOption(const char* group);

/// The fields' rows in a job's options table (option_table.h), under `group`; `length` is the
/// job's row for maxLength (maxLengthOption(group), or e.g. merge's passage_max_len).
template <typename Visitor>
void visitEncodingFields(EncodingOptions& o, Visitor&& visit, const char* group,
                         std::optional<OptionInfo> length = std::nullopt) {
  visit({"batch_size", group, OPTION_TEXT("Options", "Texts per forward pass.")}, o.batchSize);
  visit(length ? *length : maxLengthOption(group), o.maxLength);
  visit({"fp16", group, OPTION_TEXT("Options", "Encode in float16 on CUDA (ignored on the CPU).")},
        o.fp16);
  visit({"bf16", group,
         OPTION_TEXT("Options",
                     "Encode in bfloat16 on CUDA and on CPUs with native bf16 (AVX512_BF16 or "
                     "AMX); other CPUs stay in float32, which is faster there.")},
        o.bf16);
  visit({"int8", group,
         OPTION_TEXT("Options",
                     "Encode with int8 projections on CPUs with AVX-512 VNNI or AMX (about 3x as "
                     "fast as float32 for MiniLM-sized models); bf16 or float32 on other CPUs.")},
        o.int8);
  visit({"device", group,
         OPTION_TEXT("Options",
                     "Where to run: auto (all visible GPUs, else the CPU), cpu, cuda or cuda:N.")},
        o.device);
  visit({"no_cache", group, OPTION_TEXT("Options", "Neither read nor write the embedding cache.")},
        o.noCache);
  visit({"cache_dir", group,
         OPTION_TEXT("Options",
                     "Embedding cache folder (default: "
                     "$XDG_CACHE_HOME/embedlab/embeddings).")},
        o.cacheDir);
  visit({"revision", group,
         OPTION_TEXT("Options",
                     "Which revision of a model named by hub id (org/name) to read from the "
                     "Hugging Face cache: a branch, a tag or a commit hash.")},
        o.revision);
}

/// Throws UsageError for a batch size or length out of range.
void validate(const EncodingOptions& options);

}  // namespace embedlab::model

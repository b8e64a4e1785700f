// The options every job that embeds texts shares (mine, eval, threshold, merge): batch size,
// maximum length, fp16, device and the embedding cache. Each job's options struct holds one and
// lists its fields in its JSON table through visitEncodingFields, so the names are declared once.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/model/embedding_cache.h"
#include "core/model/embedding_model.h"

namespace embedlab::model {

struct EncodingOptions {
  std::size_t batchSize = 256;  ///< batch_size: texts per forward pass
  std::size_t maxLength = 512;  ///< max_len: tokens per text, special tokens included
  bool fp16 = false;            ///< fp16: float16 on CUDA (ignored on the CPU)
  std::string device = "auto";  ///< device: auto (all visible GPUs, else the CPU), cpu, cuda:N
  bool noCache = false;         ///< no_cache: neither read nor write the embedding cache
  std::string cacheDir;         ///< cache_dir: empty for EmbeddingCache::defaultDirectory()

  LoadOptions loadOptions() const;
  /// The embedding cache asked for; nullptr with noCache. `onWriteFailure` (may be empty) hears,
  /// once, that the cache cannot be written.
  std::unique_ptr<EmbeddingCache> cache(
      std::function<void(const std::string&)> onWriteFailure = {}) const;
  /// fingerprintModelFolder(folder), or "" (no caching) with noCache.
  std::string fingerprint(const std::string& folder) const;
};

/// The fields' JSON names and members, for a job's options table. `lengthName` is the job's
/// name for maxLength ("max_len", or "passage_max_len" for merge).
template <typename Visitor>
void visitEncodingFields(EncodingOptions& o, Visitor&& visit, const char* lengthName = "max_len") {
  visit("batch_size", o.batchSize);
  visit(lengthName, o.maxLength);
  visit("fp16", o.fp16);
  visit("device", o.device);
  visit("no_cache", o.noCache);
  visit("cache_dir", o.cacheDir);
}

/// Throws UsageError for a batch size or length out of range.
void validate(const EncodingOptions& options);

}  // namespace embedlab::model

// Embeddings computed once and reused: mining and evaluation encode the same corpus again and
// again while users change only the range, the margins or k. Each result is stored as an .npy
// file under the user's cache folder, keyed by a hash of everything that determines it: the
// model folder's files (size, time and content fingerprints), pooling and normalisation, the
// effective maximum length, the prefix, fp16, and the texts themselves (so a changed input file
// misses the cache, and two files with the same texts share an entry). Old entries are removed,
// least recently used first, when the folder grows past its size limit.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/model/embedding_model.h"

namespace embedlab::model {

/// A hash of what in a model folder can change its embeddings: every file at its top level and
/// in 1_Pooling/ (weights, config, tokenizer, sentence-transformers metadata), by path, size,
/// modification time and head/tail content hashes. Reads at most 128 KiB per file.
std::string fingerprintModelFolder(const std::filesystem::path& folder);

struct CachedEmbeddings {
  std::vector<float> values;  ///< row-major [rows x dimension]
  std::size_t rows = 0;
  std::size_t dimension = 0;
  bool fromCache = false;
  std::filesystem::path file;  ///< the cache entry (empty when caching is off)
};

class EmbeddingCache {
 public:
  /// $XDG_CACHE_HOME/embedlab/embeddings
  static std::filesystem::path defaultDirectory();

  /// `maxBytes`: the size the folder is pruned back to after a new entry (0: never pruned).
  explicit EmbeddingCache(std::filesystem::path directory = defaultDirectory(),
                          std::uint64_t maxBytes = 20ULL << 30);

  /// Embeddings of `texts` by `model`, from the cache when an entry for exactly these inputs
  /// exists, else computed (in windows, with progress and cancellation from `options`) and
  /// stored. `modelFingerprint` identifies the model's weights (fingerprintModelFolder); an
  /// empty one turns caching off for this call.
  CachedEmbeddings encode(const EmbeddingModel& model, const std::string& modelFingerprint,
                          const std::vector<std::string>& texts,
                          const EncodeOptions& options) const;

  const std::filesystem::path& directory() const { return directory_; }

  /// Called with a one-line message the first time an entry cannot be written (a full or
  /// read-only cache folder costs speed, not the job, so encode() goes on; the user should
  /// still hear it once, not once per call).
  void setWriteFailureHandler(std::function<void(const std::string&)> handler) {
    onWriteFailure_ = std::move(handler);
  }

 private:
  void prune(const std::filesystem::path& keep) const;
  void reportWriteFailure(const std::filesystem::path& file, const std::string& reason) const;

  std::filesystem::path directory_;
  std::uint64_t maxBytes_;
  std::function<void(const std::string&)> onWriteFailure_;
  mutable std::atomic<bool> writeFailureReported_{false};
};

/// `cache->encode(...)`, or with no cache the same windowed encoding, uncached.
CachedEmbeddings encodeWithCache(const EmbeddingCache* cache, const EmbeddingModel& model,
                                 const std::string& modelFingerprint,
                                 const std::vector<std::string>& texts,
                                 const EncodeOptions& options);

}  // namespace embedlab::model

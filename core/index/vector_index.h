// Nearest-neighbour search by inner product over embeddings (cosine for normalised ones), on
// FAISS: exact search (IndexFlatIP) by default, IVF or HNSW for pools too big for it. Searches
// run in batches with progress and cancellation; before building, the index's memory is
// estimated and an index that will not fit is a clear error instead of an out-of-memory kill.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/common/progress.h"

namespace embedlab::index {

enum class IndexKind { Flat, Ivf, Hnsw };

std::string_view indexKindName(IndexKind kind);
/// "flat", "ivf" or "hnsw"; throws UsageError for anything else.
IndexKind parseIndexKind(std::string_view name);

struct IndexOptions {
  IndexKind kind = IndexKind::Flat;
  int ivfLists = 0;   ///< IVF cells (0: 4 * sqrt(n), at most n / 39)
  int ivfProbe = 32;  ///< cells visited per query
  int hnswM = 32;     ///< HNSW neighbours per node
  int hnswEfConstruction = 200;
  int hnswEfSearch = 256;          ///< raised to k when k is larger
  std::size_t searchBatch = 4096;  ///< queries per FAISS call
  unsigned threads = 0;            ///< OpenMP threads for FAISS (0: the usable CPUs)
  /// Refuse to build an index larger than this (0: 90% of the memory available now).
  std::uint64_t memoryLimitBytes = 0;
};

/// Bytes the index for `count` vectors of `dimension` will hold (vectors, links, centroids).
std::uint64_t estimateIndexBytes(std::uint64_t count, std::uint64_t dimension,
                                 const IndexOptions& options);

/// The top-k of each query: row-major [queries x k]; ids are positions in the indexed vectors,
/// -1 where fewer than k exist; scores are inner products, best first.
struct SearchResult {
  std::size_t queries = 0;
  std::size_t k = 0;
  std::vector<float> scores;
  std::vector<std::int64_t> ids;
};

class VectorIndex {
 public:
  /// Indexes `count` row-major vectors of `dimension` floats (copied). Throws UsageError when
  /// the estimate exceeds the memory limit, naming the size and what to do.
  VectorIndex(const float* vectors, std::size_t count, std::size_t dimension,
              const IndexOptions& options = {});
  ~VectorIndex();
  VectorIndex(VectorIndex&&) noexcept;
  VectorIndex& operator=(VectorIndex&&) noexcept;

  SearchResult search(const float* queries, std::size_t count, std::size_t k,
                      ProgressObserver* progress = nullptr,
                      const CancellationToken* cancel = nullptr) const;

  std::size_t size() const;
  std::size_t dimension() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Memory available to new allocations now (MemAvailable), in bytes.
std::uint64_t availableMemoryBytes();

}  // namespace embedlab::index

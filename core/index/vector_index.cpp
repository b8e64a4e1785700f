#include "core/index/vector_index.h"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVFFlat.h>
#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <thread>

#include "core/common/error.h"

namespace embedlab::index {

namespace {

// FAISS parallelises with OpenMP, whose pool LibTorch may have narrowed to one thread (see
// chooseThreadPlan); widen it for the duration of a FAISS call.
class OpenMpThreads {
 public:
  explicit OpenMpThreads(unsigned threads) : previous_(omp_get_max_threads()) {
    omp_set_num_threads(static_cast<int>(
        threads == 0 ? std::max(1U, std::thread::hardware_concurrency()) : threads));
  }
  ~OpenMpThreads() { omp_set_num_threads(previous_); }
  OpenMpThreads(const OpenMpThreads&) = delete;
  OpenMpThreads& operator=(const OpenMpThreads&) = delete;

 private:
  int previous_;
};

int ivfLists(std::size_t count, const IndexOptions& options) {
  if (options.ivfLists > 0) return options.ivfLists;
  const int lists = static_cast<int>(4 * std::sqrt(static_cast<double>(count)));
  return std::max(
      1, std::min(lists, static_cast<int>(count / 39)));  // FAISS wants >= 39 points per cell
}

std::string gib(std::uint64_t bytes) {
  return fmt::format("{:.2f} GiB", static_cast<double>(bytes) / (1ULL << 30));
}

}  // namespace

std::string_view indexKindName(IndexKind kind) {
  switch (kind) {
    case IndexKind::Flat: return "flat";
    case IndexKind::Ivf: return "ivf";
    case IndexKind::Hnsw: return "hnsw";
  }
  return "flat";
}

IndexKind parseIndexKind(std::string_view name) {
  for (const IndexKind kind : {IndexKind::Flat, IndexKind::Ivf, IndexKind::Hnsw}) {
    if (indexKindName(kind) == name) return kind;
  }
  throw UsageError("--index must be flat, ivf or hnsw, not \"" + std::string(name) + "\"");
}

std::uint64_t availableMemoryBytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::uint64_t kib = 0;
  while (meminfo >> key) {
    if (key == "MemAvailable:") {
      meminfo >> kib;
      return kib * 1024;
    }
    meminfo.ignore(1 << 16, '\n');
  }
  return 0;
}

std::uint64_t estimateIndexBytes(std::uint64_t count, std::uint64_t dimension,
                                 const IndexOptions& options) {
  const std::uint64_t vectors = count * dimension * sizeof(float);
  switch (options.kind) {
    case IndexKind::Flat: return vectors;
    case IndexKind::Ivf:
      return vectors + count * sizeof(faiss::Index::idx_t) +
             static_cast<std::uint64_t>(ivfLists(static_cast<std::size_t>(count), options)) *
                 dimension * sizeof(float);
    case IndexKind::Hnsw:
      // Level 0 keeps 2M links per node, upper levels about M / (M - 1) more in all.
      return vectors +
             count * static_cast<std::uint64_t>(options.hnswM) * 3 * sizeof(std::int32_t) +
             count * 16;
  }
  return vectors;
}

struct VectorIndex::Impl {
  std::unique_ptr<faiss::Index> index;
  std::unique_ptr<faiss::IndexFlatIP> quantizer;  // IVF's coarse quantizer
  IndexOptions options;
};

VectorIndex::VectorIndex(const float* vectors, std::size_t count, std::size_t dimension,
                         const IndexOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  const std::uint64_t needed = estimateIndexBytes(count, dimension, options);
  const std::uint64_t limit =
      options.memoryLimitBytes > 0 ? options.memoryLimitBytes : availableMemoryBytes() / 10 * 9;
  if (limit > 0 && needed > limit) {
    throw UsageError(
        fmt::format("a {} index of {} vectors of dimension {} needs about {}, but only {} can be "
                    "used; search a smaller pool, or use --index ivf or hnsw on a larger machine",
                    indexKindName(options.kind), count, dimension, gib(needed), gib(limit)));
  }
  const OpenMpThreads threads(options.threads);
  const auto d = static_cast<faiss::Index::idx_t>(dimension);
  switch (options.kind) {
    case IndexKind::Flat: impl_->index = std::make_unique<faiss::IndexFlatIP>(d); break;
    case IndexKind::Ivf: {
      if (count < 39) throw UsageError("--index ivf needs at least 39 vectors; use the flat index");
      impl_->quantizer = std::make_unique<faiss::IndexFlatIP>(d);
      auto ivf = std::make_unique<faiss::IndexIVFFlat>(
          impl_->quantizer.get(), d, ivfLists(count, options), faiss::METRIC_INNER_PRODUCT);
      ivf->nprobe = static_cast<std::size_t>(std::max(1, options.ivfProbe));
      ivf->train(static_cast<faiss::Index::idx_t>(count), vectors);
      impl_->index = std::move(ivf);
      break;
    }
    case IndexKind::Hnsw: {
      auto hnsw = std::make_unique<faiss::IndexHNSWFlat>(static_cast<int>(d), options.hnswM,
                                                         faiss::METRIC_INNER_PRODUCT);
      hnsw->hnsw.efConstruction = options.hnswEfConstruction;
      hnsw->hnsw.efSearch = options.hnswEfSearch;
      impl_->index = std::move(hnsw);
      break;
    }
  }
  impl_->index->add(static_cast<faiss::Index::idx_t>(count), vectors);
}

VectorIndex::~VectorIndex() = default;
VectorIndex::VectorIndex(VectorIndex&&) noexcept = default;
VectorIndex& VectorIndex::operator=(VectorIndex&&) noexcept = default;

std::size_t VectorIndex::size() const {
  return static_cast<std::size_t>(impl_->index->ntotal);
}
std::size_t VectorIndex::dimension() const {
  return static_cast<std::size_t>(impl_->index->d);
}

SearchResult VectorIndex::search(const float* queries, std::size_t count, std::size_t k,
                                 ProgressObserver* progress,
                                 const CancellationToken* cancel) const {
  SearchResult result;
  result.queries = count;
  result.k = k;
  result.scores.assign(count * k, 0.0F);
  result.ids.assign(count * k, -1);
  if (count == 0 || k == 0 || size() == 0) return result;
  const OpenMpThreads threads(impl_->options.threads);
  if (auto* hnsw = dynamic_cast<faiss::IndexHNSW*>(impl_->index.get())) {
    hnsw->hnsw.efSearch = std::max(impl_->options.hnswEfSearch, static_cast<int>(k));
  }
  const std::size_t batch = std::max<std::size_t>(1, impl_->options.searchBatch);
  std::vector<faiss::Index::idx_t> labels;
  for (std::size_t start = 0; start < count; start += batch) {
    throwIfCancelled(cancel);
    const std::size_t n = std::min(batch, count - start);
    labels.resize(n * k);
    impl_->index->search(static_cast<faiss::Index::idx_t>(n), queries + start * dimension(),
                         static_cast<faiss::Index::idx_t>(k), result.scores.data() + start * k,
                         labels.data());
    std::copy(labels.begin(), labels.end(),
              result.ids.begin() + static_cast<std::ptrdiff_t>(start * k));
    reportProgress(progress, start + n, count, "queries");
  }
  return result;
}

}  // namespace embedlab::index

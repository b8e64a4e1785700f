// The FAISS wrapper: exact search equals a brute-force matrix product + top-k, the approximate
// indexes find nearly the same neighbours, and an index that will not fit is refused up front.
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "core/index/vector_index.h"
#include "tests/support/errors.h"

using namespace embedlab;
using namespace embedlab::index;

namespace {

std::vector<float> unitVectors(std::size_t count, std::size_t dimension, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::normal_distribution<float> normal;
  std::vector<float> values(count * dimension);
  for (std::size_t row = 0; row < count; ++row) {
    float norm = 0;
    for (std::size_t i = 0; i < dimension; ++i) {
      values[row * dimension + i] = normal(random);
      norm += values[row * dimension + i] * values[row * dimension + i];
    }
    for (std::size_t i = 0; i < dimension; ++i)
      values[row * dimension + i] /= std::sqrt(norm);
  }
  return values;
}

// Top-k by exact dot products, computed in double: (score, id) best first.
std::vector<std::vector<std::pair<double, std::int64_t>>> bruteForce(
    const std::vector<float>& base, const std::vector<float>& queries, std::size_t dimension,
    std::size_t k) {
  const std::size_t n = base.size() / dimension;
  std::vector<std::vector<std::pair<double, std::int64_t>>> result;
  for (std::size_t q = 0; q < queries.size() / dimension; ++q) {
    std::vector<std::pair<double, std::int64_t>> scores;
    for (std::size_t j = 0; j < n; ++j) {
      double s = 0;
      for (std::size_t i = 0; i < dimension; ++i)
        s += static_cast<double>(queries[q * dimension + i]) * base[j * dimension + i];
      scores.emplace_back(s, static_cast<std::int64_t>(j));
    }
    std::partial_sort(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(k), scores.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    scores.resize(k);
    result.push_back(std::move(scores));
  }
  return result;
}

double recallAgainstExact(const SearchResult& found,
                          const std::vector<std::vector<std::pair<double, std::int64_t>>>& exact) {
  std::size_t hits = 0;
  for (std::size_t q = 0; q < found.queries; ++q) {
    for (std::size_t j = 0; j < found.k; ++j) {
      const std::int64_t id = found.ids[q * found.k + j];
      hits += std::any_of(exact[q].begin(), exact[q].end(),
                          [id](const auto& hit) { return hit.second == id; })
                  ? 1
                  : 0;
    }
  }
  return static_cast<double>(hits) / static_cast<double>(found.queries * found.k);
}

class CountingProgress : public ProgressObserver {
 public:
  void onProgress(std::uint64_t done, std::uint64_t total, std::string_view) override {
    ++calls;
    lastDone = done;
    lastTotal = total;
  }
  int calls = 0;
  std::uint64_t lastDone = 0, lastTotal = 0;
};

}  // namespace

class TestVectorIndex : public QObject {
  Q_OBJECT

 private slots:
  void flatSearchEqualsBruteForce() {
    const std::size_t d = 24, n = 3000, queries = 130, k = 20;
    const auto base = unitVectors(n, d, 1);
    const auto query = unitVectors(queries, d, 2);
    IndexOptions options;
    options.searchBatch = 50;  // several FAISS calls, a partial last one
    const VectorIndex index(base.data(), n, d, options);
    QCOMPARE(index.size(), n);
    QCOMPARE(index.dimension(), d);
    CountingProgress progress;
    const SearchResult found = index.search(query.data(), queries, k, &progress);
    QCOMPARE(progress.calls, 3);
    QCOMPARE(progress.lastDone, std::uint64_t{queries});
    const auto exact = bruteForce(base, query, d, k);
    for (std::size_t q = 0; q < queries; ++q) {
      for (std::size_t j = 0; j < k; ++j) {
        QVERIFY(std::abs(found.scores[q * k + j] - exact[q][j].first) < 1e-5);
        // Ids agree except where two exact scores tie to float precision.
        if (found.ids[q * k + j] != exact[q][j].second) {
          QVERIFY(j + 1 < k && std::abs(exact[q][j].first - exact[q][j + 1].first) < 1e-6);
        }
      }
    }
  }

  void fewerVectorsThanKLeavesMinusOne() {
    const auto base = unitVectors(3, 8, 3);
    const VectorIndex index(base.data(), 3, 8);
    const SearchResult found = index.search(base.data(), 1, 5);
    QCOMPARE(found.ids[0], std::int64_t{0});  // a vector is its own nearest neighbour
    QVERIFY(std::abs(found.scores[0] - 1.0F) < 1e-5);
    QCOMPARE(found.ids[3], std::int64_t{-1});
    QCOMPARE(found.ids[4], std::int64_t{-1});
  }

  void approximateIndexesFindNearlyTheExactNeighbours() {
    const std::size_t d = 16, n = 4000, queries = 100, k = 10;
    const auto base = unitVectors(n, d, 4);
    const auto query = unitVectors(queries, d, 5);
    const auto exact = bruteForce(base, query, d, k);
    IndexOptions ivf;
    ivf.kind = IndexKind::Ivf;
    ivf.ivfProbe = 16;
    const double ivfRecall = recallAgainstExact(
        VectorIndex(base.data(), n, d, ivf).search(query.data(), queries, k), exact);
    IndexOptions hnsw;
    hnsw.kind = IndexKind::Hnsw;
    const double hnswRecall = recallAgainstExact(
        VectorIndex(base.data(), n, d, hnsw).search(query.data(), queries, k), exact);
    qInfo("recall@10 against exact search: ivf %.3f, hnsw %.3f", ivfRecall, hnswRecall);
    QVERIFY(ivfRecall > 0.8);
    QVERIFY(hnswRecall > 0.9);
  }

  void ivfNeedsEnoughVectors() {
    const auto base = unitVectors(10, 4, 6);
    IndexOptions ivf;
    ivf.kind = IndexKind::Ivf;
    const std::string message = test::errorOf([&] { VectorIndex(base.data(), 10, 4, ivf); });
    QVERIFY2(message.find("at least 39") != std::string::npos, message.c_str());
  }

  void anIndexThatWillNotFitIsRefusedBeforeBuilding() {
    const auto base = unitVectors(100, 16, 7);
    IndexOptions options;
    options.memoryLimitBytes = 1000;  // the vectors alone need 6400 bytes
    const std::string message = test::errorOf([&] { VectorIndex(base.data(), 100, 16, options); });
    QVERIFY2(message.find("needs about") != std::string::npos, message.c_str());
    QVERIFY2(message.find("--index") != std::string::npos, message.c_str());
    QCOMPARE(estimateIndexBytes(100, 16, options), std::uint64_t{6400});
    options.kind = IndexKind::Hnsw;
    QVERIFY(estimateIndexBytes(100, 16, options) > 6400);
    QVERIFY(availableMemoryBytes() > 0);
  }

  void searchIsCancellable() {
    const auto base = unitVectors(200, 8, 8);
    const VectorIndex index(base.data(), 200, 8);
    CancellationToken cancel;
    cancel.cancel();
    QVERIFY_THROWS_EXCEPTION(CancelledError, index.search(base.data(), 200, 5, nullptr, &cancel));
  }
};

QTEST_GUILESS_MAIN(TestVectorIndex)
#include "test_vector_index.moc"

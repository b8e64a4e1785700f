// The expensive half of mining on a tiny real model: embeddings and positive scores agree with
// the model's own encode(), hits equal a brute-force search, and the embedding cache is used
// when only the selection settings change and missed when a text, the prefix or the model
// changes.
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>

#include "core/mine/candidate_search.h"
#include "core/mine/negative_selection.h"
#include "core/model/embedding_cache.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"

using namespace embedlab;

namespace {

std::vector<TrainingExample> examples() {
  const std::vector<std::pair<std::string, std::string>> pairs{
      {"terminal emulator", "a fast terminal emulator for X11 with tabs"},
      {"image viewer", "a simple image viewer that shows PNG and JPEG files"},
      {"python library for http", "requests is an HTTP library for Python"},
      {"text editor", "a text editor for programmers with syntax highlighting"},
      {"music player", "plays music files and internet radio"},
      {"pdf reader", "a viewer for PDF and PostScript documents"},
  };
  std::vector<TrainingExample> result;
  for (const auto& [query, positive] : pairs) {
    TrainingExample example;
    example.query = query;
    example.positives = {positive};
    result.push_back(example);
  }
  result[2].negatives = {"a C library for parsing JSON", "fonts for the console"};
  result[4].prompt = "Represent this query: ";
  return result;
}

mine::CandidateSearchOptions searchOptions(const model::EmbeddingCache* cache,
                                           const std::string& fingerprint) {
  mine::CandidateSearchOptions options;
  options.depth = 5;
  options.maxLength = 32;
  options.batchSize = 3;
  options.cache = cache;
  options.modelFingerprint = fingerprint;
  return options;
}

float dot(const float* a, const float* b, std::size_t d) {
  float sum = 0;
  for (std::size_t i = 0; i < d; ++i)
    sum += a[i] * b[i];
  return sum;
}

}  // namespace

class TestCandidateSearch : public QObject {
  Q_OBJECT

 private slots:
  void embeddingsScoresAndHitsAreTheModelsOwn() {
    test::TempFolder folder;
    const model::EmbeddingModel model = test::makeTinyModel(folder / "tiny");
    const auto data = examples();
    const auto candidates = mine::candidateTexts(data, nullptr);
    QCOMPARE(candidates.size(), std::size_t{8});
    const mine::CandidateSearch search =
        mine::searchCandidates(model, data, candidates, searchOptions(nullptr, ""));
    const std::size_t d = model.dimension();
    QCOMPARE(search.dimension, d);

    model::EncodeOptions encode;
    encode.maxLength = 32;
    const std::vector<float> passages = model.encode(candidates, encode);
    encode.prefix = "Represent this query: ";
    const std::vector<float> prompted = model.encode({data[4].query}, encode);
    for (std::size_t i = 0; i < passages.size(); ++i)
      QVERIFY(std::abs(passages[i] - search.candidateEmbeddings[i]) < 1e-5);
    // The line's prompt is used for its query.
    for (std::size_t i = 0; i < d; ++i)
      QVERIFY(std::abs(prompted[i] - search.queryEmbeddings[4 * d + i]) < 1e-5);

    for (std::size_t q = 0; q < data.size(); ++q) {
      // Positive scores: the query against its positive's embedding.
      const auto p = std::find(candidates.begin(), candidates.end(), data[q].positives[0]);
      const float expected = dot(search.queryEmbeddings.data() + q * d,
                                 passages.data() + (p - candidates.begin()) * d, d);
      QVERIFY(std::abs(search.positiveScores[q][0] - expected) < 1e-5);
      // Hits: the five best candidates by dot product, best first.
      std::vector<std::pair<float, std::size_t>> scores;
      for (std::size_t c = 0; c < candidates.size(); ++c)
        scores.emplace_back(search.score(q, c), c);
      std::sort(scores.rbegin(), scores.rend());
      for (std::size_t rank = 0; rank < 5; ++rank) {
        QVERIFY(std::abs(search.hits.scores[q * 5 + rank] - scores[rank].first) < 1e-5);
      }
    }
  }

  void positivesOutsideAPoolAreScoredToo() {
    test::TempFolder folder;
    const model::EmbeddingModel model = test::makeTinyModel(folder / "tiny");
    const auto data = examples();
    const std::vector<std::string> pool{"fonts for the console", "a calculator", "a web browser"};
    const mine::CandidateSearch search = mine::searchCandidates(
        model, data, mine::candidateTexts(data, &pool), searchOptions(nullptr, ""));
    QCOMPARE(search.candidates.size(), std::size_t{3});
    QCOMPARE(search.hits.ids[3], std::int64_t{-1});  // depth 5 over 3 candidates
    model::EncodeOptions encode;
    encode.maxLength = 32;
    const auto positive = model.encode({data[0].positives[0]}, encode);
    QVERIFY(std::abs(search.positiveScores[0][0] - dot(search.queryEmbeddings.data(),
                                                       positive.data(), model.dimension())) < 1e-5);
  }

  void theCacheServesARerunAndMissesWhenAnInputChanges() {
    test::TempFolder folder;
    const model::EmbeddingModel model = test::makeTinyModel(folder / "tiny");
    const model::EmbeddingCache cache(folder / "cache");
    const std::string fingerprint = model::fingerprintModelFolder(folder / "tiny");
    auto data = examples();
    const auto options = searchOptions(&cache, fingerprint);

    const mine::CandidateSearch first =
        mine::searchCandidates(model, data, mine::candidateTexts(data, nullptr), options);
    QVERIFY(!first.candidatesFromCache);
    QVERIFY(!first.queriesFromCache);

    // The same inputs (only the range or margins would differ): everything from the cache,
    // with identical embeddings and hits.
    const mine::CandidateSearch again =
        mine::searchCandidates(model, data, mine::candidateTexts(data, nullptr), options);
    QVERIFY(again.candidatesFromCache);
    QVERIFY(again.queriesFromCache);
    QCOMPARE(again.candidateEmbeddings, first.candidateEmbeddings);
    QCOMPARE(again.hits.ids, first.hits.ids);
    mine::SelectionOptions wide;
    wide.rangeStart = 0;
    wide.rangeEnd = 5;
    mine::SelectionOptions narrow = wide;
    narrow.rangeStart = 2;
    QVERIFY(mine::selectNegatives(again, data, wide).statistics.candidatesInRange >
            mine::selectNegatives(again, data, narrow).statistics.candidatesInRange);

    // A changed text (the file changed): the candidates miss, the queries still hit.
    data[1].positives[0] += " and GIF";
    const mine::CandidateSearch edited =
        mine::searchCandidates(model, data, mine::candidateTexts(data, nullptr), options);
    QVERIFY(!edited.candidatesFromCache);
    QVERIFY(edited.queriesFromCache);

    // Another passage instruction: a miss.
    auto prefixed = options;
    prefixed.passageInstruction = "passage: ";
    QVERIFY(!mine::searchCandidates(model, data, mine::candidateTexts(data, nullptr), prefixed)
                 .candidatesFromCache);
  }

  void theModelFingerprintFollowsTheWeights() {
    test::TempFolder folder;
    test::makeTinyModel(folder / "tiny", model::Pooling::Mean, 7);
    const std::string before = model::fingerprintModelFolder(folder / "tiny");
    QCOMPARE(model::fingerprintModelFolder(folder / "tiny"), before);
    test::makeTinyModel(folder / "tiny", model::Pooling::Mean, 8);  // retrained in place
    QVERIFY(model::fingerprintModelFolder(folder / "tiny") != before);
    test::makeTinyModel(folder / "other", model::Pooling::Mean, 7);
    QVERIFY(model::fingerprintModelFolder(folder / "other") !=
            model::fingerprintModelFolder(folder / "tiny"));
  }

  void aCorruptCacheEntryIsRecomputed() {
    test::TempFolder folder;
    const model::EmbeddingModel model = test::makeTinyModel(folder / "tiny");
    const model::EmbeddingCache cache(folder / "cache");
    const std::string fingerprint = model::fingerprintModelFolder(folder / "tiny");
    model::EncodeOptions encode;
    encode.maxLength = 16;
    const model::CachedEmbeddings first = cache.encode(model, fingerprint, {"a", "b"}, encode);
    QVERIFY(!first.fromCache);
    QVERIFY(std::filesystem::exists(first.file));
    test::writeFile(first.file, "not an npy file");
    const model::CachedEmbeddings second = cache.encode(model, fingerprint, {"a", "b"}, encode);
    QVERIFY(!second.fromCache);
    QCOMPARE(second.values, first.values);
    QVERIFY(cache.encode(model, fingerprint, {"a", "b"}, encode).fromCache);
    // Caching off: nothing written.
    const model::CachedEmbeddings off = cache.encode(model, "", {"c"}, encode);
    QVERIFY(off.file.empty());
  }

  void theCacheIsPrunedToItsSize() {
    test::TempFolder folder;
    const model::EmbeddingModel model = test::makeTinyModel(folder / "tiny");
    const std::string fingerprint = model::fingerprintModelFolder(folder / "tiny");
    // Each entry holds one 32-float row (128 bytes plus the header): room for about two.
    const model::EmbeddingCache cache(folder / "cache", 400);
    model::EncodeOptions encode;
    encode.maxLength = 16;
    for (const char* text : {"one", "two", "three", "four"})
      cache.encode(model, fingerprint, {text}, encode);
    std::size_t entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder / "cache"))
      entries += entry.path().extension() == ".npy" ? 1 : 0;
    QVERIFY2(entries <= 2, qPrintable(QString::number(entries)));
    QVERIFY(cache.encode(model, fingerprint, {"four"}, encode).fromCache);  // the newest stays
  }
};

QTEST_GUILESS_MAIN(TestCandidateSearch)
#include "test_candidate_search.moc"

// BM25 (core/index/bm25_index) against independent computations: a three-document corpus scored
// by hand from the formula, then the demo's dev corpus with its own counting (ASCII documents, a
// tokenizer written here) for a few queries' top hits; and the tokenizer's documented rules.
#include <QtTest/QtTest>

#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "core/data/eval_set.h"
#include "core/data/record_parsers.h"
#include "core/index/bm25_index.h"

using namespace embedlab;

namespace {

const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

// Lowercased runs of ASCII letters and digits: the documented rule, for ASCII text.
std::vector<std::string> asciiWords(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

bool ascii(const std::string& text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

class TestBm25 : public QObject {
  Q_OBJECT

 private slots:
  void tokensAreLowercasedUnicodeWords() {
    const index::Bm25Tokenizer plain(false, false);
    QCOMPARE(plain.tokens("The Ünïcode—test, x2; don't 北京!"),
             (std::vector<std::string>{"the", "ünïcode", "test", "x2", "don", "t", "北", "京"}));
    const index::Bm25Tokenizer filtered(true, true);
    QCOMPARE(filtered.tokens("The libraries are running"),
             (std::vector<std::string>{"librari", "run"}));
  }

  void aTinyCorpusScoredByHand() {
    const std::vector<std::string> documents{"the cat sat", "The cat, cat ran far!", "dogs ran"};
    const index::Bm25Index index(documents, {0.9, 0.4, false, false});
    // N = 3, lengths 3, 5, 2, avgdl = 10/3; df(cat) = 2, df(ran) = 2.
    const double idf = std::log(1.0 + (3.0 - 2.0 + 0.5) / (2.0 + 0.5));
    const auto term = [&](double tf, double length) {
      return idf * tf * 1.9 / (tf + 0.9 * (1.0 - 0.4 + 0.4 * length / (10.0 / 3.0)));
    };
    QCOMPARE(index.averageLength(), 10.0 / 3.0);
    QVERIFY(std::abs(index.score("cat ran", 0) - term(1, 3)) < 1e-12);
    QVERIFY(std::abs(index.score("cat ran", 1) - (term(2, 5) + term(1, 5))) < 1e-12);
    QVERIFY(std::abs(index.score("cat ran", 2) - term(1, 2)) < 1e-12);
    // A repeated query word counts twice; an unknown one not at all.
    QVERIFY(std::abs(index.score("ran ran zebra", 2) - 2 * term(1, 2)) < 1e-12);
    const auto hits = index.search("cat ran", 10);
    QCOMPARE(hits.size(), std::size_t{3});
    QCOMPARE(hits[0].first, std::size_t{1});
    QVERIFY(index.search("zebra", 10).empty());
  }

  void theDemoDevSetAgainstAnIndependentCount() {
    const EvalSet set = loadBeirEvalSet(kDemo / "dev", "test");
    std::vector<std::string> documents;
    for (const CorpusDocument& document : set.corpus) {
      const std::string text = documentText(document);
      if (ascii(text)) documents.push_back(text);
    }
    QVERIFY(documents.size() > 1900);
    const index::Bm25Index index(documents);  // k1 0.9, b 0.4
    // The same statistics, counted here.
    std::vector<std::map<std::string, int>> frequencies;
    std::map<std::string, int> documentFrequency;
    double total = 0;
    std::vector<double> lengths;
    for (const std::string& text : documents) {
      const std::vector<std::string> words = asciiWords(text);
      std::map<std::string, int> counts;
      for (const std::string& word : words)
        ++counts[word];
      for (const auto& [word, count] : counts)
        ++documentFrequency[word];
      frequencies.push_back(counts);
      lengths.push_back(static_cast<double>(words.size()));
      total += static_cast<double>(words.size());
    }
    const double n = static_cast<double>(documents.size());
    const double average = total / n;
    const auto expected = [&](const std::string& query, std::size_t d) {
      double score = 0;
      for (const std::string& word : asciiWords(query)) {
        const auto found = frequencies[d].find(word);
        if (found == frequencies[d].end()) continue;
        const double df = documentFrequency[word];
        const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
        const double tf = found->second;
        score += idf * tf * 1.9 / (tf + 0.9 * (1.0 - 0.4 + 0.4 * lengths[d] / average));
      }
      return score;
    };
    int checked = 0;
    for (std::size_t q = 0; q < 6; ++q) {
      const std::string& query = set.queries[q].text;
      if (!ascii(query)) continue;
      const auto hits = index.search(query, 3);
      QVERIFY(!hits.empty());
      for (const auto& [document, score] : hits) {
        QVERIFY2(std::abs(score - expected(query, document)) < 1e-9,
                 qPrintable(QString("%1 / %2: %3 against %4")
                                .arg(QString::fromStdString(query))
                                .arg(document)
                                .arg(score)
                                .arg(expected(query, document))));
        ++checked;
      }
      // Nothing scores above the best hit, counted here over the whole corpus.
      for (std::size_t d = 0; d < documents.size(); ++d)
        QVERIFY(expected(query, d) <= hits.front().second + 1e-9);
    }
    QVERIFY(checked >= 12);
  }
};

QTEST_MAIN(TestBm25)
#include "test_bm25.moc"

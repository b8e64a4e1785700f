// core/text against Hugging Face's own Rust tokenizer: every line of the golden files (ids,
// tokens, character offsets, pair type ids) must match. tests/data/tokenizer-golden/ says how
// they were made.
#include <QtTest/QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/text/tokenizer.h"
#include "tests/support/gzip_lines.h"

using embedlab::text::Encoding;
using embedlab::text::Tokenizer;

namespace {

const std::string kData = EMBEDLAB_SOURCE_DIR "/tests/data/";

std::string show(const nlohmann::json& value) {
  return value.dump();
}

// Compares one golden line with our encoding; returns an empty string when they agree.
std::string compare(const nlohmann::json& golden, const Encoding& encoding) {
  const auto ids = golden.at("ids").get<std::vector<std::int64_t>>();
  const auto tokens = golden.at("tokens").get<std::vector<std::string>>();
  if (encoding.ids != ids) {
    return "ids differ:\n  expected " + show(golden.at("tokens")) + "\n  got      " +
           show(nlohmann::json(encoding.tokens));
  }
  if (encoding.tokens != tokens)
    return "tokens differ: got " + show(nlohmann::json(encoding.tokens));
  if (golden.contains("offsets")) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> offsets;
    for (const auto& pair : golden.at("offsets"))
      offsets.emplace_back(pair[0], pair[1]);
    if (encoding.offsets != offsets) {
      return "offsets differ:\n  expected " + show(golden.at("offsets")) + "\n  got      " +
             show(nlohmann::json(encoding.offsets));
    }
  }
  if (golden.contains("type_ids") &&
      encoding.typeIds != golden.at("type_ids").get<std::vector<std::int64_t>>()) {
    return "type ids differ: got " + show(nlohmann::json(encoding.typeIds));
  }
  return {};
}

// Encodes every golden line; returns how many differ and describes the first ten in `report`.
std::size_t goldenFailures(const Tokenizer& tokenizer, const std::vector<std::string>& lines,
                           std::string& report) {
  std::size_t failures = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto golden = nlohmann::json::parse(lines[i]);
    const std::string text = golden.at("text").get<std::string>();
    const Encoding encoding =
        golden.contains("text_pair")
            ? tokenizer.encodePair(text, golden.at("text_pair").get<std::string>())
            : tokenizer.encode(text);
    const std::string difference = compare(golden, encoding);
    if (!difference.empty() && ++failures <= 10) {
      report += "line " + std::to_string(i + 1) + " " + show(golden.at("text")).substr(0, 200) +
                "\n  " + difference + "\n";
    }
  }
  return failures;
}

void checkGoldenFile(const Tokenizer& tokenizer, const std::string& file,
                     std::size_t minimumLines) {
  const auto lines = embedlab::test::readLines(kData + "tokenizer-golden/" + file);
  QVERIFY2(lines.size() >= minimumLines, qPrintable(QString("only %1 lines").arg(lines.size())));
  std::string report;
  const std::size_t failures = goldenFailures(tokenizer, lines, report);
  QVERIFY2(failures == 0, qPrintable(QString::fromStdString(
                              std::to_string(failures) + " of " + std::to_string(lines.size()) +
                              " golden lines differ; the first:\n" + report)));
}

// ModernBERT's fixture with its normalizer replaced by `normalizer` (JSON), written to `folder`:
// the goldens of the other Unicode normalization forms come from these variants.
Tokenizer modernBertVariant(const QTemporaryDir& folder, const char* normalizer) {
  std::ifstream in(kData + "modernbert-bpe/tokenizer.json", std::ios::binary);
  nlohmann::json json = nlohmann::json::parse(in);
  json["normalizer"] = nlohmann::json::parse(normalizer);
  const std::string path = folder.filePath("tokenizer.json").toStdString();
  std::ofstream(path, std::ios::binary) << json.dump();
  return Tokenizer::fromTokenizerJson(path);
}

}  // namespace

class TestTokenizerGolden : public QObject {
  Q_OBJECT

 private slots:
  void bertFromTokenizerJson() {
    const Tokenizer tokenizer =
        Tokenizer::fromTokenizerJson(kData + "bert-base-uncased/tokenizer.json");
    QCOMPARE(tokenizer.modelType(), std::string("WordPiece"));
    QCOMPARE(tokenizer.vocabSize(), std::size_t{30522});
    checkGoldenFile(tokenizer, "bert-base-uncased.jsonl.gz", 3465);
  }

  void bertFromVocabTxt() {
    // The same answers from vocab.txt + tokenizer_config.json (folders without tokenizer.json).
    const Tokenizer tokenizer = Tokenizer::fromVocabFile(
        kData + "bert-base-uncased/vocab.txt", kData + "bert-base-uncased/tokenizer_config.json");
    checkGoldenFile(tokenizer, "bert-base-uncased.jsonl.gz", 3465);
  }

  void xlmrUnigram() {
    const Tokenizer tokenizer = Tokenizer::load(kData + "xlmr-unigram");
    QCOMPARE(tokenizer.modelType(), std::string("Unigram"));
    QCOMPARE(tokenizer.padId(), std::int64_t{1});
    checkGoldenFile(tokenizer, "xlmr-unigram.jsonl.gz", 3847);
  }

  // MPNet's layout (all-mpnet-base-v2's tokenizer.json): BERT's WordPiece vocabulary behind
  // <s> <pad> </s> <unk>, RobertaProcessing (<s> A </s></s> B </s>, every type id 0, offsets
  // trimmed), the normalized added token <unk>, [UNK] as the model's unknown token, <mask> with
  // lstrip.
  void mpnetWordPiece() {
    const Tokenizer tokenizer = Tokenizer::load(kData + "mpnet-wordpiece");
    QCOMPARE(tokenizer.modelType(), std::string("WordPiece"));
    QCOMPARE(tokenizer.vocabSize(), std::size_t{30527});
    // tokenizer.json has no padding block; tokenizer_config.json's pad_token decides (<pad>, 1,
    // which MPNet's position numbering relies on), not BERT's [PAD] (4) inside the vocabulary.
    QCOMPARE(tokenizer.padId(), std::int64_t{1});
    QCOMPARE(tokenizer.padToken(), std::string("<pad>"));
    checkGoldenFile(tokenizer, "mpnet-wordpiece.jsonl.gz", 3896);
  }

  void robertaByteLevelBpe() {
    const Tokenizer tokenizer = Tokenizer::fromTokenizerJson(kData + "roberta-bpe/tokenizer.json");
    QCOMPARE(tokenizer.modelType(), std::string("BPE"));
    checkGoldenFile(tokenizer, "roberta-bpe.jsonl.gz", 3865);
  }

  // The other byte-level layout (ModernBERT's, Llama 3's): add_prefix_space, a Sequence
  // post-processor of ByteLevel and TemplateProcessing, ignore_merges, merges as pairs.
  void byteLevelBpeWithPrefixSpace() {
    const Tokenizer tokenizer =
        Tokenizer::fromTokenizerJson(kData + "bpe-prefix-space/tokenizer.json");
    checkGoldenFile(tokenizer, "bpe-prefix-space.jsonl.gz", 3865);
  }

  // ModernBERT's layout (answerdotai/ModernBERT-base, modernbert-embed-base, gte-modernbert-base):
  // NFC, ByteLevel without a prefix space, a plain TemplateProcessing (offsets not trimmed), OLMo's
  // normalized added tokens (|||IP_ADDRESS||| and runs of spaces), [MASK] with lstrip.
  void modernBertNfc() {
    const Tokenizer tokenizer = Tokenizer::load(kData + "modernbert-bpe");
    QCOMPARE(tokenizer.modelType(), std::string("BPE"));
    QCOMPARE(tokenizer.padToken(), std::string("[PAD]"));
    QCOMPARE(tokenizer.padId(), std::int64_t{4287});
    checkGoldenFile(tokenizer, "modernbert-bpe.jsonl.gz", 3921);
  }

  // The same fixture with the other normalizers: NFKC, NFKD, NFD followed by StripAccents.
  void modernBertOtherNormalizers_data() {
    QTest::addColumn<QString>("normalizer");
    QTest::addColumn<QString>("golden");
    QTest::newRow("NFKC") << R"({"type": "NFKC"})"
                          << "modernbert-bpe-nfkc.jsonl.gz";
    QTest::newRow("NFKD") << R"({"type": "NFKD"})"
                          << "modernbert-bpe-nfkd.jsonl.gz";
    QTest::newRow("NFD+StripAccents")
        << R"({"type": "Sequence", "normalizers": [{"type": "NFD"}, {"type": "StripAccents"}]})"
        << "modernbert-bpe-nfd-strip.jsonl.gz";
  }
  void modernBertOtherNormalizers() {
    QFETCH(QString, normalizer);
    QFETCH(QString, golden);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const Tokenizer tokenizer = modernBertVariant(folder, normalizer.toUtf8().constData());
    checkGoldenFile(tokenizer, golden.toStdString(), 236);
  }

  void theComparisonNoticesDifferences() {
    // A cased tokenizer over the uncased vocabulary must disagree on many lines.
    QTemporaryDir folder;
    QFile config(folder.filePath("tokenizer_config.json"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"({"do_lower_case": false})");
    config.close();
    const Tokenizer cased = Tokenizer::fromVocabFile(kData + "bert-base-uncased/vocab.txt",
                                                     config.fileName().toStdString());
    const auto lines =
        embedlab::test::readLines(kData + "tokenizer-golden/bert-base-uncased.jsonl.gz");
    std::string report;
    QVERIFY(goldenFailures(cased, lines, report) > 500);
    QVERIFY(report.find("ids differ") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestTokenizerGolden)
#include "test_tokenizer_golden.moc"

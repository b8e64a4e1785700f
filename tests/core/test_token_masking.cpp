// core/pretrain token masking: BERT's 15% / 80-10-10 recipe, whole-word masking, and the
// (seed, example, epoch) determinism that resumed and multi-worker pre-training rely on.
#include <QtTest/QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/pretrain/token_masking.h"
#include "core/text/tokenizer.h"

using namespace embedlab;
using namespace embedlab::pretrain;

namespace {

const std::filesystem::path kSource = EMBEDLAB_SOURCE_DIR;

text::Tokenizer bertTokenizer() {
  return text::Tokenizer::load(kSource / "tests/data/bert-base-uncased");
}

// The first `count` passages of the demo's training file, tokenized as BERT does.
std::vector<text::Encoding> demoPassages(const text::Tokenizer& tokenizer, std::size_t count) {
  std::ifstream in(kSource / "resources/demo/train.jsonl");
  std::vector<text::Encoding> encodings;
  text::TruncationOptions truncation;
  truncation.maxLength = 128;
  for (std::string line; encodings.size() < count && std::getline(in, line);) {
    const auto record = nlohmann::json::parse(line);
    encodings.push_back(tokenizer.encode(record["pos"][0].get<std::string>(), truncation));
  }
  return encodings;
}

text::Encoding handMade(const std::vector<std::pair<std::string, std::pair<int, int>>>& tokens) {
  text::Encoding encoding;
  std::int64_t id = 100;
  for (const auto& [token, span] : tokens) {
    const bool special = token.front() == '<';
    encoding.push(id++, token,
                  {static_cast<std::uint32_t>(span.first), static_cast<std::uint32_t>(span.second)},
                  0, special ? -1 : 0, special);
  }
  return encoding;
}

}  // namespace

class TestTokenMasking : public QObject {
  Q_OBJECT

 private slots:
  void wordsFollowWordPieceContinuations() {
    const text::Tokenizer tokenizer = bertTokenizer();
    // Hugging Face's tokens (tests/data golden file): [CLS] una ##ffa ##ble anti ##dis ##est
    // ##ab ##lish ##ment ##arian ##ism [SEP].
    const text::Encoding encoding = tokenizer.encode("unaffable antidisestablishmentarianism, ok");
    QCOMPARE(encoding.tokens[2], std::string("##ffa"));
    QCOMPARE(wordIndices(encoding),
             (std::vector<std::size_t>{0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 4, 5}));
  }

  void wordsFollowSentencePieceAndByteLevelMarkers() {
    // "<s> ▁Hello , ▁wor ld </s>": "," touches "Hello" but ▁-less tokens continue a word only
    // when they touch it; "ld" continues "▁wor".
    const text::Encoding pieces = handMade({{"<s>", {0, 0}},
                                            {"\xE2\x96\x81Hello", {0, 5}},
                                            {",", {5, 6}},
                                            {"\xE2\x96\x81wor", {7, 10}},
                                            {"ld", {10, 12}},
                                            {"</s>", {0, 0}}});
    QCOMPARE(wordIndices(pieces), (std::vector<std::size_t>{0, 1, 1, 2, 2, 3}));
    const text::Encoding bytes =
        handMade({{"<s>", {0, 0}}, {"hi", {0, 2}}, {"\xC4\xA0there", {2, 8}}, {"</s>", {0, 0}}});
    QCOMPARE(wordIndices(bytes), (std::vector<std::size_t>{0, 1, 2, 3}));
  }

  void fifteenPercentAreChosenAndSplitEightyTenTen() {
    const text::Tokenizer tokenizer = bertTokenizer();
    const std::vector<text::Encoding> passages = demoPassages(tokenizer, 2000);
    const std::int64_t maskId = tokenizer.tokenToId("[MASK]").value();
    const auto vocabulary = static_cast<std::int64_t>(tokenizer.vocabSize());
    std::size_t eligible = 0, chosen = 0, masked = 0, replaced = 0, kept = 0;
    for (std::size_t e = 0; e < passages.size(); ++e) {
      const text::Encoding& encoding = passages[e];
      const MaskedTokens masks = maskTokens(encoding, {}, maskId, vocabulary, 42, e, 0);
      QCOMPARE(masks.inputIds.size(), encoding.size());
      for (std::size_t i = 0; i < encoding.size(); ++i) {
        if (encoding.specialTokensMask[i]) {
          QCOMPARE(masks.labels[i], kIgnoredLabel);  // never chosen
          QCOMPARE(masks.inputIds[i], encoding.ids[i]);
          continue;
        }
        ++eligible;
        if (masks.labels[i] == kIgnoredLabel) {
          QCOMPARE(masks.inputIds[i], encoding.ids[i]);
          continue;
        }
        ++chosen;
        QCOMPARE(masks.labels[i], encoding.ids[i]);
        if (masks.inputIds[i] == maskId) {
          ++masked;
        } else if (masks.inputIds[i] == encoding.ids[i]) {
          ++kept;  // includes the rare random draw of the same id
        } else {
          ++replaced;
          QVERIFY(masks.inputIds[i] >= 0 && masks.inputIds[i] < vocabulary);
        }
      }
    }
    QVERIFY(eligible > 50000);
    const double share = static_cast<double>(chosen) / static_cast<double>(eligible);
    qInfo("%zu eligible tokens: %.4f chosen; of them %.3f masked, %.3f random, %.3f kept", eligible,
          share, static_cast<double>(masked) / chosen, static_cast<double>(replaced) / chosen,
          static_cast<double>(kept) / chosen);
    // Binomial standard deviations: ~0.0015 for the share, ~0.005 for the split.
    QVERIFY(std::abs(share - 0.15) < 0.006);
    QVERIFY(std::abs(static_cast<double>(masked) / chosen - 0.8) < 0.02);
    QVERIFY(std::abs(static_cast<double>(replaced) / chosen - 0.1) < 0.015);
    QVERIFY(std::abs(static_cast<double>(kept) / chosen - 0.1) < 0.015);
  }

  void wholeWordsAreChosenTogether() {
    const text::Tokenizer tokenizer = bertTokenizer();
    const std::vector<text::Encoding> passages = demoPassages(tokenizer, 1000);
    MaskingOptions options;
    options.wholeWord = true;
    std::size_t eligible = 0, chosen = 0, splitWords = 0, piecesInChosenWords = 0;
    for (std::size_t e = 0; e < passages.size(); ++e) {
      const text::Encoding& encoding = passages[e];
      const std::vector<std::size_t> words = wordIndices(encoding);
      const MaskedTokens masks = maskTokens(encoding, options, 103, 30522, 7, e, 0);
      for (std::size_t i = 0; i < encoding.size(); ++i) {
        if (encoding.specialTokensMask[i]) continue;
        ++eligible;
        const bool isChosen = masks.labels[i] != kIgnoredLabel;
        chosen += isChosen ? 1 : 0;
        if (i > 0 && words[i] == words[i - 1]) {
          const bool previousChosen = masks.labels[i - 1] != kIgnoredLabel;
          if (isChosen != previousChosen) ++splitWords;
          if (isChosen) ++piecesInChosenWords;
        }
      }
    }
    QCOMPARE(splitWords, std::size_t{0});
    QVERIFY(piecesInChosenWords > 100);  // multi-piece words were chosen, whole
    const double share = static_cast<double>(chosen) / static_cast<double>(eligible);
    QVERIFY2(std::abs(share - 0.15) < 0.015, qPrintable(QString::number(share)));
  }

  void theDrawDependsOnlyOnSeedExampleAndEpoch() {
    const text::Tokenizer tokenizer = bertTokenizer();
    const std::vector<text::Encoding> passages = demoPassages(tokenizer, 20);
    const auto masks = [&](std::uint64_t seed, std::uint64_t example, std::uint64_t epoch) {
      return maskTokens(passages[example], {}, 103, 30522, seed, example, epoch).inputIds;
    };
    QCOMPARE(masks(1, 5, 0), masks(1, 5, 0));
    QVERIFY(masks(1, 5, 0) != masks(1, 5, 1));  // dynamic masking: a new draw each epoch
    QVERIFY(masks(1, 5, 0) != masks(2, 5, 0));
    std::size_t differentExamples = 0;
    for (std::uint64_t example = 0; example < 20; ++example)
      differentExamples += masks(1, example, 0) != passages[example].ids ? 1 : 0;
    QVERIFY(differentExamples >= 18);
  }
};

QTEST_GUILESS_MAIN(TestTokenMasking)
#include "test_token_masking.moc"

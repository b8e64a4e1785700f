// core/pretrain's data side: the corpus pre-training reads (pool and training files, repeats and
// empty texts left out, malformed lines named), the per-epoch text order, and RetroMAE's decoder
// attention rows. Torch-free.
#include <QtTest/QtTest>

#include <algorithm>
#include <set>

#include "core/common/error.h"
#include "core/pretrain/pretraining_corpus.h"
#include "core/pretrain/retromae_masks.h"
#include "core/pretrain/text_sampler.h"
#include "core/pretrain/token_masking.h"
#include "core/text/tokenizer.h"
#include "tests/support/files.h"

using namespace embedlab;
using namespace embedlab::pretrain;

namespace {

const std::filesystem::path kSource = EMBEDLAB_SOURCE_DIR;

std::vector<std::string> allTexts(const PretrainingCorpus& corpus) {
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < corpus.size(); ++i)
    texts.push_back(corpus.text(i));
  return texts;
}

// A corpus of `count` distinct one-line pool texts "text 0", "text 1", ...
std::filesystem::path writePool(const test::TempFolder& folder, std::size_t count) {
  std::string content;
  for (std::size_t i = 0; i < count; ++i)
    content += "{\"text\": \"text " + std::to_string(i) + "\"}\n";
  return test::writeFile(folder / "pool.jsonl", content);
}

text::Encoding padded(const text::Tokenizer& tokenizer, const std::string& text,
                      std::size_t length) {
  std::vector<text::Encoding> encodings{tokenizer.encode(text)};
  text::padEncodings(encodings, tokenizer.padId(), length, tokenizer.padToken());
  return encodings.front();
}

}  // namespace

class TestPretrainingData : public QObject {
  Q_OBJECT

 private slots:
  void poolAndTrainingFilesGiveEveryDistinctTextOnce() {
    const test::TempFolder folder;
    const auto pool = test::writeFile(folder / "pool.jsonl",
                                      "{\"text\": \"alpha\"}\n"
                                      "\n"
                                      "{\"text\": \"beta\"}\n"
                                      "{\"text\": \"alpha\"}\n");
    const auto training =
        test::writeFile(folder / "train.jsonl",
                        "{\"query\": \"what is beta\", \"pos\": [\"beta\", \"gamma\"], "
                        "\"neg\": [\"delta\"]}\n"
                        "{\"query\": \"epsilon?\", \"pos\": [\"epsilon\"], \"neg\": []}\n");
    const PretrainingCorpus corpus = PretrainingCorpus::open({pool, training});
    QCOMPARE(allTexts(corpus), (std::vector<std::string>{"alpha", "beta", "what is beta", "gamma",
                                                         "delta", "epsilon?", "epsilon"}));
    QCOMPARE(corpus.duplicates(), std::size_t{2});  // "alpha" again, "beta" in the training file
    QVERIFY2(corpus.describe().find("7 distinct texts from 2 file(s)") != std::string::npos,
             corpus.describe().c_str());
  }

  void aMalformedLineIsNamedWithItsFileAndLine() {
    const test::TempFolder folder;
    const auto pool = test::writeFile(folder / "pool.jsonl",
                                      "{\"text\": \"alpha\"}\n"
                                      "{\"text\": \"beta\"\n");
    try {
      (void)PretrainingCorpus::open({pool});
      QFAIL("a truncated line was accepted");
    } catch (const InputError& error) {
      QCOMPARE(error.file(), pool.string());
      QCOMPARE(error.line(), std::uint64_t{2});
      QVERIFY2(std::string(error.what()).find("{\"text\": ...}") != std::string::npos,
               error.what());
    }
    const auto training = test::writeFile(folder / "train.jsonl",
                                          "{\"query\": \"q\", \"pos\": [\"p\"]}\n"
                                          "{\"query\": \"q2\", \"pos\": \"not a list\"}\n");
    try {
      (void)PretrainingCorpus::open({training});
      QFAIL("a training line with a string for pos was accepted");
    } catch (const InputError& error) {
      QCOMPARE(error.line(), std::uint64_t{2});
      QVERIFY2(std::string(error.what()).find("training line") != std::string::npos, error.what());
    }
  }

  void emptyTextsAndEmptyFilesAreRefused() {
    // As everywhere in EmbedLab (and in `validate`), an empty text is an error in the data.
    const test::TempFolder folder;
    const auto emptyText =
        test::writeFile(folder / "empty-text.jsonl", "{\"text\": \"a\"}\n{\"text\": \"  \"}\n");
    try {
      (void)PretrainingCorpus::open({emptyText});
      QFAIL("an empty text was accepted");
    } catch (const InputError& error) {
      QCOMPARE(error.line(), std::uint64_t{2});
    }
    const auto blank = test::writeFile(folder / "blank.jsonl", "\n\n");
    QVERIFY_THROWS_EXCEPTION(UsageError, (void)PretrainingCorpus::open({blank}));
  }

  void aFileChangedDuringTheRunIsReported() {
    const test::TempFolder folder;
    const auto training = test::writeFile(
        folder / "train.jsonl", "{\"query\": \"q\", \"pos\": [\"p1\", \"p2\"], \"neg\": []}\n");
    const PretrainingCorpus corpus = PretrainingCorpus::open({training});
    QCOMPARE(corpus.text(2), std::string("p2"));
    test::writeFile(training, "{\"query\": \"q\", \"pos\": [\"p1\"], \"neg\": []}\n");
    QVERIFY_THROWS_EXCEPTION(InputError, (void)corpus.text(2));
  }

  void everyEpochIsAPermutationOfItsOwn() {
    const test::TempFolder folder;
    const PretrainingCorpus corpus = PretrainingCorpus::open({writePool(folder, 103)});
    const TextSampler sampler(corpus, 10, 42, false);
    QCOMPARE(sampler.batchCount(0), std::size_t{11});
    std::vector<std::uint64_t> first = sampler.order(0);
    std::vector<std::uint64_t> second = sampler.order(1);
    QVERIFY(first != second);
    QCOMPARE(TextSampler(corpus, 10, 42, false).order(1), second);  // (seed, epoch) decides
    QVERIFY(TextSampler(corpus, 10, 43, false).order(0) != first);
    std::sort(first.begin(), first.end());
    for (std::uint64_t i = 0; i < first.size(); ++i)
      QCOMPARE(first[i], i);

    // The batches of an epoch hold every text once; the last is filled with the epoch's first.
    std::multiset<std::string> seen;
    for (std::size_t b = 0; b < sampler.batchCount(0); ++b) {
      const auto groups = sampler.batch(0, b);
      QCOMPARE(groups.size(), std::size_t{10});
      for (const auto& group : groups) {
        QCOMPARE(group.query, corpus.text(group.example));
        seen.insert(group.query);
      }
    }
    QCOMPARE(seen.size(), std::size_t{110});
    std::set<std::string> distinct(seen.begin(), seen.end());
    QCOMPARE(distinct.size(), std::size_t{103});
    const auto last = sampler.batch(0, 10);
    const auto head = sampler.batch(0, 0);
    for (std::size_t i = 3; i < 10; ++i)
      QCOMPARE(last[i].example, head[i - 3].example);
    const auto summary = sampler.summary(0);
    QCOMPARE(summary.repeats, std::size_t{7});
    QCOMPARE(summary.queriesTrained, std::size_t{103});
    QVERIFY2(summary.describe(0).find("texts") != std::string::npos, summary.describe(0).c_str());
  }

  void dropLastLeavesTheShortBatchOut() {
    const test::TempFolder folder;
    const PretrainingCorpus corpus = PretrainingCorpus::open({writePool(folder, 103)});
    const TextSampler sampler(corpus, 10, 42, true);
    QCOMPARE(sampler.batchCount(0), std::size_t{10});
    QCOMPARE(sampler.summary(0).dropped, std::size_t{3});
    QVERIFY_THROWS_EXCEPTION(UsageError, TextSampler(corpus, 200, 42, true).batchCount(0));
  }

  void decoderRowsReadTheSentenceAndAboutHalfOfTheText() {
    const text::Tokenizer tokenizer =
        text::Tokenizer::load(kSource / "tests/data/bert-base-uncased");
    const text::Encoding encoding =
        padded(tokenizer,
               "apt is the command-line tool for handling packages on debian systems and it can "
               "install, upgrade and remove software together with its dependencies",
               40);
    std::size_t real = 0;
    for (std::uint8_t a : encoding.attentionMask)
      real += a;
    QVERIFY(real > 20 && real < 40);
    const std::size_t n = encoding.size();
    const DecoderInputs inputs = decoderInputs(encoding, 0.5, false, 3, 11, 0);
    QCOMPARE(inputs.attention.size(), n * n);
    std::size_t readable = 0, candidates = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t* row = inputs.attention.data() + i * n;
      const bool realRow = encoding.attentionMask[i] != 0;
      const bool special = encoding.specialTokensMask[i] != 0;
      QCOMPARE(inputs.labels[i], realRow && !special ? encoding.ids[i] : kIgnoredLabel);
      if (!realRow) {  // padding reads [CLS] alone, so that its softmax has a column
        QCOMPARE(std::count(row, row + n, std::uint8_t{1}), std::ptrdiff_t{1});
        QCOMPARE(row[0], std::uint8_t{1});
        continue;
      }
      QCOMPARE(row[i], std::uint8_t{0});              // never itself
      if (i != 0) QCOMPARE(row[0], std::uint8_t{1});  // always the sentence embedding
      for (std::size_t j = 1; j < n; ++j) {
        if (encoding.attentionMask[j] == 0) QCOMPARE(row[j], std::uint8_t{0});
        if (j == i || encoding.attentionMask[j] == 0 || encoding.specialTokensMask[j]) continue;
        ++candidates;
        readable += row[j];
      }
    }
    const double share = static_cast<double>(readable) / static_cast<double>(candidates);
    QVERIFY2(share > 0.35 && share < 0.65, qPrintable(QString::number(share)));

    // The draw depends on (seed, example, step) alone, and differs from the encoder's masks.
    QCOMPARE(decoderInputs(encoding, 0.5, false, 3, 11, 0).attention, inputs.attention);
    QVERIFY(decoderInputs(encoding, 0.5, false, 3, 11, 1).attention != inputs.attention);
    QVERIFY(decoderInputs(encoding, 0.5, false, 3, 12, 0).attention != inputs.attention);
    std::mt19937_64 encoderGenerator = maskingGenerator(3, 11, 0);
    const std::vector<bool> encoderChoice = chooseTokens(encoding, 0.5, false, encoderGenerator);
    std::mt19937_64 decoderGenerator = maskingGenerator(~std::uint64_t{3}, 11, 0);
    QVERIFY(chooseTokens(encoding, 0.5, false, decoderGenerator) != encoderChoice);
  }
};

QTEST_GUILESS_MAIN(TestPretrainingData)
#include "test_pretraining_data.moc"

// core/data evaluation sets: BEIR folders and the MS MARCO-style layout load as expected, and
// loaders stop at the first bad line with file and line in the message.
#include <QtTest/QtTest>

#include "core/common/error.h"
#include "core/data/eval_set.h"
#include "core/data/training_data.h"
#include "core/eval/retrieval_metrics.h"
#include "tests/support/files.h"

using namespace embedlab;

namespace {

void writeBeirFolder(const std::filesystem::path& folder, const std::string& qrels) {
  test::writeFile(folder / "corpus.jsonl",
                  "{\"_id\":\"d1\",\"title\":\"T1\",\"text\":\"first passage\"}\n"
                  "{\"_id\":\"d2\",\"title\":\"\",\"text\":\"second passage\"}\n"
                  "{\"_id\":3,\"title\":\"\",\"text\":\"third passage\"}\n");
  test::writeFile(folder / "queries.jsonl",
                  "{\"_id\":\"q1\",\"text\":\"find the first\"}\n"
                  "{\"_id\":\"q2\",\"text\":\"find two things\"}\n"
                  "{\"_id\":\"q3\",\"text\":\"not judged\"}\n");
  test::writeFile(folder / "qrels/test.tsv", qrels);
}

}  // namespace

class TestEvalSet : public QObject {
  Q_OBJECT

 private slots:
  void loadsBeirFolders() {
    test::TempFolder folder;
    writeBeirFolder(folder.path(), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq2\t3\t2\n");
    const EvalSet set = loadBeirEvalSet(folder.path(), "test");
    QCOMPARE(set.layout, EvalLayout::Beir);
    QCOMPARE(set.corpus.size(), std::size_t{3});
    QCOMPARE(set.corpus[0].title, std::string("T1"));
    QCOMPARE(set.corpus[2].id, std::string("3"));  // numeric ids become text
    QCOMPARE(set.queries.size(), std::size_t{3});
    QCOMPARE(set.qrels.size(), std::size_t{2});  // q3 has no judgments
    QCOMPARE(set.qrels.at("q2").size(), std::size_t{2});
    QCOMPARE(set.qrels.at("q2")[1].documentId, std::string("3"));
    QCOMPARE(set.qrels.at("q2")[1].relevance, 2);
  }

  void beirErrorsNameFileAndLine() {
    test::TempFolder folder;
    writeBeirFolder(folder.path(), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\tmissing-doc\t1\n");
    try {
      (void)loadBeirEvalSet(folder.path(), "test");
      QFAIL("expected an InputError");
    } catch (const InputError& error) {
      QVERIFY(error.file().find("test.tsv") != std::string::npos);
      QCOMPARE(error.line(), std::uint64_t{3});
      QVERIFY(std::string(error.what()).find("missing-doc") != std::string::npos);
    }
    QVERIFY_THROWS_EXCEPTION(InputError, loadBeirEvalSet(folder.path(), "dev"));
  }

  void loadsMsMarcoLayout() {
    test::TempFolder folder;
    const auto corpus = test::writeFile(folder / "corpus.jsonl",
                                        "{\"content\":\"alpha\"}\n{\"content\":\"beta\"}\n"
                                        "{\"content\":\"gamma\"}\n");
    const auto queries = test::writeFile(
        folder / "queries.jsonl",
        "{\"query\":\"which is b\",\"positive\":[\"beta\"]}\n"
        "{\"query\":\"a or c\",\"positive\":[\"alpha\",\"gamma\",\"delta not in corpus\"]}\n");
    std::vector<Problem> warnings;
    const EvalSet set = loadMsMarcoEvalSet(corpus, queries, &warnings);
    QCOMPARE(set.layout, EvalLayout::MsMarco);
    QCOMPARE(set.corpus[1].id, std::string("1"));
    QCOMPARE(set.qrels.at("0").size(), std::size_t{1});
    QCOMPARE(set.qrels.at("0")[0].documentId, std::string("1"));
    QCOMPARE(set.qrels.at("1").size(), std::size_t{3});  // the missing one still counts
    QCOMPARE(set.positivesMissingFromCorpus, std::uint64_t{1});
    QCOMPARE(warnings.size(), std::size_t{1});
    QCOMPARE(warnings[0].kind, ProblemKind::PositiveNotInCorpus);
  }

  void msMarcoPositivesMatchEveryIdenticalPassage() {
    // Passages 0 and 2 are the same text: retrieving either finds the positive "alpha", as the
    // reference compares retrieved contents with the positives.
    test::TempFolder folder;
    const auto corpus = test::writeFile(folder / "corpus.jsonl",
                                        "{\"content\":\"alpha\"}\n{\"content\":\"beta\"}\n"
                                        "{\"content\":\"alpha\"}\n");
    const auto queries =
        test::writeFile(folder / "queries.jsonl", "{\"query\":\"a\",\"positive\":[\"alpha\"]}\n");
    const EvalSet set = loadMsMarcoEvalSet(corpus, queries);
    QCOMPARE(set.sameAs.size(), std::size_t{1});
    QCOMPARE(set.sameAs.at("2"), std::string("0"));
    eval::QueryRanking copyFirst{"0", {{"2", 0.9F}, {"1", 0.8F}, {"0", 0.7F}}};
    const auto metrics = eval::computeRetrievalMetrics({copyFirst}, set.qrels, {}, set.sameAs);
    QCOMPARE(metrics.value("MRR@10"), 1.0);
    QCOMPARE(metrics.value("Recall@10"), 1.0);  // the copy and the original are one positive
    QCOMPARE(metrics.value("MAP@100"), 1.0);
  }

  void layoutsCannotBeMixed() {
    test::TempFolder folder;
    const auto corpus = test::writeFile(folder / "c.jsonl", "{\"_id\":\"1\",\"text\":\"x\"}\n");
    const auto queries =
        test::writeFile(folder / "q.jsonl", "{\"query\":\"q\",\"positive\":[\"x\"]}\n");
    try {
      (void)loadMsMarcoEvalSet(corpus, queries);
      QFAIL("expected an InputError");
    } catch (const InputError& error) {
      QVERIFY2(std::string(error.what()).find("uses the BEIR layout") != std::string::npos,
               error.what());
    }
  }

  void trainingLoaderStopsAtTheFirstError() {
    test::TempFolder folder;
    const auto path = test::writeFile(
        folder / "t.jsonl", "{\"query\":\"q\",\"pos\":[\"p\"]}\n\n{\"query\":\"q\",\"pos\":[]}\n");
    try {
      (void)readTrainingData(path);
      QFAIL("expected an InputError");
    } catch (const InputError& error) {
      QCOMPARE(error.line(), std::uint64_t{3});
      const std::string what = error.what();
      QVERIFY(what.find("t.jsonl:3:") != std::string::npos);
      QVERIFY(what.find("empty-pos") != std::string::npos);
      QVERIFY(what.find("embedlab-cli validate") != std::string::npos);
    }
    std::vector<Problem> warnings;
    const auto fine = test::writeFile(folder / "f.jsonl", "{\"query\":\"q\",\"pos\":[\"p\"]}\n\n");
    QCOMPARE(readTrainingData(fine, &warnings).size(), std::size_t{1});
    QCOMPARE(warnings.size(), std::size_t{1});
    QCOMPARE(warnings[0].kind, ProblemKind::BlankLine);
  }

  void candidatePoolLoads() {
    test::TempFolder folder;
    const auto path =
        test::writeFile(folder / "pool.jsonl", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
    QCOMPARE(readCandidatePool(path), (std::vector<std::string>{"a", "b"}));
  }
};

QTEST_GUILESS_MAIN(TestEvalSet)
#include "test_eval_set.moc"

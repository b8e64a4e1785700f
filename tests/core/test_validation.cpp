// core/data validation: one test per rule (file written by the test, the problem expected at its
// line with its severity), the summary statistics, limits, kind detection, and eval folders.
#include <sys/resource.h>
#include <unistd.h>
#include <QtTest/QtTest>

#include "core/common/error.h"
#include "core/data/validation.h"
#include "core/data/validation_report.h"
#include "tests/support/files.h"

using namespace embedlab;

namespace {

ValidationReport validateText(const std::string& content, DataKind kind,
                              const ValidationOptions& options = {}) {
  test::TempFolder folder;
  return validateFile(test::writeFile(folder / "data.jsonl", content), kind, options);
}

const Problem* findProblem(const ValidationReport& report, ProblemKind kind) {
  for (const Problem& problem : report.problems) {
    if (problem.kind == kind) return &problem;
  }
  return nullptr;
}

std::string problemList(const ValidationReport& report) {
  return formatValidationReport(report, 50);
}

const char* kGood = R"({"query":"q","pos":["p"],"neg":["n"]})";

}  // namespace

Q_DECLARE_METATYPE(embedlab::ProblemKind)
Q_DECLARE_METATYPE(embedlab::DataKind)

class TestValidation : public QObject {
  Q_OBJECT

 private slots:
  void eachRule_data() {
    QTest::addColumn<DataKind>("kind");
    QTest::addColumn<QByteArray>("badLine");
    QTest::addColumn<ProblemKind>("expected");
    QTest::addColumn<QString>("messagePart");

    const auto train = DataKind::Training;
    QTest::newRow("invalid json") << train << QByteArray(R"({"query":"q","pos":["p"],)")
                                  << ProblemKind::InvalidJson << "column";
    QTest::newRow("invalid utf-8") << train << QByteArray("{\"query\":\"caf\xE9\",\"pos\":[\"p\"]}")
                                   << ProblemKind::InvalidUtf8 << "0xE9";
    QTest::newRow("array, not object")
        << train << QByteArray(R"(["q","p"])") << ProblemKind::NotAnObject << "found array";
    QTest::newRow("missing query")
        << train << QByteArray(R"({"pos":["p"]})") << ProblemKind::MissingField << "\"query\"";
    QTest::newRow("missing pos") << train << QByteArray(R"({"query":"q"})")
                                 << ProblemKind::MissingField << "\"pos\"";
    QTest::newRow("query is a number") << train << QByteArray(R"({"query":5,"pos":["p"]})")
                                       << ProblemKind::WrongType << "found number";
    QTest::newRow("pos is a string") << train << QByteArray(R"({"query":"q","pos":"p"})")
                                     << ProblemKind::WrongType << "list of strings, found string";
    QTest::newRow("pos element is a number")
        << train << QByteArray(R"({"query":"q","pos":["p",2]})") << ProblemKind::WrongType
        << "element 2 is number";
    QTest::newRow("neg element is null")
        << train << QByteArray(R"({"query":"q","pos":["p"],"neg":[null]})")
        << ProblemKind::WrongType << "element 1 is null";
    QTest::newRow("pos_scores not a list")
        << train << QByteArray(R"({"query":"q","pos":["p"],"pos_scores":0.5})")
        << ProblemKind::WrongType << "list of numbers";
    QTest::newRow("neg_scores with a string")
        << train << QByteArray(R"({"query":"q","pos":["p"],"neg":["n"],"neg_scores":["high"]})")
        << ProblemKind::WrongType << "element 1 is string";
    QTest::newRow("prompt not a string")
        << train << QByteArray(R"({"query":"q","pos":["p"],"prompt":1})") << ProblemKind::WrongType
        << "\"prompt\"";
    QTest::newRow("empty query") << train << QByteArray(R"({"query":"  ","pos":["p"]})")
                                 << ProblemKind::EmptyQuery << "empty";
    QTest::newRow("empty pos") << train << QByteArray(R"({"query":"q","pos":[],"neg":["n"]})")
                               << ProblemKind::EmptyPositives << "at least one";
    QTest::newRow("empty positive text") << train << QByteArray(R"({"query":"q","pos":[""]})")
                                         << ProblemKind::EmptyText << "positive 1";
    QTest::newRow("empty negative text")
        << train << QByteArray(R"({"query":"q","pos":["p"],"neg":["n",""]})")
        << ProblemKind::EmptyText << "negative 2";
    QTest::newRow("pos_scores length")
        << train << QByteArray(R"({"query":"q","pos":["p"],"pos_scores":[1,2]})")
        << ProblemKind::ScoresLengthMismatch << "2 scores for 1 positives";
    QTest::newRow("neg_scores length")
        << train << QByteArray(R"({"query":"q","pos":["p"],"neg":["a","b"],"neg_scores":[1]})")
        << ProblemKind::ScoresLengthMismatch << "1 scores for 2 negatives";
    QTest::newRow("positive also negative")
        << train << QByteArray(R"({"query":"q","pos":["p","same"],"neg":["x","same"]})")
        << ProblemKind::PositiveAlsoNegative << "negative 2 is the same text as positive 2";
    QTest::newRow("pool without text") << DataKind::Pool << QByteArray(R"({"content":"x"})")
                                       << ProblemKind::MissingField << "\"text\"";
    QTest::newRow("pool empty text")
        << DataKind::Pool << QByteArray(R"({"text":""})") << ProblemKind::EmptyText << "empty";
    QTest::newRow("corpus id wrong type")
        << DataKind::Corpus << QByteArray(R"({"_id":[1],"text":"t"})") << ProblemKind::WrongType
        << "\"_id\"";
    QTest::newRow("corpus empty") << DataKind::Corpus
                                  << QByteArray(R"({"_id":"d","title":"","text":""})")
                                  << ProblemKind::EmptyText << "no \"title\"";
    QTest::newRow("queries empty text")
        << DataKind::Queries << QByteArray(R"({"_id":"q","text":""})") << ProblemKind::EmptyQuery
        << "empty";
    QTest::newRow("qrels two columns")
        << DataKind::Qrels << QByteArray("q1\td1") << ProblemKind::InvalidQrelsLine << "2 columns";
    QTest::newRow("qrels score not a number")
        << DataKind::Qrels << QByteArray("q1\td1\thigh") << ProblemKind::InvalidQrelsLine
        << "whole-number score";
  }
  void eachRule() {
    QFETCH(DataKind, kind);
    QFETCH(QByteArray, badLine);
    QFETCH(ProblemKind, expected);
    QFETCH(QString, messagePart);
    // The bad line sits on line 3, between valid lines of the same kind.
    const std::map<DataKind, std::string> goodLines = {
        {DataKind::Training, kGood},
        {DataKind::Pool, R"({"text":"t"})"},
        {DataKind::Corpus, R"({"_id":"g1","title":"","text":"t"})"},
        {DataKind::Queries, R"({"_id":"g1","text":"t"})"},
        {DataKind::Qrels, "g1\tg1\t1"}};
    const std::string good = goodLines.at(kind);
    const auto withId = [&](const char* id) {  // ids must stay unique in corpus and queries
      std::string line = good;
      if (kind == DataKind::Corpus || kind == DataKind::Queries)
        line.replace(line.find("g1"), 2, id);
      return line;
    };
    const std::string first = kind == DataKind::Qrels ? "query-id\tcorpus-id\tscore" : good;
    const auto report = validateText(
        first + "\n" + withId("g2") + "\n" + badLine.toStdString() + "\n" + withId("g4") + "\n",
        kind);
    const Problem* problem = findProblem(report, expected);
    QVERIFY2(problem != nullptr, problemList(report).c_str());
    QCOMPARE(problem->line, std::uint64_t{3});
    QCOMPARE(problem->severity(), Severity::Error);
    QVERIFY2(QString::fromStdString(problem->message).contains(messagePart),
             problem->message.c_str());
    QVERIFY(!report.valid());
    QCOMPARE(report.invalidLines, std::uint64_t{1});
    QCOMPARE(report.lines, std::uint64_t{4});
    QVERIFY(report.problemCounts.at(expected) >= 1);
  }

  void warningsLeaveTheFileValid_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<ProblemKind>("expected");
    QTest::newRow("duplicate positive")
        << QByteArray(R"({"query":"q","pos":["p","p"]})") << ProblemKind::DuplicatePositive;
    QTest::newRow("duplicate negative")
        << QByteArray(R"({"query":"q","pos":["p"],"neg":["n","n"]})")
        << ProblemKind::DuplicateNegative;
    QTest::newRow("unknown field")
        << QByteArray(R"({"query":"q","pos":["p"],"negs":["n"]})") << ProblemKind::UnknownField;
    QTest::newRow("blank line") << QByteArray("   ") << ProblemKind::BlankLine;
  }
  void warningsLeaveTheFileValid() {
    QFETCH(QByteArray, line);
    QFETCH(ProblemKind, expected);
    const auto report = validateText(
        std::string(kGood) + "\n" + line.toStdString() + "\n" + kGood + "\n", DataKind::Training);
    const Problem* problem = findProblem(report, expected);
    QVERIFY2(problem != nullptr, problemList(report).c_str());
    QCOMPARE(problem->line, std::uint64_t{2});
    QCOMPARE(problem->severity(), Severity::Warning);
    QVERIFY(report.valid());
    QCOMPARE(report.errors, std::uint64_t{0});
  }

  void emptyOrMissingNegativesAreValid() {
    const auto report = validateText(
        "{\"query\":\"a\",\"pos\":[\"p\"],\"neg\":[]}\n{\"query\":\"b\",\"pos\":[\"p\"]}\n",
        DataKind::Training);
    QVERIFY2(report.valid(), problemList(report).c_str());
    QCOMPARE(report.records, std::uint64_t{2});
    QVERIFY(report.problems.empty());
  }

  void bomAndCrlfAreAccepted() {
    const auto report = validateText("\xEF\xBB\xBF" + std::string(kGood) + "\r\n" + kGood + "\r\n",
                                     DataKind::Training);
    QVERIFY2(report.valid() && report.problems.empty(), problemList(report).c_str());
    QVERIFY(report.bom);
    QCOMPARE(report.crlfLines, std::uint64_t{2});
    QCOMPARE(report.records, std::uint64_t{2});
  }

  void hugeLineIsAnErrorNotACrash() {
    // A 300 MB line (a sparse file: no disk space used) between two valid lines. It must be
    // reported with its length and never held in memory.
    test::TempFolder folder;
    const auto path = folder / "huge.jsonl";
    test::writeFile(path, std::string(kGood) + "\n{\"query\":\"");
    const std::uint64_t hugeBytes = 300ULL << 20;
    QCOMPARE(
        ::truncate(path.c_str(), static_cast<off_t>(std::filesystem::file_size(path) + hugeBytes)),
        0);
    {
      std::ofstream append(path, std::ios::binary | std::ios::app);
      append << "\"}\n" << kGood << "\n";
    }
    struct rusage before {};
    ::getrusage(RUSAGE_SELF, &before);
    const auto report = validateFile(path, DataKind::Training);
    struct rusage after {};
    ::getrusage(RUSAGE_SELF, &after);
    const Problem* problem = findProblem(report, ProblemKind::LineTooLong);
    QVERIFY2(problem != nullptr, problemList(report).c_str());
    QCOMPARE(problem->line, std::uint64_t{2});
    QVERIFY(QString::fromStdString(problem->message).contains("314572812 bytes"));
    QCOMPARE(report.records, std::uint64_t{2});
    QVERIFY2(
        after.ru_maxrss - before.ru_maxrss < 150 * 1024,  // KiB: far below the line's size
        qPrintable(QString("peak RSS grew by %1 KiB").arg(after.ru_maxrss - before.ru_maxrss)));
  }

  void summaryDescribesTheData() {
    const auto report = validateText(
        "{\"query\":\"abc\",\"pos\":[\"p1\"],\"neg\":[\"n1\",\"n2\",\"n3\"]}\n"
        "{\"query\":\"caf\xC3\xA9\",\"pos\":[\"p1\",\"p2\"],\"neg\":[],\"pos_scores\":[1,0.5]}\n"
        "{\"query\":\"x\",\"pos\":[\"longer text\"],\"neg\":[\"n\"],\"prompt\":\"Q: \"}\n",
        DataKind::Training);
    QVERIFY(report.valid());
    QCOMPARE(report.positivesPerQuery.min(), std::uint64_t{1});
    QCOMPARE(report.positivesPerQuery.max(), std::uint64_t{2});
    QCOMPARE(report.negativesPerQuery.median(), std::uint64_t{1});
    QCOMPARE(report.negativesPerQuery.max(), std::uint64_t{3});
    QCOMPARE(report.queryLength.max(), std::uint64_t{4});  // "café" is 4 characters, 5 bytes
    QCOMPARE(report.positiveLength.max(), std::uint64_t{11});
    QCOMPARE(report.queriesWithScores, std::uint64_t{1});
    QCOMPARE(report.queriesWithPrompt, std::uint64_t{1});
    const std::string text = formatValidationReport(report, 20);
    QVERIFY(text.find("negatives per query") != std::string::npos);
    QVERIFY(text.find("Result: VALID") != std::string::npos);
  }

  void everyProblemIsCountedButOnlySomeAreKept() {
    std::string content;
    for (int i = 0; i < 5000; ++i)
      content += "{\"query\":1,\"pos\":[\"p\"]}\n";
    ValidationOptions options;
    options.keepProblems = 10;
    const auto report = validateText(content, DataKind::Training, options);
    QCOMPARE(report.problems.size(), std::size_t{10});
    QCOMPARE(report.problemCounts.at(ProblemKind::WrongType), std::uint64_t{5000});
    QCOMPARE(report.errors, std::uint64_t{5000});
    QCOMPARE(report.invalidLines, std::uint64_t{5000});
    QCOMPARE(report.problems.back().line, std::uint64_t{10});
    const std::string text = formatValidationReport(report, 3);
    QVERIFY(text.find("and 4997 more problems") != std::string::npos);
  }

  void duplicateIdsNameTheIdAndTheFirstLine() {
    const auto report = validateText(
        "{\"_id\":\"a\",\"title\":\"\",\"text\":\"x\"}\n{\"_id\":\"b\",\"title\":\"\",\"text\":"
        "\"y\"}\n"
        "{\"_id\":\"a\",\"title\":\"\",\"text\":\"z\"}\n",
        DataKind::Corpus);
    const Problem* problem = findProblem(report, ProblemKind::DuplicateId);
    QVERIFY2(problem != nullptr, problemList(report).c_str());
    QCOMPARE(problem->line, std::uint64_t{3});
    QVERIFY(QString::fromStdString(problem->message).contains("\"a\" was already used on line 1"));
    QCOMPARE(report.records, std::uint64_t{2});
  }

  void numericIdsAndBothLayoutsAreAccepted() {
    auto report = validateText("{\"_id\":17,\"title\":\"t\",\"text\":\"x\"}\n", DataKind::Corpus);
    QVERIFY2(report.valid(), problemList(report).c_str());
    report = validateText("{\"content\":\"a passage\"}\n", DataKind::Corpus);
    QVERIFY(report.valid());
    QCOMPARE(report.layout, EvalLayout::MsMarco);
    report = validateText(
        "{\"query\":\"q\",\"positive\":[\"a passage\"]}\n{\"query\":\"q2\",\"positive\":[]}\n",
        DataKind::Queries);
    QCOMPARE(report.layout, EvalLayout::MsMarco);
    QVERIFY(findProblem(report, ProblemKind::EmptyPositives) != nullptr);
  }

  void qrelsHeaderAndTrecFormat() {
    auto report =
        validateText("query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t0\n", DataKind::Qrels);
    QVERIFY2(report.valid(), problemList(report).c_str());
    QCOMPARE(report.records, std::uint64_t{2});
    report = validateText("q1 0 d1 1\nq2 0 d7 2\n", DataKind::Qrels);
    QVERIFY2(report.valid(), problemList(report).c_str());
    QCOMPARE(report.judgmentsPerQuery.count(), std::uint64_t{2});
  }

  void evalFolderCrossChecksIds() {
    test::TempFolder folder;
    test::writeFile(folder / "corpus.jsonl",
                    "{\"_id\":\"d1\",\"title\":\"\",\"text\":\"one\"}\n{\"_id\":\"d2\",\"title\":"
                    "\"\",\"text\":\"two\"}\n");
    test::writeFile(folder / "queries.jsonl",
                    "{\"_id\":\"q1\",\"text\":\"first\"}\n{\"_id\":\"q2\",\"text\":\"second\"}\n"
                    "{\"_id\":\"q3\",\"text\":\"third\"}\n");
    test::writeFile(folder / "qrels/test.tsv",
                    "query-id\tcorpus-id\tscore\nq1\td1\t1\nq9\td2\t1\nq2\td7\t1\n");
    QVERIFY(isEvalFolder(folder.path()));
    const auto reports = validateEvalFolder(folder.path());
    QCOMPARE(reports.size(), std::size_t{3});
    QVERIFY(reports[0].valid() && reports[1].valid());
    const ValidationReport& qrels = reports[2];
    const Problem* unknownQuery = findProblem(qrels, ProblemKind::UnknownQueryId);
    const Problem* unknownDocument = findProblem(qrels, ProblemKind::UnknownDocumentId);
    QVERIFY2(unknownQuery && unknownDocument, problemList(qrels).c_str());
    QCOMPARE(unknownQuery->line, std::uint64_t{3});
    QCOMPARE(unknownDocument->line, std::uint64_t{4});
    QVERIFY(QString::fromStdString(unknownDocument->message).contains("\"d7\""));
    const Problem* unjudged = findProblem(qrels, ProblemKind::QueryWithoutJudgments);
    QVERIFY(unjudged != nullptr);
    QVERIFY(QString::fromStdString(unjudged->message).startsWith("1 of 3 queries"));  // q3
    QVERIFY_THROWS_EXCEPTION(InputError, validateEvalFolder(folder.path(), "dev"));
  }

  void kindIsDetected() {
    test::TempFolder folder;
    QCOMPARE(detectDataKind(test::writeFile(folder / "a.jsonl", std::string("\n") + kGood + "\n")),
             DataKind::Training);
    QCOMPARE(detectDataKind(test::writeFile(folder / "p.jsonl", "{\"text\":\"x\"}\n")),
             DataKind::Pool);
    QCOMPARE(detectDataKind(test::writeFile(folder / "c.jsonl",
                                            "{\"_id\":\"1\",\"title\":\"\",\"text\":\"x\"}\n")),
             DataKind::Corpus);
    QCOMPARE(
        detectDataKind(test::writeFile(folder / "q.jsonl", "{\"_id\":\"1\",\"text\":\"x\"}\n")),
        DataKind::Queries);
    QCOMPARE(detectDataKind(test::writeFile(folder / "m.jsonl", "{\"content\":\"x\"}\n")),
             DataKind::Corpus);
    QCOMPARE(detectDataKind(test::writeFile(folder / "t.tsv", "q\td\t1\n")), DataKind::Qrels);
    QVERIFY_THROWS_EXCEPTION(UsageError,
                             detectDataKind(test::writeFile(folder / "x.jsonl", "{\"a\":1}\n")));
    QVERIFY_THROWS_EXCEPTION(UsageError,
                             detectDataKind(test::writeFile(folder / "y.jsonl", "nonsense\n")));
  }

  void jsonReportIsMachineReadable() {
    const auto report = validateText("{\"query\":1,\"pos\":[\"p\"]}\n", DataKind::Training);
    const std::string json = validationReportJson(report, 10);
    QVERIFY(json.find("\"valid\":false") != std::string::npos);
    QVERIFY(json.find("\"wrong-type\":1") != std::string::npos);
    QVERIFY(json.find("\"line\":1") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "test_validation.moc"

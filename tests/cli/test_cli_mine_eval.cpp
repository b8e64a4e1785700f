// embedlab-cli mine, eval and threshold as users run them, on a model made by init-model and small
// data files written here: what they write, the reference's flags, the cache on a rerun, and
// clear errors that leave no output behind.
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "core/data/training_data.h"
#include "core/eval/threshold_job.h"
#include "tests/support/cli.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"
#include "tests/support/package_set.h"
#include "tests/support/process.h"

using embedlab::test::kPackages;
using embedlab::test::path;
using embedlab::test::runProcess;
using embedlab::test::writeFile;

namespace {

std::vector<nlohmann::json> jsonLines(const QString& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text.toStdString());
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

}  // namespace

class TestCliMineEval : public QObject {
  Q_OBJECT

  embedlab::test::ProcessRun cli(QStringList arguments) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("XDG_CACHE_HOME", path(folder_ / "xdg-cache"));
    environment.insert("XDG_DATA_HOME", path(folder_ / "xdg-data"));  // the history
    return runProcess(EMBEDLAB_CLI_PATH, arguments, environment, 300000);
  }

 private slots:
  void initTestCase() {
    const auto run = cli(embedlab::test::initTinyModelArguments(folder_ / "tiny", 3));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(cli(embedlab::test::initTinyModelArguments(folder_ / "other", 4)).exitCode, 0);
    embedlab::test::writePackageSet(folder_.path());
  }

  void mineWritesValidTrainingDataWithScores() {
    const auto run =
        cli({"mine", "--model_name_or_path", path(folder_ / "tiny"), "--input_file",
             path(folder_ / "train.jsonl"), "--output_file", path(folder_ / "mined.jsonl"),
             "--range_for_sampling", "1-8", "--negative_number", "4", "--max_len", "32", "--report",
             path(folder_ / "report.json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains("positive scores:"), qPrintable(run.err));
    const auto mined = embedlab::readTrainingData(folder_ / "mined.jsonl");
    QCOMPARE(mined.size(), std::size_t{12});
    for (const auto& example : mined) {
      QVERIFY(!example.negatives.empty() && example.negatives.size() <= 4);
      QCOMPARE(example.negativeScores.size(), example.negatives.size());
      const std::set<std::string> unique(example.negatives.begin(), example.negatives.end());
      QCOMPARE(unique.size(), example.negatives.size());
      QVERIFY(unique.count(example.positives[0]) == 0);
      QVERIFY(unique.count(example.query) == 0);
      QVERIFY(std::is_sorted(example.negativeScores.rbegin(), example.negativeScores.rend()));
    }
    QCOMPARE(mined[0].extraFields.size(), std::size_t{1});  // "source" kept
    QVERIFY(embedlab::test::readFile(folder_ / "mined.jsonl").find("\"source\":\"debian\"") !=
            std::string::npos);

    const auto report = nlohmann::json::parse(embedlab::test::readFile(folder_ / "report.json"));
    QCOMPARE(report["queries"].get<int>(), 12);
    QCOMPARE(report["candidates"].get<int>(), 12);
    QCOMPARE(report["cache"]["candidates"].get<bool>(), false);
    QVERIFY(report["positive_scores"]["count"].get<int>() == 12);
    QVERIFY(report.contains("seconds"));
    // What the scores are, and how to distil from them (cosines are not logits).
    QCOMPARE(report["scores"]["meaning"].get<std::string>(), std::string("cosine similarities"));
    QCOMPARE(report["scores"]["fields"], nlohmann::json({"neg_scores"}));
    QVERIFY2(run.err.contains("neg_scores are this model's cosine similarities (not logits)") &&
                 run.err.contains("--teacher_temperature"),
             qPrintable(run.err));
  }

  void aCacheThatCannotBeWrittenIsReportedOnce() {
    // A cache folder under a regular file cannot be made (even by root): mining still works,
    // and says so once although it stores two entries (candidates and queries).
    embedlab::test::writeFile(folder_ / "not-a-folder", "x");
    const auto run =
        cli({"mine", "--model_name_or_path", path(folder_ / "tiny"), "--input_file",
             path(folder_ / "train.jsonl"), "--output_file", path(folder_ / "mined-nocache.jsonl"),
             "--range_for_sampling", "1-8", "--negative_number", "2", "--max_len", "32",
             "--cache_dir", path(folder_ / "not-a-folder" / "cache"), "--progress", "none"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.err.count("the embedding cache cannot be written"), 1);
    QVERIFY2(run.err.contains("not-a-folder"), qPrintable(run.err));
  }

  void aRerunWithAnotherRangeComesFromTheCache() {
    // Dash spellings work as well as the reference's underscores.
    const auto run =
        cli({"mine", "--model-name-or-path", path(folder_ / "tiny"), "--input-file",
             path(folder_ / "train.jsonl"), "--output-file", path(folder_ / "mined2.jsonl"),
             "--range-for-sampling", "3-10", "--negative-number", "2", "--max-len", "32",
             "--progress", "json", "--relative_margin", "0.05", "--sampling", "top"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto lines = jsonLines(run.out);
    QVERIFY(!lines.empty());
    const nlohmann::json& done = lines.back();
    QCOMPARE(done["event"].get<std::string>(), std::string("done"));
    QCOMPARE(done["cache"]["candidates"].get<bool>(), true);
    QCOMPARE(done["cache"]["queries"].get<bool>(), true);
    QVERIFY(done["dropped"].contains("relative_margin"));
    for (std::size_t i = 0; i + 1 < lines.size(); ++i)
      QCOMPARE(lines[i]["event"].get<std::string>(), std::string("progress"));
    QVERIFY(std::filesystem::is_directory(folder_ / "xdg-cache" / "embedlab" / "embeddings"));
  }

  void shortQueriesAreReportedAndPaddedOnlyWhenAsked() {
    const QStringList common{"mine",
                             "--model_name_or_path",
                             path(folder_ / "tiny"),
                             "--input_file",
                             path(folder_ / "train.jsonl"),
                             "--max_len",
                             "32",
                             "--range_for_sampling",
                             "8-12",
                             "--negative_number",
                             "6"};
    auto run = cli(common + QStringList{"--output_file", path(folder_ / "short.jsonl")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains("queries are short of 6 negatives"), qPrintable(run.err));
    QVERIFY2(run.err.contains("--pad_random"), qPrintable(run.err));
    for (const auto& example : embedlab::readTrainingData(folder_ / "short.jsonl"))
      QVERIFY(example.negatives.size() <= 4);

    run =
        cli(common + QStringList{"--output_file", path(folder_ / "padded.jsonl"), "--pad_random"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    for (const auto& example : embedlab::readTrainingData(folder_ / "padded.jsonl"))
      QCOMPARE(example.negatives.size(), std::size_t{6});
  }

  void mineRejectsBadInputWithoutWritingOutput() {
    writeFile(folder_ / "broken.jsonl",
              "{\"query\":\"a\",\"pos\":[\"b\"]}\n{\"query\":\"c\",\"pos\":\"not a list\"}\n");
    auto run =
        cli({"mine", "--model_name_or_path", path(folder_ / "tiny"), "--input_file",
             path(folder_ / "broken.jsonl"), "--output_file", path(folder_ / "never.jsonl")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("broken.jsonl:2"), qPrintable(run.err));
    QVERIFY(!std::filesystem::exists(folder_ / "never.jsonl"));

    run = cli({"mine", "--model_name_or_path", path(folder_ / "tiny"), "--input_file",
               path(folder_ / "train.jsonl"), "--output_file", path(folder_ / "never.jsonl"),
               "--range_for_sampling", "20-5"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("range_for_sampling"), qPrintable(run.err));
    run = cli({"mine", "--model_name_or_path", path(folder_ / "tiny"), "--input_file",
               path(folder_ / "train.jsonl"), "--output_file", path(folder_ / "never.jsonl"),
               "--relative_margin", "1.5"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(!std::filesystem::exists(folder_ / "never.jsonl"));
  }

  // mine --config: the job's typed options from a file, flags on top; the history records them
  // typed (the range as two numbers) and `runs show` prints them so.
  void mineRunsFromAConfigFileWithFlagsOnTop() {
    const nlohmann::json config{{"model_name_or_path", path(folder_ / "tiny").toStdString()},
                                {"input_file", path(folder_ / "train.jsonl").toStdString()},
                                {"output_file", path(folder_ / "from-config.jsonl").toStdString()},
                                {"range_for_sampling", {1, 8}},
                                {"negative_number", 4},
                                {"max_len", 32},
                                {"seed", 5}};
    writeFile(folder_ / "mine.json", config.dump(2));
    auto run = cli({"mine", "--config", path(folder_ / "mine.json"), "--progress", "none"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto fromFile = embedlab::readTrainingData(folder_ / "from-config.jsonl");
    QCOMPARE(fromFile.size(), std::size_t{12});
    QVERIFY(fromFile[0].negatives.size() == 4);
    // The same job from flags alone writes the same file.
    run = cli({"mine", "--model_name_or_path", path(folder_ / "tiny"), "--input_file",
               path(folder_ / "train.jsonl"), "--output_file", path(folder_ / "from-flags.jsonl"),
               "--range_for_sampling", "1-8", "--negative_number", "4", "--max_len", "32", "--seed",
               "5", "--progress", "none"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(embedlab::test::readFile(folder_ / "from-flags.jsonl"),
             embedlab::test::readFile(folder_ / "from-config.jsonl"));
    // A flag overrides the file.
    run = cli({"mine", "--config", path(folder_ / "mine.json"), "--negative_number", "2",
               "--output_file", path(folder_ / "overridden.jsonl"), "--progress", "none"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    for (const auto& example : embedlab::readTrainingData(folder_ / "overridden.jsonl"))
      QVERIFY(example.negatives.size() <= 2);
    const auto runs = cli({"runs", "list", "--kind", "mine", "--format", "json"});
    QVERIFY2(runs.exitCode == 0, qPrintable(runs.err));
    const auto listed = nlohmann::json::parse(runs.out.toStdString());
    bool found = false;
    for (const auto& entry : listed) {
      if (entry["output_path"].get<std::string>().find("overridden.jsonl") == std::string::npos)
        continue;
      found = true;
      QCOMPARE(entry["options"]["range_for_sampling"], nlohmann::json({1, 8}));
      QCOMPARE(entry["options"]["negative_number"], nlohmann::json(2));
      QVERIFY(entry["options"]["relative_margin"].is_null());
    }
    QVERIFY2(found, qPrintable(runs.out));
    // A config the job cannot use is a usage error naming the file and the option.
    writeFile(folder_ / "bad.json", R"({"negative_number": "four"})");
    run = cli({"mine", "--config", path(folder_ / "bad.json")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("bad.json") && run.err.contains("negative_number"),
             qPrintable(run.err));
  }

  void evalReportsMetricsRunFileAndPerQueryTable() {
    const auto run = cli({"eval", "--model", path(folder_ / "tiny"), "--data",
                          path(folder_ / "beir"), "--max_len", "32", "--output",
                          path(folder_ / "metrics.json"), "--run-file", path(folder_ / "run.trec"),
                          "--per-query", path(folder_ / "per_query.tsv"), "--k", "5"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains("MRR@5") && run.out.contains("12 queries evaluated"),
             qPrintable(run.out));
    const auto json = nlohmann::json::parse(embedlab::test::readFile(folder_ / "metrics.json"));
    const auto& metrics = json["results"][0]["metrics"];
    // Cutoffs beyond k become k.
    QVERIFY(metrics.contains("MRR@1") && metrics.contains("MRR@5") && !metrics.contains("MRR@100"));
    QCOMPARE(metrics["queries_evaluated"].get<int>(), 12);
    const double mrr = metrics["MRR@5"].get<double>();
    QVERIFY(mrr > 0 && mrr <= 1);

    // TREC run file: 5 lines per query, "qid Q0 docid rank score tag", ranks 1..5.
    std::istringstream trec(embedlab::test::readFile(folder_ / "run.trec"));
    const std::regex format(R"(q\d+ Q0 d\d+ [1-5] -?\d+\.\d{6} tiny)");
    std::size_t lines = 0;
    for (std::string line; std::getline(trec, line); ++lines)
      QVERIFY2(std::regex_match(line, format), line.c_str());
    QCOMPARE(lines, std::size_t{60});

    const std::string table = embedlab::test::readFile(folder_ / "per_query.tsv");
    QVERIFY(table.rfind("query_id\trelevant\tfirst_relevant_rank:tiny\tquery\n", 0) == 0);
    QCOMPARE(std::count(table.begin(), table.end(), '\n'), 13L);
  }

  void evalComparesModelsAndInstructionsInOneTable() {
    auto run = cli({"eval", "--models", path(folder_ / "tiny"), path(folder_ / "other"), "--data",
                    path(folder_ / "beir"), "--max_len", "32", "--compare-instruction",
                    "--query_instruction", "query: ", "--output", path(folder_ / "both.json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto json = nlohmann::json::parse(embedlab::test::readFile(folder_ / "both.json"));
    QCOMPARE(json["results"].size(), std::size_t{4});
    QCOMPARE(json["results"][1]["tag"].get<std::string>(), std::string("tiny+instruction"));
    QCOMPARE(json["results"][1]["query_instruction"].get<std::string>(), std::string("query: "));
    QCOMPARE(json["results"][2]["tag"].get<std::string>(), std::string("other"));
    // Query by query against the first evaluation.
    QVERIFY2(run.out.contains("other vs tiny: first relevant ranked higher for"),
             qPrintable(run.out));

    // The MS MARCO layout of the reference workflow.
    std::string corpus, queries;
    for (const auto& package : kPackages) {
      corpus += nlohmann::json{{"content", package[1]}}.dump() + "\n";
      queries += nlohmann::json{{"query", package[0]}, {"positive", {package[1]}}}.dump() + "\n";
    }
    writeFile(folder_ / "marco" / "corpus.jsonl", corpus);
    writeFile(folder_ / "marco" / "queries.jsonl", queries);
    run = cli({"eval", "--model", path(folder_ / "tiny"), "--corpus",
               path(folder_ / "marco" / "corpus.jsonl"), "--queries",
               path(folder_ / "marco" / "queries.jsonl"), "--max_len", "32", "--k", "5", "--output",
               path(folder_ / "marco.json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // The same texts and judgments as the BEIR set: the same metrics.
    const auto marco = nlohmann::json::parse(embedlab::test::readFile(folder_ / "marco.json"));
    const auto beir = nlohmann::json::parse(embedlab::test::readFile(folder_ / "metrics.json"));
    QVERIFY(std::abs(marco["results"][0]["metrics"]["MRR@5"].get<double>() -
                     beir["results"][0]["metrics"]["MRR@5"].get<double>()) < 1e-6);
  }

  // eval --config: the typed options from a file give the same table as the flags; the history
  // records them typed.
  void evalRunsFromAConfigFile() {
    const QStringList flags{"eval",
                            "--models",
                            path(folder_ / "tiny"),
                            path(folder_ / "other"),
                            "--data",
                            path(folder_ / "beir"),
                            "--max_len",
                            "32",
                            "--k",
                            "10"};
    const auto fromFlags = cli(flags);
    QVERIFY2(fromFlags.exitCode == 0, qPrintable(fromFlags.err));
    const nlohmann::json config{
        {"models", {path(folder_ / "tiny").toStdString(), path(folder_ / "other").toStdString()}},
        {"data", path(folder_ / "beir").toStdString()},
        {"max_len", 32},
        {"k", 10}};
    writeFile(folder_ / "eval.json", config.dump());
    const auto fromConfig = cli({"eval", "--config", path(folder_ / "eval.json")});
    QVERIFY2(fromConfig.exitCode == 0, qPrintable(fromConfig.err));
    QCOMPARE(fromConfig.out, fromFlags.out);
    const auto runs = cli({"runs", "list", "--kind", "eval", "--format", "json"});
    const auto newest = nlohmann::json::parse(runs.out.toStdString()).front();
    QCOMPARE(newest["options"]["k"], nlohmann::json(10));
    QCOMPARE(newest["options"]["models"].size(), std::size_t{2});
    // A config without models is a usage error.
    writeFile(folder_ / "eval-no-model.json", R"({"data": "x"})");
    const auto refused = cli({"eval", "--config", path(folder_ / "eval-no-model.json")});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains("model"), qPrintable(refused.err));
  }

  void evalNeedsOneKindOfSet() {
    const auto run = cli({"eval", "--model", path(folder_ / "tiny")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--data"), qPrintable(run.err));
  }

  void thresholdFitsOnOnePartAndReportsOnTheOther() {
    // Pairs from the mined file: each query with its positive (similar) and negatives.
    const auto run = cli({"threshold", "--model", path(folder_ / "tiny"), "--pairs",
                          path(folder_ / "mined.jsonl"), "--max_len", "32", "--target_precision",
                          "0.5", "--output", path(folder_ / "threshold.json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains("best F1") && run.out.contains("F1 held"), qPrintable(run.out));
    const auto json = nlohmann::json::parse(embedlab::test::readFile(folder_ / "threshold.json"));
    QCOMPARE(json["fit"]["groups"].get<int>() + json["held_out"]["groups"].get<int>(), 12);
    QCOMPARE(json["similar_scores"]["count"].get<int>(), 12);
    const double threshold = json["fit"]["best_f1"]["threshold"].get<double>();
    QCOMPARE(json["held_out"]["best_f1"]["threshold"].get<double>(), threshold);
    QVERIFY(threshold >= -1.0001 && threshold <= 1.0001);  // a cosine
    QVERIFY(!json["curve"].empty());

    // threshold --config: the same job from its typed options gives the same report, and the
    // report reads back typed (what the Thresholds panel shows).
    const nlohmann::json config{{"model_name_or_path", path(folder_ / "tiny").toStdString()},
                                {"pairs", path(folder_ / "mined.jsonl").toStdString()},
                                {"max_len", 32},
                                {"target_precision", 0.5},
                                {"output", path(folder_ / "threshold-config.json").toStdString()}};
    writeFile(folder_ / "threshold.config.json", config.dump());
    const auto fromConfig =
        cli({"threshold", "--config", path(folder_ / "threshold.config.json"), "-q"});
    QVERIFY2(fromConfig.exitCode == 0, qPrintable(fromConfig.err));
    const auto again =
        nlohmann::json::parse(embedlab::test::readFile(folder_ / "threshold-config.json"));
    QCOMPARE(again["fit"], json["fit"]);
    QCOMPARE(again["curve"], json["curve"]);
    const auto typed = embedlab::eval::thresholdReportFromJson(again, "threshold-config.json");
    QCOMPARE(typed.analysis.fit.bestF1.threshold, threshold);
    QCOMPARE(typed.analysis.curve.size(), again["curve"].size());
    QCOMPARE(typed.score, std::string("cosine"));

    // A TSV of labelled pairs.
    std::string tsv = "text_a\ttext_b\tlabel\n";
    for (int i = 0; i < 12; ++i) {
      tsv += std::string(kPackages[i][0]) + "\t" + kPackages[i][1] + "\t1\n";
      tsv += std::string(kPackages[i][0]) + "\t" + kPackages[(i + 5) % 12][1] + "\t0\n";
    }
    writeFile(folder_ / "pairs.tsv", tsv);
    const auto fromTsv =
        cli({"threshold", "--model", path(folder_ / "tiny"), "--pairs", path(folder_ / "pairs.tsv"),
             "--progress", "json", "--scores", path(folder_ / "scores.jsonl")});
    QVERIFY2(fromTsv.exitCode == 0, qPrintable(fromTsv.err));
    const auto done = jsonLines(fromTsv.out).back();
    QCOMPARE(done["event"].get<std::string>(), std::string("done"));
    QCOMPARE(done["fit"]["pairs"].get<int>() + done["held_out"]["pairs"].get<int>(), 24);
    // --scores: every pair, on the side of the split the report counts it on.
    const auto scores =
        jsonLines(QString::fromStdString(embedlab::test::readFile(folder_ / "scores.jsonl")));
    QCOMPARE(scores.size(), std::size_t{24});
    int fit = 0, similar = 0;
    for (const auto& line : scores) {
      fit += line["part"].get<std::string>() == "fit" ? 1 : 0;
      similar += line["similar"].get<bool>() ? 1 : 0;
      QVERIFY(line["score"].get<double>() >= -1.0001 && line["score"].get<double>() <= 1.0001);
    }
    QCOMPARE(fit, done["fit"]["pairs"].get<int>());
    QCOMPARE(similar, 12);
  }

 private:
  embedlab::test::TempFolder folder_;
};

QTEST_GUILESS_MAIN(TestCliMineEval)
#include "test_cli_mine_eval.moc"

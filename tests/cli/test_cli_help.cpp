// embedlab-cli's own documentation: every visible command explains itself with an example, every
// option in a sentence with its default (or says it is required), and the generated documents
// (docs/cli.md, the man page, the bash completion) are what `embedlab-cli docs` makes from the
// same definitions.
#include <QtTest/QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <functional>

#include "tests/support/cli.h"
#include "tests/support/files.h"

using embedlab::test::cli;

namespace {

QJsonObject reference() {
  const auto run = cli({"docs", "json"});
  if (run.exitCode != 0) qFatal("docs json failed: %s", qPrintable(run.err));
  return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

void forEachCommand(const QJsonObject& command,
                    const std::function<void(const QJsonObject&)>& visit) {
  visit(command);
  for (const QJsonValue& sub : command["subcommands"].toArray())
    forEachCommand(sub.toObject(), visit);
}

// A sentence: starts with a capital (or a quoted name) and says something.
bool isSentence(const QString& text) {
  return text.size() >= 8 && (text[0].isUpper() || text[0] == '"' || text[0] == '`');
}

}  // namespace

class TestCliHelp : public QObject {
  Q_OBJECT

 private slots:
  void everyCommandHasADescriptionAndAnExample() {
    QStringList problems;
    int commands = 0;
    forEachCommand(reference(), [&](const QJsonObject& command) {
      const QString path = command["path"].toString();
      if (path.isEmpty()) return;  // the program itself
      ++commands;
      if (command["description"].toString().size() < 20) problems << path + ": no description";
      // A command group (runs) shows its examples in its subcommands.
      const bool group = !command["subcommands"].toArray().isEmpty();
      const QJsonArray examples = command["examples"].toArray();
      if (!group && examples.isEmpty()) problems << path + ": no example";
      for (const QJsonValue& example : examples) {
        if (!example.toString().startsWith("embedlab-cli " + path + " ") &&
            example.toString() != "embedlab-cli " + path)
          problems << path + ": the example does not run this command: " + example.toString();
      }
    });
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    QVERIFY(commands >= 18);  // 11 commands, 8 under runs
  }

  void everyOptionIsExplainedWithItsDefault() {
    QStringList problems;
    forEachCommand(reference(), [&](const QJsonObject& command) {
      for (const QJsonValue& value : command["options"].toArray()) {
        const QJsonObject option = value.toObject();
        const QString name =
            command["path"].toString() + " " + option["names"].toArray().first().toString();
        const QString description = option["description"].toString();
        if (!isSentence(description)) problems << name + ": \"" + description + "\"";
        // An option with a value either has a default shown, is required, or its sentence says
        // what happens without it.
        const bool explained = !option["default"].toString().isEmpty() ||
                               option["required"].toBool() || option["positional"].toBool() ||
                               description.contains("default", Qt::CaseInsensitive) ||
                               description.contains("required", Qt::CaseInsensitive) ||
                               description.contains("without it", Qt::CaseInsensitive) ||
                               description.contains("if not given", Qt::CaseInsensitive) ||
                               description.contains("when not given", Qt::CaseInsensitive);
        if (option["takes_value"].toBool() && !option["value_optional"].toBool() && !explained)
          problems << name + ": no default (\"" + description + "\")";
      }
    });
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
  }

  void theReadmesReferenceIsUpToDate() {
    const auto run = cli({"docs", "markdown"});
    QCOMPARE(run.exitCode, 0);
    QFile file(EMBEDLAB_SOURCE_DIR "/docs/cli.md");
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString checkedIn = QString::fromUtf8(file.readAll());
    QVERIFY2(checkedIn == run.out,
             "docs/cli.md is out of date: cmake --build build --target cli-reference");
    // The reference holds every command and option that --help shows.
    const auto help = cli({"train", "--help"});
    for (const char* flag : {"--train_group_size", "--negatives_cross_device", "--fp16"}) {
      QVERIFY(help.out.contains(flag));
      QVERIFY(checkedIn.contains(QString("`%1`").arg(flag)));
    }
  }

  void theManPageHasNoRoffWarnings() {
    if (QStandardPaths::findExecutable("man").isEmpty()) QSKIP("man is not installed");
    embedlab::test::TempFolder folder;
    const auto run = cli({"docs", "man", "--date", "2026-12-02"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith(".TH EMBEDLAB\\-CLI 1 \"2026-12-02\""));
    QVERIFY(run.out.contains(".SS \"embedlab\\-cli train\\-reranker\""));
    QVERIFY(run.out.contains("\\fB\\-\\-range_for_sampling\\fR"));
    const QString page = QString::fromStdString((folder / "embedlab-cli.1").string());
    QFile file(page);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(run.out.toUtf8());
    file.close();
    // lintian's check: groff warnings while rendering.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("LC_ALL", "C.UTF-8");
    environment.insert("MANROFFSEQ", "");
    environment.insert("MANWIDTH", "80");
    const auto man = embedlab::test::runProcess(
        "man", {"--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", page}, environment);
    QCOMPARE(man.exitCode, 0);
    QVERIFY2(man.err.isEmpty(), qPrintable(man.err));
  }

  void bashCompletionCompletesCommandsOptionsAndValues() {
    embedlab::test::TempFolder folder;
    const auto run = cli({"docs", "bash-completion"});
    QCOMPARE(run.exitCode, 0);
    const QString script = QString::fromStdString((folder / "embedlab-cli").string());
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(run.out.toUtf8());
    file.close();
    const auto complete = [&](const QString& words, int current) {
      const QString program = QString(
                                  "source '%1'; COMP_WORDS=(%2); COMP_CWORD=%3; _embedlab_cli; "
                                  "echo \"${COMPREPLY[*]}\"")
                                  .arg(script, words)
                                  .arg(current);
      return embedlab::test::runProcess("bash", {"-c", program},
                                        QProcessEnvironment::systemEnvironment())
          .out.trimmed();
    };
    QCOMPARE(complete("embedlab-cli me", 1), QString("merge"));
    QCOMPARE(complete("embedlab-cli mine --range", 2),
             QString("--range_for_sampling --range-for-sampling"));
    QCOMPARE(complete("embedlab-cli runs l", 2), QString("list"));
    QCOMPARE(complete("embedlab-cli init-model --head ''", 3), QString("embedding classifier"));
    QCOMPARE(complete("embedlab-cli --thr", 1), QString("--threads"));
    // The hidden docs command is not offered.
    QVERIFY(!complete("embedlab-cli d", 1).contains("docs"));
  }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "test_cli_help.moc"

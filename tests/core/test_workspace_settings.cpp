// core/data/workspace_settings: what a workspace's embedlab-workspace.json gives the panels, and
// clear errors for a file that is not what it must be.
#include <QtTest/QtTest>

#include "core/common/error.h"
#include "core/data/workspace_settings.h"
#include "tests/support/files.h"

using namespace embedlab;

class TestWorkspaceSettings : public QObject {
  Q_OBJECT

 private slots:
  void readsEachJobsOptions() {
    test::TempFolder folder;
    test::writeFile(folder / WorkspaceSettings::kFileName,
                    R"({"mine": {"max_len": 64, "range_for_sampling": "2-60"},
                        "train": {"learning_rate": 0.001, "query_max_len": 32}})");
    const WorkspaceSettings settings = WorkspaceSettings::load(folder.path());
    QCOMPARE(settings.integer("mine", "max_len"), std::optional<int>(64));
    QCOMPARE(settings.miningRange(), (std::optional<std::pair<int, int>>{{2, 60}}));
    QCOMPARE(settings.job("train")["learning_rate"].get<double>(), 0.001);
    QCOMPARE(settings.integer("train", "learning_rate"), std::nullopt);  // not a whole number
    QVERIFY(settings.job("eval").empty());
    QCOMPARE(settings.integer("eval", "max_len"), std::nullopt);
  }

  void aRangeAsTwoNumbers() {
    test::TempFolder folder;
    test::writeFile(folder / WorkspaceSettings::kFileName,
                    R"({"mine": {"range_for_sampling": [10, 210]}})");
    QCOMPARE(WorkspaceSettings::load(folder.path()).miningRange(),
             (std::optional<std::pair<int, int>>{{10, 210}}));
  }

  void noFileIsNoSettings() {
    test::TempFolder folder;
    QVERIFY(WorkspaceSettings::load(folder.path()).job("mine").empty());
  }

  void aBrokenFileNamesItself() {
    test::TempFolder folder;
    for (const char* text : {"{not json", "[1, 2]", R"({"mine": 3})"}) {
      test::writeFile(folder / WorkspaceSettings::kFileName, text);
      try {
        WorkspaceSettings::load(folder.path());
        QFAIL(text);
      } catch (const InputError& error) {
        QVERIFY2(error.file().find(WorkspaceSettings::kFileName) != std::string::npos,
                 error.what());
      }
    }
  }

  void theDemoWorkspaceCarriesTheTutorialsSettings() {
    const WorkspaceSettings demo = WorkspaceSettings::load(EMBEDLAB_SOURCE_DIR "/resources/demo");
    QCOMPARE(demo.miningRange(), (std::optional<std::pair<int, int>>{{2, 60}}));
    QCOMPARE(demo.integer("mine", "negative_number"), std::optional<int>(7));
    QCOMPARE(demo.integer("train", "per_device_train_batch_size"), std::optional<int>(32));
    QCOMPARE(demo.integer("eval", "query_max_len"), std::optional<int>(32));
  }
};

QTEST_GUILESS_MAIN(TestWorkspaceSettings)
#include "test_workspace_settings.moc"

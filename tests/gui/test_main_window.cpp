// The main window on the demo workspace, offscreen: every panel is there, the datasets are
// listed and validated in the background, and the window renders.
#include <QtTest/QtTest>

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>

#include "app/gui/help_browser.h"
#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/preferences_dialog.h"
#include "tests/support/files.h"
#include "widgets/datasets_panel.h"
#include "widgets/evaluation_panel.h"
#include "widgets/history_panel.h"
#include "widgets/mining_panel.h"
#include "widgets/record_browser.h"
#include "widgets/thresholds_panel.h"
#include "widgets/training_panel.h"

using embedlab::gui::MainWindow;

// Every panel fits a small laptop screen, 1024 x 700 with the window's menu and status bar
// (their forms scroll).
namespace {
// The entries of a recent-items menu that open something (not its section titles or Clear).
QList<QAction*> openable(QMenu* menu) {
  QList<QAction*> entries;
  for (QAction* action : menu->actions()) {
    if (!action->isSeparator() && !action->text().contains("Clear")) entries << action;
  }
  return entries;
}

void fitsALaptopScreen(MainWindow& window) {
  auto* tabs = window.findChild<QTabWidget*>();
  QStringList tooLarge;
  for (int i = 0; i < tabs->count(); ++i) {
    const QSize size = tabs->widget(i)->minimumSizeHint();
    if (size.width() > 1010 || size.height() > 600)
      tooLarge << QString("%1: %2 x %3").arg(tabs->tabText(i)).arg(size.width()).arg(size.height());
  }
  QVERIFY2(tooLarge.isEmpty(), qPrintable(tooLarge.join("; ")));
  QVERIFY2(window.minimumSizeHint().width() <= 1024 && window.minimumSizeHint().height() <= 700,
           qPrintable(QString("%1 x %2")
                          .arg(window.minimumSizeHint().width())
                          .arg(window.minimumSizeHint().height())));
}
}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("EmbedLabTests");  // keep the user's settings clean
    QCoreApplication::setApplicationName("test_main_window");
  }

  // Every test starts in English, whatever a failed one left behind.
  void init() {
    // A layout given a null widget (or other layout misuse) fails the test instead of a warning.
    QTest::failOnWarning(QRegularExpression("^QLayout|^QWidget::setLayout"));
    embedlab::gui::saveLanguage({});
    embedlab::gui::applyLanguage("en");
    QCoreApplication::processEvents();
  }

  void everyPanelIsThere() {
    MainWindow window("BLAS: test", "");
    auto* tabs = window.findChild<QTabWidget*>();
    QVERIFY(tabs != nullptr);
    QCOMPARE(tabs->count(), 6);
    QStringList titles;
    for (int i = 0; i < tabs->count(); ++i)
      titles << tabs->tabText(i);
    QCOMPARE(titles, (QStringList{"Datasets", "Mining", "Training", "Evaluation", "Thresholds",
                                  "History"}));
    QVERIFY(qobject_cast<embedlab::widgets::HistoryPanel*>(tabs->widget(5)) != nullptr);
    QVERIFY(qobject_cast<embedlab::widgets::MiningPanel*>(tabs->widget(1)) != nullptr);
    QVERIFY(qobject_cast<embedlab::widgets::TrainingPanel*>(tabs->widget(2)) != nullptr);
    QVERIFY(qobject_cast<embedlab::widgets::EvaluationPanel*>(tabs->widget(3)) != nullptr);
    QVERIFY(qobject_cast<embedlab::widgets::ThresholdsPanel*>(tabs->widget(4)) != nullptr);
    fitsALaptopScreen(window);
    QVERIFY(window.showPanel("history"));
    QCOMPARE(tabs->currentIndex(), 5);
    QVERIFY(!window.showPanel("nonsense"));
    QVERIFY(window.showPanel("datasets/statistics"));
    QCOMPARE(tabs->currentIndex(), 0);
    QCOMPARE(window.datasetsPanel()->views()->currentIndex(), 2);
    QVERIFY(!window.showPanel("datasets/nonsense"));
    QVERIFY(!window.showPanel("history/records"));
  }

  void validatesTheDemoWorkspaceInTheBackground() {
    // The status line as long as it is on a real machine.
    MainWindow window(
        "BLAS: OpenBLAS 0.3.21 (Haswell kernels) · threads: 2 (torch 1, BLAS 2, 2 CPUs) · "
        "devices: CPU · LibTorch 1.13.0",
        "");
    QSignalSpy done(window.datasetsPanel(), &embedlab::widgets::DatasetsPanel::allValidated);
    window.openWorkspace(EMBEDLAB_SOURCE_DIR "/resources/demo");
    window.show();
    QCOMPARE(window.datasetsPanel()->datasetCount(), 2);  // dev/ and train.jsonl
    QVERIFY(done.wait(60000));
    QCOMPARE(window.datasetsPanel()->validatedCount(), 2);
    auto* list = window.datasetsPanel()->findChild<QListWidget*>();
    QVERIFY(list->item(0)->text().contains("evaluation set"));
    QVERIFY2(list->item(1)->text().contains("3000 record"), qPrintable(list->item(1)->text()));
    QVERIFY(list->item(1)->text().contains("valid"));
    fitsALaptopScreen(window);
    QVERIFY(window.height() <= 800);
    const QImage image = window.grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 600);
  }

  void remembersRecentWorkspacesMostRecentFirst() {
    QSettings().remove("workspace/recent");
    QSettings().remove("files/recent");
    embedlab::test::TempFolder a, b;
    MainWindow window("BLAS: test", "");
    const QString first = QString::fromStdString(a.path().string());
    const QString second = QString::fromStdString(b.path().string());
    window.openWorkspace(first);
    window.openWorkspace(second);
    window.openWorkspace(first);
    QCOMPARE(MainWindow::recentWorkspaces(), (QStringList{first, second}));
    QMenu* recent = nullptr;
    for (QMenu* menu : window.findChildren<QMenu*>()) {
      if (menu->title() == "Open &Recent") recent = menu;
    }
    QVERIFY(recent != nullptr);
    const auto entries = openable(recent);
    QCOMPARE(entries.size(), 2);
    QVERIFY(entries.first()->text().contains(first));
    recent->actions().last()->trigger();  // Clear List
    QVERIFY(MainWindow::recentWorkspaces().isEmpty());
  }

  void switchesLanguageAtRunTime() {
    MainWindow window(
        "BLAS: OpenBLAS 0.3.21 (Haswell kernels) · threads: 2 (torch 1, BLAS 2, 2 CPUs) · "
        "devices: CPU · LibTorch 1.13.0",
        "");
    QSignalSpy done(window.datasetsPanel(), &embedlab::widgets::DatasetsPanel::allValidated);
    window.openWorkspace(EMBEDLAB_SOURCE_DIR "/resources/demo");
    QVERIFY(done.wait(60000));
    auto* tabs = window.findChild<QTabWidget*>();
    QCOMPARE(embedlab::gui::applyLanguage("en"), QString("en"));
    QCOMPARE(tabs->tabText(0), QString("Datasets"));
    auto* search = window.datasetsPanel()->records()->findChild<QPushButton*>();
    QVERIFY(search != nullptr);
    const QString englishButton = search->text();
    const QString englishRecords = window.datasetsPanel()->views()->tabText(1);

    // German from the Preferences dialog: every panel's texts change at once, no restart.
    embedlab::gui::PreferencesDialog preferences(&window);
    QComboBox* language = preferences.languageChooser();
    language->setCurrentIndex(language->findData("de"));
    preferences.accept();
    QCOMPARE(embedlab::gui::savedLanguage(), QString("de"));
    // Qt posts the LanguageChange events; the texts change once they are delivered.
    QTRY_VERIFY(tabs->tabText(0) != "Datasets");
    const QString german = tabs->tabText(0);
    QVERIFY2(german != "Datasets" && !german.isEmpty(), qPrintable(german));
    QCOMPARE(german, QCoreApplication::translate("embedlab::gui::MainWindow", "Datasets"));
    QVERIFY(window.datasetsPanel()->views()->tabText(1) != englishRecords);
    QVERIFY2(search->text() != englishButton, qPrintable(search->text()));
    bool menuTranslated = false;
    for (QAction* action : window.menuBar()->actions())
      menuTranslated =
          menuTranslated ||
          action->text() == QCoreApplication::translate("embedlab::gui::MainWindow", "&File");
    QVERIFY(menuTranslated);
    fitsALaptopScreen(window);  // German's longer labels too

    // Simplified Chinese, then back to English.
    QCOMPARE(embedlab::gui::applyLanguage("zh_CN"), QString("zh_CN"));
    QTRY_VERIFY(tabs->tabText(0) != german);
    QVERIFY(tabs->tabText(0) != "Datasets");
    embedlab::gui::applyLanguage("en");
    QTRY_COMPARE(tabs->tabText(0), QString("Datasets"));
    QCOMPARE(search->text(), englishButton);
    // English plural forms come from the English translation ("%n record(s)" in the sources).
    auto* list = window.datasetsPanel()->findChild<QListWidget*>();
    QVERIFY2(list->item(1)->text().contains("3000 records"), qPrintable(list->item(1)->text()));
  }

  void opensADataFileFromAnywhereAndRemembersIt() {
    QSettings().remove("files/recent");
    embedlab::test::TempFolder workspace, elsewhere;
    const auto file = elsewhere / "pool.jsonl";
    embedlab::test::writeFile(file, "{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
    MainWindow window("BLAS: test", "");
    window.openWorkspace(QString::fromStdString(workspace.path().string()));
    QCOMPARE(window.datasetsPanel()->datasetCount(), 0);
    QSignalSpy done(window.datasetsPanel(), &embedlab::widgets::DatasetsPanel::allValidated);
    const QString path = QString::fromStdString(file.string());
    window.openDataFile(path);
    window.openDataFile(path);  // listed once
    QCOMPARE(window.datasetsPanel()->datasetCount(), 1);
    QVERIFY(done.wait(30000));
    auto* list = window.datasetsPanel()->findChild<QListWidget*>();
    QVERIFY2(list->item(0)->text().contains("candidate pool"), qPrintable(list->item(0)->text()));
    QCOMPARE(MainWindow::recentFiles(), QStringList{path});
    // One recent list: the workspace, then under "Data files" the file.
    QMenu* recent = nullptr;
    int recentMenus = 0;
    for (QMenu* menu : window.findChildren<QMenu*>()) {
      if (menu->title().contains("Recent")) {
        recent = menu;
        ++recentMenus;
      }
    }
    QCOMPARE(recentMenus, 1);
    QStringList sections;
    for (QAction* action : recent->actions()) {
      if (action->isSeparator() && !action->text().isEmpty()) sections << action->text();
    }
    QCOMPARE(sections, (QStringList{"Workspaces", "Data files"}));
    QVERIFY(openable(recent).last()->text().contains(path));
  }

  void helpShowsTheTutorialAndTheManual() {
    MainWindow window("BLAS: test", "");
    QMenu* help = nullptr;
    for (QMenu* menu : window.findChildren<QMenu*>()) {
      if (menu->title() == "&Help") help = menu;
    }
    QVERIFY(help != nullptr);
    QAction* tutorial = nullptr;
    for (QAction* action : help->actions()) {
      if (action->text().contains("Tutorial")) tutorial = action;
    }
    QVERIFY(tutorial != nullptr);
    tutorial->trigger();
    auto* shown = window.findChild<embedlab::gui::HelpBrowser*>();
    QVERIFY(shown != nullptr && shown->isVisible());
    const QString text = shown->browser()->toPlainText();
    QVERIFY2(text.contains("Look at the data") && text.contains("Pick a threshold"),
             qPrintable(text.left(300)));
    QVERIFY(!text.contains("Many GPUs and Slurm"));  // the tutorial only
    // Its pictures come with it.
    const QVariant image = shown->browser()->document()->resource(
        QTextDocument::ImageResource, QUrl("docs/images/datasets-panel.png"));
    QVERIFY(image.isValid());
    QVERIFY(embedlab::gui::HelpBrowser::markdown(embedlab::gui::HelpTopic::Manual)
                .contains("## Many GPUs and Slurm clusters"));
    QVERIFY(embedlab::gui::HelpBrowser::markdown(embedlab::gui::HelpTopic::CommandLine)
                .contains("embedlab-cli train"));
  }

  void invalidDatasetShowsItsProblemsWithLines() {
    embedlab::test::TempFolder folder;
    embedlab::test::writeFile(folder / "bad.jsonl",
                              "{\"query\":\"q\",\"pos\":[\"p\"]}\n{\"query\":\"q\",\"pos\":[]}\n");
    MainWindow window("BLAS: test", "reference BLAS");
    QSignalSpy done(window.datasetsPanel(), &embedlab::widgets::DatasetsPanel::allValidated);
    window.openWorkspace(QString::fromStdString(folder.path().string()));
    QVERIFY(done.wait(30000));
    auto* list = window.datasetsPanel()->findChild<QListWidget*>();
    QVERIFY(list->item(0)->text().contains("1 error"));
    auto* problems = window.datasetsPanel()->findChild<QTableWidget*>();
    QCOMPARE(problems->rowCount(), 1);
    QCOMPARE(problems->item(0, 1)->text(), QString("2"));
    QCOMPARE(problems->item(0, 3)->text(), QString("empty-pos"));
    // Clicking the problem shows its line in the Records tab.
    window.datasetsPanel()->showProblemLine(0);
    embedlab::widgets::RecordBrowser* records = window.datasetsPanel()->records();
    QTRY_COMPARE(records->table()->currentIndex().row(), 1);
    QVERIFY(records->isVisibleTo(window.datasetsPanel()));
    QVERIFY(records->detail()->toPlainText().contains("raw line 2"));
    // The slow-BLAS warning is visible in the status bar.
    bool warned = false;
    for (auto* label : window.statusBar()->findChildren<QLabel*>()) {
      warned = warned || label->toolTip() == "reference BLAS";
    }
    QVERIFY(warned);
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"

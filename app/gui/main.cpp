// embedlab: the desktop application.
//   embedlab [--workspace DIR] [--panel NAME] [--screenshot FILE.png] [--threads N]
//            [--language CODE] [--run-demo [--screenshot-dir DIR]]
// Without a display it prints the workspace's validation report instead (see headless_report.h).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>
#include <cstring>
#include <iostream>
#include <memory>

#include "app/gui/guided_demo.h"
#include "app/gui/headless_report.h"
#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/preferences_dialog.h"
#include "app/gui/workspace_location.h"
#include "core/common/version.h"
#include "core/runtime/compute_environment.h"
#include "core/runtime/process_environment.h"
#include "widgets/datasets_panel.h"
#include "widgets/token_statistics_view.h"

namespace {

bool hasArgument(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return true;
  }
  return false;
}

// Renders the window once the datasets are validated (and their token statistics counted, when
// that view is shown), saves it, and quits.
void scheduleScreenshot(embedlab::gui::MainWindow& window, const QString& file) {
  auto save = [&window, file] {
    const bool saved = window.grab().save(file);
    std::cerr << (saved ? "screenshot: " : "cannot write screenshot ") << file.toStdString()
              << "\n";
    QApplication::exit(saved ? 0 : 1);
  };
  auto* settle = new QTimer(&window);
  settle->setInterval(200);
  QObject::connect(settle, &QTimer::timeout, &window, [&window, save] {
    if (!window.datasetsPanel()->statistics()->computing()) save();
  });
  QObject::connect(window.datasetsPanel(), &embedlab::widgets::DatasetsPanel::allValidated, settle,
                   qOverload<>(&QTimer::start));
  QTimer::singleShot(60000, &window, save);  // never hang a script on a huge workspace
}

}  // namespace

int main(int argc, char** argv) {
  embedlab::tuneProcessEnvironment(argv);  // may re-execute this binary once
  const bool screenshot =
      hasArgument(argc, argv, "--screenshot") || hasArgument(argc, argv, "--screenshot-dir");
  if (screenshot && embedlab::gui::displayUnavailable()) {
    qputenv("QT_QPA_PLATFORM", "offscreen");  // a screenshot needs no display
  }
  // Without a display QApplication would abort, so the headless path gets a QCoreApplication.
  const bool headless = embedlab::gui::displayUnavailable();
  std::unique_ptr<QCoreApplication> app;
  if (headless) {
    app = std::make_unique<QCoreApplication>(argc, argv);
  } else {
    app = std::make_unique<QApplication>(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/embedlab-256.png")));
  }
  QCoreApplication::setApplicationName(QStringLiteral("EmbedLab"));
  QCoreApplication::setOrganizationName(QStringLiteral("EmbedLab"));
  QCoreApplication::setApplicationVersion(QString::fromLatin1(embedlab::kVersion));
  embedlab::gui::applyLanguage(embedlab::gui::savedLanguage());

  QCommandLineParser parser;
  parser.setApplicationDescription(QCoreApplication::translate(
      "main", "EmbedLab: fine-tune text-embedding models and rerankers."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption workspaceOption(
      "workspace", QCoreApplication::translate("main", "Open the workspace folder DIR."), "DIR");
  const QCommandLineOption panelOption(
      "panel",
      QCoreApplication::translate("main", "Show the panel NAME (%1).")
          .arg(embedlab::gui::MainWindow::panelNames().join(", ")),
      "NAME");
  const QCommandLineOption screenshotOption(
      "screenshot",
      QCoreApplication::translate("main", "Render the window to FILE.png (offscreen) and exit."),
      "FILE");
  const QCommandLineOption threadsOption(
      "threads", QCoreApplication::translate("main", "CPU threads for LibTorch and BLAS."), "N");
  const QCommandLineOption languageOption(
      "language",
      QCoreApplication::translate("main",
                                  "Show the interface in LANGUAGE (en, de, zh_CN) this "
                                  "time; Preferences sets it for good."),
      "LANGUAGE");
  const QCommandLineOption demoOption(
      "run-demo",
      QCoreApplication::translate(
          "main", "Run the demo in the panels (mine, train, evaluate, fit thresholds)."));
  const QCommandLineOption screenshotFolderOption(
      "screenshot-dir",
      QCoreApplication::translate(
          "main", "With --run-demo: capture each panel into DIR as the demo goes, then exit."),
      "DIR");
  parser.addOptions({workspaceOption, panelOption, screenshotOption, threadsOption, languageOption,
                     demoOption, screenshotFolderOption});
  parser.addPositionalArgument(
      "workspace", QCoreApplication::translate("main", "The workspace folder (as --workspace)."),
      "[DIR]");
  parser.process(*app);
  if (parser.isSet(languageOption)) embedlab::gui::applyLanguage(parser.value(languageOption));

  QString workspace = parser.value(workspaceOption);
  const QStringList positional = parser.positionalArguments();
  if (positional.size() > 1 || (!positional.isEmpty() && !workspace.isEmpty())) {
    std::cerr << "embedlab: one workspace folder, please (got "
              << (positional + QStringList(workspace)).join(", ").toStdString() << ")\n";
    return 2;
  }
  if (!positional.isEmpty()) workspace = positional.front();
  if (workspace.isEmpty() && headless) {
    workspace = embedlab::gui::shippedDemoPath();  // only read
  } else if (workspace.isEmpty()) {
    QString error;
    workspace = embedlab::gui::userDemoWorkspace(&error);
    if (workspace.isEmpty()) {
      std::cerr << "embedlab: " << error.toStdString()
                << " (give a workspace with --workspace DIR)\n";
      return 2;
    }
  }
  if (workspace.isEmpty() || !QDir(workspace).exists()) {
    std::cerr << "embedlab: workspace folder not found: " << workspace.toStdString()
              << " (give one with --workspace DIR)\n";
    return 2;
  }
  if (headless) {
    return embedlab::gui::printHeadlessReport(workspace.toStdString());
  }

  std::optional<int> threads;
  if (parser.isSet(threadsOption)) {
    threads = parser.value(threadsOption).toInt();
  } else if (const int saved = embedlab::gui::PreferencesDialog::savedThreads(); saved > 0) {
    threads = saved;  // Preferences > CPU threads
  }
  QString environmentLine;
  QString environmentWarning;
  try {
    const auto environment = embedlab::configureComputeEnvironment(threads);
    environmentLine = QString::fromStdString(embedlab::describe(environment));
    if (const auto warning = embedlab::blasWarning(environment)) {
      environmentWarning = QString::fromStdString(*warning);
      std::cerr << "embedlab: warning: " << *warning << "\n";
    }
  } catch (const std::exception& error) {
    std::cerr << "embedlab: error: " << error.what() << "\n";
    return 2;
  }

  embedlab::gui::MainWindow window(environmentLine, environmentWarning);
  if (parser.isSet(panelOption) && !window.showPanel(parser.value(panelOption))) {
    std::cerr << "embedlab: unknown panel " << parser.value(panelOption).toStdString() << "\n";
    return 2;
  }
  window.openWorkspace(workspace);
  window.show();
  if (parser.isSet(demoOption)) {
    const QString folder = parser.value(screenshotFolderOption);
    // Capturing runs unattended: it writes its own mined file rather than ask about one there.
    embedlab::gui::GuidedDemo* demo = window.runDemo(
        folder, folder.isEmpty() ? embedlab::gui::MainWindow::ExistingMinedFile::Ask
                                 : embedlab::gui::MainWindow::ExistingMinedFile::KeepBeside);
    if (demo == nullptr) return 0;  // the user cancelled
    if (!folder.isEmpty()) {
      QDir().mkpath(folder);
      QObject::connect(demo, &embedlab::gui::GuidedDemo::finished, &window,
                       [](const QString& error) {
                         if (!error.isEmpty())
                           std::cerr << "embedlab: demo: " << error.toStdString() << "\n";
                         QApplication::exit(error.isEmpty() ? 0 : 1);
                       });
    }
  } else if (parser.isSet(screenshotFolderOption)) {
    std::cerr << "embedlab: --screenshot-dir goes with --run-demo\n";
    return 2;
  } else if (parser.isSet(screenshotOption)) {
    scheduleScreenshot(window, parser.value(screenshotOption));
  }
  return QApplication::exec();
}

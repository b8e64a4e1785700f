#include "app/gui/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include "app/gui/about_dialog.h"
#include "app/gui/guided_demo.h"
#include "app/gui/help_browser.h"
#include "app/gui/preferences_dialog.h"
#include "core/data/workspace_settings.h"
#include "core/store/history.h"
#include "widgets/datasets_panel.h"
#include "widgets/evaluation_panel.h"
#include "widgets/history_panel.h"
#include "widgets/mining_panel.h"
#include "widgets/thresholds_panel.h"
#include "widgets/training_panel.h"

namespace embedlab::gui {

MainWindow::MainWindow(const QString& environmentLine, const QString& environmentWarning,
                       QWidget* parent)
    : QMainWindow(parent) {
  setWindowIcon(QIcon(QStringLiteral(":/icons/embedlab-256.png")));
  resize(1280, 800);

  tabs_ = new QTabWidget;
  tabs_->setDocumentMode(true);
  datasets_ = new widgets::DatasetsPanel;
  tabs_->addTab(datasets_, QString());
  mining_ = new widgets::MiningPanel;
  tabs_->addTab(mining_, QString());
  connect(mining_, &widgets::MiningPanel::mined, this,
          [this](const QString& output, const QString& error) {
            if (!error.isEmpty()) return;
            datasets_->openFile(output.toStdString());  // browse the result
            // The next steps start from it: training on it, thresholds on its pairs.
            training_->setTrainingFile(output.toStdString());
            thresholds_->setPairs(output.toStdString());
          });
  training_ = new widgets::TrainingPanel;
  tabs_->addTab(training_, QString());
  evaluation_ = new widgets::EvaluationPanel;
  tabs_->addTab(evaluation_, QString());
  // A model that finished training can be evaluated at once.
  connect(training_, &widgets::TrainingPanel::runEnded, this,
          [this](const QString&, const QString& error) {
            if (!error.isEmpty()) return;
            evaluation_->setWorkspace(workspace_.toStdString());
            thresholds_->setWorkspace(workspace_.toStdString());
          });
  thresholds_ = new widgets::ThresholdsPanel;
  tabs_->addTab(thresholds_, QString());
  history_ = new widgets::HistoryPanel;
  tabs_->addTab(history_, QString());
  translations_.add([this] {
    const QString titles[] = {tr("Datasets"),   tr("Mining"),     tr("Training"),
                              tr("Evaluation"), tr("Thresholds"), tr("History")};
    for (int i = 0; i < tabs_->count(); ++i)
      tabs_->setTabText(i, titles[i]);
  });
  setCentralWidget(tabs_);

  auto* environment = new QLabel(environmentLine);
  environment->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // A long line must not make the window wider than a small screen: it is cut on the right
  // (in full in its tooltip).
  environment->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  environment->setMinimumWidth(environment->fontMetrics().horizontalAdvance(QString(40, 'x')));
  environment->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  environment->setToolTip(environmentLine);
  statusBar()->addPermanentWidget(environment, 1);
  if (!environmentWarning.isEmpty()) {
    auto* warning = new QLabel;
    translations_.add([warning] { warning->setText(tr("Slow BLAS: see tooltip")); });
    warning->setStyleSheet(QStringLiteral("color: #c02020; font-weight: bold;"));
    warning->setToolTip(environmentWarning);
    statusBar()->addWidget(warning);
  }
  createMenus();

  QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
    // The first start: a laptop-sized window (the panels' preferred sizes are taller than most
    // screens; their forms scroll).
    QSize size(1280, 800);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
      size = size.boundedTo(screen->availableSize());
    resize(size.expandedTo(minimumSizeHint()));
  }
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(QString());
  QAction* open = file->addAction(QString(), this, &MainWindow::chooseWorkspace);
  open->setShortcut(QKeySequence::Open);
  QAction* openFile = file->addAction(QString(), this, &MainWindow::chooseDataFile);
  openFile->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+O")));
  // One list of what was opened: workspaces, then data files (when any was opened).
  recentMenu_ = file->addMenu(QString());
  file->addSeparator();
  QAction* quit = file->addAction(QString(), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  quit->setMenuRole(QAction::QuitRole);

  QMenu* edit = menuBar()->addMenu(QString());
  QAction* preferences = edit->addAction(QString(), this, &MainWindow::showPreferences);
  preferences->setShortcut(QKeySequence(QStringLiteral("Ctrl+,")));
  preferences->setMenuRole(QAction::PreferencesRole);

  QMenu* help = menuBar()->addMenu(QString());
  QAction* tutorial = help->addAction(QString(), this, [this] { showHelp(HelpTopic::Tutorial); });
  tutorial->setShortcut(QKeySequence::HelpContents);
  QAction* manual = help->addAction(QString(), this, [this] { showHelp(HelpTopic::Manual); });
  QAction* cliReference =
      help->addAction(QString(), this, [this] { showHelp(HelpTopic::CommandLine); });
  help->addSeparator();
  QAction* about = help->addAction(QString(), this, [this] { showAboutDialog(this); });
  about->setMenuRole(QAction::AboutRole);
  QAction* aboutQt = help->addAction(QString(), qApp, &QApplication::aboutQt);
  help->addSeparator();
  QAction* demo = help->addAction(QString(), this, [this] { runDemo(); });
  QAction* pretrainedDemo = help->addAction(
      QString(), this, [this] { runDemo({}, ExistingMinedFile::Ask, /*pretrain=*/true); });

  translations_.add([=] {
    file->setTitle(tr("&File"));
    open->setText(tr("&Open Workspace..."));
    recentMenu_->setTitle(tr("Open &Recent"));
    openFile->setText(tr("Open &Data File..."));
    quit->setText(tr("&Quit"));
    edit->setTitle(tr("&Edit"));
    preferences->setText(tr("&Preferences..."));
    help->setTitle(tr("&Help"));
    tutorial->setText(tr("&Tutorial: Five Minutes with the Demo"));
    manual->setText(tr("User &Manual"));
    cliReference->setText(tr("&Command-Line Reference"));
    about->setText(tr("&About EmbedLab"));
    aboutQt->setText(tr("About &Qt"));
    demo->setText(tr("Run the &Demo"));
    demo->setToolTip(
        tr("Mine, train, evaluate and fit thresholds on the demo workspace, in the "
           "panels"));
    pretrainedDemo->setText(tr("Run the Demo with &Pre-training"));
    pretrainedDemo->setToolTip(
        tr("The demo, with the base model first pre-trained on the training file's own texts "
           "(masked language modelling, a few minutes)"));
    updateRecentMenus();
    if (!workspace_.isEmpty()) setWindowTitle(tr("%1 - EmbedLab").arg(QDir(workspace_).dirName()));
  });
}

void MainWindow::changeEvent(QEvent* event) {
  translations_.handle(event);
  QMainWindow::changeEvent(event);
}

void MainWindow::showPreferences() {
  PreferencesDialog dialog(this);
  dialog.exec();
}

void MainWindow::chooseDataFile() {
  const QString file = QFileDialog::getOpenFileName(
      this, tr("Open Data File"), workspace_, tr("Data files (*.jsonl *.tsv);;All files (*)"));
  if (!file.isEmpty()) openDataFile(file);
}

GuidedDemo* MainWindow::runDemo(const QString& screenshotFolder, ExistingMinedFile existing,
                                bool pretrain) {
  if (demo_ != nullptr && demo_->running()) return nullptr;
  // The demo mines into train.mined.jsonl: a file of that name may be the user's own work.
  const std::filesystem::path workspace = workspace_.toStdString();
  std::filesystem::path minedFile = GuidedDemo::defaultMinedFile(workspace);
  std::error_code unreadable;
  if (std::filesystem::exists(minedFile, unreadable)) {
    if (existing == ExistingMinedFile::Ask) existing = askAboutMinedFile(minedFile);
    if (existing == ExistingMinedFile::Ask) return nullptr;  // cancelled
    if (existing == ExistingMinedFile::KeepBeside) {
      for (int n = 1; std::filesystem::exists(minedFile, unreadable); ++n) {
        minedFile = workspace / (n == 1 ? std::string("train.demo-mined.jsonl")
                                        : "train.demo-mined-" + std::to_string(n) + ".jsonl");
      }
    }
  }
  delete demo_;
  demo_ = new GuidedDemo(*this, workspace, screenshotFolder, minedFile, pretrain);
  connect(demo_, &GuidedDemo::stepStarted, this,
          [this](const QString& description) { statusBar()->showMessage(description); });
  const bool interactive = screenshotFolder.isEmpty();
  if (!interactive) resize(1280, 800);  // captures show a laptop-sized window, whatever the screen
  connect(demo_, &GuidedDemo::finished, this, [this, interactive](const QString& error) {
    if (error.isEmpty()) {
      statusBar()->showMessage(tr("Demo finished: the History panel holds its jobs."));
      return;
    }
    statusBar()->showMessage(error);
    if (interactive) QMessageBox::warning(this, tr("Demo"), error);
  });
  demo_->start();
  return demo_;
}

MainWindow::ExistingMinedFile MainWindow::askAboutMinedFile(const std::filesystem::path& file) {
  QMessageBox question(
      QMessageBox::Question, tr("Run the Demo"),
      tr("%1 exists: it may be your own mined data. The demo mines the training file again.")
          .arg(QString::fromStdString(file.string())),
      QMessageBox::NoButton, this);
  QPushButton* beside =
      question.addButton(tr("Keep it, write the demo's beside it"), QMessageBox::AcceptRole);
  beside->setObjectName(QStringLiteral("keepBeside"));
  QPushButton* replace = question.addButton(tr("Replace it"), QMessageBox::DestructiveRole);
  replace->setObjectName(QStringLiteral("replace"));
  question.addButton(QMessageBox::Cancel);
  question.setDefaultButton(beside);
  question.exec();
  if (question.clickedButton() == beside) return ExistingMinedFile::KeepBeside;
  if (question.clickedButton() == replace) return ExistingMinedFile::Replace;
  return ExistingMinedFile::Ask;  // cancelled
}

void MainWindow::openDataFile(const QString& file) {
  datasets_->openFile(file.toStdString());
  tabs_->setCurrentWidget(datasets_);
  rememberRecent(QStringLiteral("files/recent"), file);
}

QStringList MainWindow::recentFiles() {
  return QSettings().value(QStringLiteral("files/recent")).toStringList();
}

void MainWindow::rememberRecent(const QString& key, const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(key).toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kRecentWorkspaces)
    recent.removeLast();
  settings.setValue(key, recent);
  updateRecentMenus();
}

void MainWindow::openWorkspace(const QString& folder) {
  workspace_ = folder;
  setWindowTitle(tr("%1 - EmbedLab").arg(QDir(folder).dirName()));
  try {
    datasets_->setWorkspace(folder.toStdString());
    mining_->setWorkspace(folder.toStdString());
    training_->setWorkspace(folder.toStdString());
    evaluation_->setWorkspace(folder.toStdString());
    thresholds_->setWorkspace(folder.toStdString());
  } catch (const std::exception& error) {
    QMessageBox::warning(this, tr("Cannot open workspace"),
                         tr("%1 cannot be opened as a workspace:\n%2")
                             .arg(folder, QString::fromStdString(error.what())));
    return;
  }
  history_->setDatabase(store::History::resolvePath({}, folder.toStdString()));
  try {
    WorkspaceSettings::load(folder.toStdString());
  } catch (const std::exception& error) {
    // The panels start from their own defaults then; the user should know why.
    QMessageBox::warning(this, tr("Workspace settings ignored"),
                         tr("The workspace's settings cannot be used:\n%1")
                             .arg(QString::fromStdString(error.what())));
  }
  QSettings().setValue(QStringLiteral("workspace/last"), folder);
  rememberRecent(QStringLiteral("workspace/recent"), folder);
}

QStringList MainWindow::recentWorkspaces() {
  return QSettings().value(QStringLiteral("workspace/recent")).toStringList();
}

void MainWindow::updateRecentMenus() {
  if (recentMenu_ == nullptr) return;
  recentMenu_->clear();
  const QStringList workspaces = recentWorkspaces();
  const QStringList files = recentFiles();
  int number = 0;
  const auto add = [&](const QString& path, const std::function<void()>& open) {
    QAction* action = recentMenu_->addAction(
        QStringLiteral("&%1 %2").arg(++number).arg(QDir::toNativeSeparators(path)), this, open);
    action->setEnabled(QFileInfo::exists(path));
  };
  recentMenu_->addSection(tr("Workspaces"));
  for (const QString& folder : workspaces)
    add(folder, [this, folder] { openWorkspace(folder); });
  if (!files.isEmpty()) {
    recentMenu_->addSection(tr("Data files"));
    for (const QString& file : files)
      add(file, [this, file] { openDataFile(file); });
  }
  recentMenu_->addSeparator();
  QAction* clear = recentMenu_->addAction(tr("&Clear List"), this, [this] {
    QSettings settings;
    settings.remove(QStringLiteral("workspace/recent"));
    settings.remove(QStringLiteral("files/recent"));
    updateRecentMenus();
  });
  clear->setEnabled(!workspaces.isEmpty() || !files.isEmpty());
}

void MainWindow::showHelp(HelpTopic topic) {
  auto* browser = new HelpBrowser(topic, this);
  browser->setAttribute(Qt::WA_DeleteOnClose);
  browser->show();
}

void MainWindow::chooseWorkspace() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Workspace"), workspace_);
  if (!folder.isEmpty()) {
    openWorkspace(folder);
  }
}

QStringList MainWindow::panelNames() {
  return {QStringLiteral("datasets"),   QStringLiteral("mining"),     QStringLiteral("training"),
          QStringLiteral("evaluation"), QStringLiteral("thresholds"), QStringLiteral("history")};
}

bool MainWindow::showPanel(const QString& name) {
  const QString panel = name.section('/', 0, 0).toLower();
  const QString view = name.section('/', 1);
  const auto index = static_cast<int>(panelNames().indexOf(panel));
  if (index < 0) return false;
  if (!view.isEmpty() && (index != 0 || !datasets_->showView(view))) return false;
  tabs_->setCurrentIndex(index);
  return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (training_->running()) {
    // The run is a detached process: it can go on (and keep writing its history) without us.
    QMessageBox question(QMessageBox::Question, tr("A training run is going"),
                         tr("Leave the training run running after EmbedLab closes, or stop it "
                            "with a checkpoint?"),
                         QMessageBox::NoButton, this);
    QPushButton* leave = question.addButton(tr("Leave it running"), QMessageBox::AcceptRole);
    QPushButton* stop = question.addButton(tr("Stop it"), QMessageBox::DestructiveRole);
    question.addButton(QMessageBox::Cancel);
    question.setDefaultButton(leave);
    question.exec();
    if (question.clickedButton() == stop) {
      training_->stopAll();
    } else if (question.clickedButton() != leave) {
      event->ignore();
      return;
    }
  }
  QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
  event->accept();
}

}  // namespace embedlab::gui

#include "app/gui/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include "app/gui/about_dialog.h"
#include "core/store/history.h"
#include "widgets/datasets_panel.h"
#include "widgets/history_panel.h"
#include "widgets/placeholder_panel.h"

namespace embedlab::gui {

using widgets::PlaceholderPanel;

MainWindow::MainWindow(const QString& environmentLine, const QString& environmentWarning,
                       QWidget* parent)
    : QMainWindow(parent) {
  setWindowIcon(QIcon(QStringLiteral(":/icons/embedlab-256.png")));
  resize(1280, 800);

  tabs_ = new QTabWidget;
  tabs_->setDocumentMode(true);
  datasets_ = new widgets::DatasetsPanel;
  tabs_->addTab(datasets_, tr("Datasets"));
  tabs_->addTab(
      new PlaceholderPanel(
          tr("Mining"),
          tr("Find hard negatives worth learning from, and see what a mining range produces "
             "before spending GPU hours on it."),
          {tr("A sample of queries with their ranked candidates and scores, marking positives, "
              "the range_for_sampling window and probable false negatives"),
           tr("Range, margin and max-score controls that update the preview and a histogram of "
              "positive vs. selected-negative scores at once"),
           tr("\"Mine all\" with progress, ETA, cancel and the statistics report")},
          QStringLiteral("embedlab-cli mine --model_name_or_path MODEL --input_file train.jsonl "
                         "--output_file mined.jsonl --range_for_sampling 2-200")),
      tr("Mining"));
  tabs_->addTab(
      new PlaceholderPanel(
          tr("Training"), tr("Launch contrastive fine-tuning runs and watch them as they happen."),
          {tr("Every trainer option, grouped, with a one-sentence explanation and presets"),
           tr("Live loss and learning-rate curves, samples/s and ETA"),
           tr("Live similarity histograms of positives, hard negatives and in-batch negatives"),
           tr("Stop with a checkpoint, resume, several runs side by side")},
          QStringLiteral("embedlab-cli train --model_name_or_path MODEL --train_data "
                         "train.jsonl --output_dir runs/first")),
      tr("Training"));
  tabs_->addTab(
      new PlaceholderPanel(
          tr("Evaluation"), tr("Measure whether a model got better on your data."),
          {tr("MRR@k, Recall@k, nDCG@10 and MAP@100 for BEIR and MS MARCO-style sets"),
           tr("Several models on one set in one table, query by query comparison"),
           tr("With and without the query instruction, and re-ranking with a cross-encoder")},
          QStringLiteral("embedlab-cli eval --model MODEL --data dev")),
      tr("Evaluation"));
  tabs_->addTab(
      new PlaceholderPanel(
          tr("Thresholds"),
          tr("Choose the similarity above which two texts count as similar, from your labelled "
             "pairs rather than from a guess like 0.5."),
          {tr("Score distributions of similar and dissimilar pairs"),
           tr("Precision, recall and F1 over the threshold; the best-F1 threshold and the lowest "
              "one reaching a target precision, fitted on one half and reported on the other")},
          QStringLiteral("embedlab-cli threshold --model MODEL --pairs pairs.jsonl")),
      tr("Thresholds"));
  history_ = new widgets::HistoryPanel;
  tabs_->addTab(history_, tr("History"));
  setCentralWidget(tabs_);

  auto* environment = new QLabel(environmentLine);
  environment->setTextInteractionFlags(Qt::TextSelectableByMouse);
  statusBar()->addPermanentWidget(environment);
  if (!environmentWarning.isEmpty()) {
    auto* warning = new QLabel(tr("Slow BLAS: see tooltip"));
    warning->setStyleSheet(QStringLiteral("color: #c02020; font-weight: bold;"));
    warning->setToolTip(environmentWarning);
    statusBar()->addWidget(warning);
  }
  createMenus();

  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open Workspace..."), this, &MainWindow::chooseWorkspace);
  open->setShortcut(QKeySequence::Open);
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  updateRecentMenu();
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  quit->setMenuRole(QAction::QuitRole);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  QAction* about = help->addAction(tr("&About EmbedLab"), this, [this] { showAboutDialog(this); });
  about->setMenuRole(QAction::AboutRole);
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::openWorkspace(const QString& folder) {
  workspace_ = folder;
  setWindowTitle(tr("%1 - EmbedLab").arg(QDir(folder).dirName()));
  try {
    datasets_->setWorkspace(folder.toStdString());
  } catch (const std::exception& error) {
    QMessageBox::warning(this, tr("Cannot open workspace"),
                         tr("%1 cannot be opened as a workspace:\n%2")
                             .arg(folder, QString::fromStdString(error.what())));
    return;
  }
  history_->setDatabase(store::History::resolvePath({}, folder.toStdString()));
  QSettings settings;
  settings.setValue(QStringLiteral("workspace/last"), folder);
  QStringList recent = settings.value(QStringLiteral("workspace/recent")).toStringList();
  recent.removeAll(folder);
  recent.prepend(folder);
  while (recent.size() > kRecentWorkspaces)
    recent.removeLast();
  settings.setValue(QStringLiteral("workspace/recent"), recent);
  updateRecentMenu();
}

QStringList MainWindow::recentWorkspaces() {
  return QSettings().value(QStringLiteral("workspace/recent")).toStringList();
}

void MainWindow::updateRecentMenu() {
  if (recentMenu_ == nullptr) return;
  recentMenu_->clear();
  const QStringList recent = recentWorkspaces();
  for (int i = 0; i < recent.size(); ++i) {
    const QString folder = recent[i];
    QAction* action = recentMenu_->addAction(
        QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(folder)), this,
        [this, folder] { openWorkspace(folder); });
    action->setEnabled(QDir(folder).exists());
  }
  if (!recent.isEmpty()) recentMenu_->addSeparator();
  QAction* clear = recentMenu_->addAction(tr("&Clear List"), this, [this] {
    QSettings().remove(QStringLiteral("workspace/recent"));
    updateRecentMenu();
  });
  clear->setEnabled(!recent.isEmpty());
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
  const auto index = static_cast<int>(panelNames().indexOf(name.toLower()));
  if (index < 0) {
    return false;
  }
  tabs_->setCurrentIndex(index);
  return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
  event->accept();
}

}  // namespace embedlab::gui

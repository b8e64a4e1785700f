// The EmbedLab main window: one tab per panel (Datasets, Mining, Training, Evaluation,
// Thresholds, History), menus (recent workspaces and files, Preferences), and a status bar with
// the compute environment; every text follows a language change. It only assembles
// panels from widgets/; the panels do the work.
#pragma once

#include <QMainWindow>
#include <QString>
#include <filesystem>
#include <functional>

#include "widgets/translations.h"

class QLabel;
class QMenu;
class QTabWidget;

namespace embedlab::widgets {
class DatasetsPanel;
class HistoryPanel;
class EvaluationPanel;
class MiningPanel;
class ThresholdsPanel;
class TrainingPanel;
}  // namespace embedlab::widgets

namespace embedlab::gui {

class GuidedDemo;
enum class HelpTopic;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  /// `environmentLine` is shown in the status bar; `environmentWarning`, when not empty, is shown
  /// there in red (e.g. the slow reference BLAS is active).
  MainWindow(const QString& environmentLine, const QString& environmentWarning,
             QWidget* parent = nullptr);

  /// Opens `folder` as the workspace (remembered for the next start).
  void openWorkspace(const QString& folder);
  QString workspace() const { return workspace_; }

  /// Selects a panel by its name ("datasets", "mining", "training", "evaluation", "thresholds",
  /// "history"), and a view of the Datasets panel after a slash ("datasets/records",
  /// "datasets/statistics"); returns false for an unknown name.
  bool showPanel(const QString& name);
  static QStringList panelNames();
  /// What the demo does with a train.mined.jsonl the workspace has already: ask the user,
  /// replace it, or keep it and mine into train.demo-mined.jsonl.
  enum class ExistingMinedFile { Ask, Replace, KeepBeside };
  /// Runs the demo in the panels on the open workspace (see guided_demo.h), capturing each panel
  /// into `screenshotFolder` when one is given. Returns the demo, whose finished() says how it
  /// ended (a problem with the workspace too); null when a demo is already going or the user
  /// cancelled.
  /// With `pretrain`, the demo pre-trains the base model first.
  GuidedDemo* runDemo(const QString& screenshotFolder = {},
                      ExistingMinedFile existing = ExistingMinedFile::Ask, bool pretrain = false);
  /// Opens one data file (inside the workspace or not) in the Datasets panel (remembered).
  void openDataFile(const QString& file);

  /// Workspaces and data files opened before, most recent first (at most kRecentWorkspaces each).
  static QStringList recentWorkspaces();
  static QStringList recentFiles();
  static constexpr int kRecentWorkspaces = 8;

  widgets::DatasetsPanel* datasetsPanel() const { return datasets_; }
  widgets::HistoryPanel* historyPanel() const { return history_; }
  widgets::MiningPanel* miningPanel() const { return mining_; }
  widgets::TrainingPanel* trainingPanel() const { return training_; }
  widgets::EvaluationPanel* evaluationPanel() const { return evaluation_; }
  widgets::ThresholdsPanel* thresholdsPanel() const { return thresholds_; }

 protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void createMenus();
  void chooseWorkspace();
  void chooseDataFile();
  void showPreferences();
  void rememberRecent(const QString& key, const QString& path);
  void updateRecentMenus();
  void showHelp(HelpTopic topic);
  ExistingMinedFile askAboutMinedFile(const std::filesystem::path& file);

  widgets::Translations translations_;
  QTabWidget* tabs_ = nullptr;
  QMenu* recentMenu_ = nullptr;  ///< workspaces, then data files
  widgets::DatasetsPanel* datasets_ = nullptr;
  widgets::HistoryPanel* history_ = nullptr;
  widgets::MiningPanel* mining_ = nullptr;
  widgets::TrainingPanel* training_ = nullptr;
  widgets::EvaluationPanel* evaluation_ = nullptr;
  widgets::ThresholdsPanel* thresholds_ = nullptr;
  QString workspace_;
  GuidedDemo* demo_ = nullptr;
};

}  // namespace embedlab::gui

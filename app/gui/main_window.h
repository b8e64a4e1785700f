// The EmbedLab main window: one tab per panel (Datasets, Mining, Training, Evaluation,
// Thresholds, History), menus, and a status bar with the compute environment. It only assembles
// panels from widgets/; the panels do the work.
#pragma once

#include <QMainWindow>
#include <QString>

class QLabel;
class QMenu;
class QTabWidget;

namespace embedlab::widgets {
class DatasetsPanel;
class HistoryPanel;
}  // namespace embedlab::widgets

namespace embedlab::gui {

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
  /// "history"); returns false for an unknown name.
  bool showPanel(const QString& name);
  static QStringList panelNames();
  /// Workspaces opened before, most recent first (at most kRecentWorkspaces).
  static QStringList recentWorkspaces();
  static constexpr int kRecentWorkspaces = 8;

  widgets::DatasetsPanel* datasetsPanel() const { return datasets_; }
  widgets::HistoryPanel* historyPanel() const { return history_; }

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createMenus();
  void chooseWorkspace();
  void updateRecentMenu();

  QTabWidget* tabs_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  widgets::DatasetsPanel* datasets_ = nullptr;
  widgets::HistoryPanel* history_ = nullptr;
  QString workspace_;
};

}  // namespace embedlab::gui

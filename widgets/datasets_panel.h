// The Datasets panel: the workspace's data files and evaluation folders, each validated in the
// background (progress bar, Cancel), with the selected dataset's problems in a table and its
// summary beside them, its records in a browser (first lines at once, the whole file once
// indexed; clicking a problem shows its line there), and its statistics in tokens.
#pragma once

#include <QWidget>
#include <filesystem>
#include <map>
#include <vector>

#include "core/data/dataset_discovery.h"
#include "widgets/translations.h"
#include "widgets/validation_runner.h"

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace embedlab::widgets {

class LengthHistogram;
class RecordBrowser;
class TokenStatisticsView;

class DatasetsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit DatasetsPanel(QWidget* parent = nullptr);

  /// Lists the datasets of `workspace` and validates them one after another.
  void setWorkspace(const std::filesystem::path& workspace);
  /// Adds one data file (from anywhere) to the list, selects and validates it; a file already
  /// listed is selected.
  void openFile(const std::filesystem::path& file);

  /// Number of datasets listed, and how many have been validated so far.
  int datasetCount() const;
  int validatedCount() const;
  /// The record browser of the selected dataset (tests).
  RecordBrowser* records() const { return records_; }
  /// The Statistics tab (tests).
  TokenStatisticsView* statistics() const { return statistics_; }
  QTabWidget* views() const { return views_; }
  /// Shows the view named "problems", "records" or "statistics"; false for another name.
  bool showView(const QString& name);
  /// Shows the Records tab at the line of the problem in `row` of the problems table.
  void showProblemLine(int row);

 signals:
  /// Every dataset of the workspace has been validated (or validation was cancelled).
  void allValidated();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void validateNext();
  void onValidated(const ValidationOutcome& outcome);
  void showDataset(int row);
  void updateRowStatus(int row);
  void browseFile(const std::filesystem::path& file);

  Translations translations_;
  std::vector<DatasetEntry> entries_;
  std::map<int, ValidationOutcome> outcomes_;  // by row
  int validating_ = -1;
  ValidationRunner runner_;

  QListWidget* list_ = nullptr;
  QLabel* title_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QTableWidget* problems_ = nullptr;
  QPlainTextEdit* summary_ = nullptr;
  LengthHistogram* lengths_ = nullptr;
  QTabWidget* views_ = nullptr;
  RecordBrowser* records_ = nullptr;
  TokenStatisticsView* statistics_ = nullptr;
  std::filesystem::path browsed_;
};

}  // namespace embedlab::widgets

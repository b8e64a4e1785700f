// The Datasets panel: the workspace's data files and evaluation folders, each validated in the
// background (progress bar, Cancel), with the selected dataset's problems in a table and its
// summary beside them, and its records in a browser (first lines at once, the whole file once
// indexed); clicking a problem shows its line there.
#pragma once

#include <QWidget>
#include <filesystem>
#include <map>
#include <vector>

#include "core/data/dataset_discovery.h"
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

class DatasetsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit DatasetsPanel(QWidget* parent = nullptr);

  /// Lists the datasets of `workspace` and validates them one after another.
  void setWorkspace(const std::filesystem::path& workspace);

  /// Number of datasets listed, and how many have been validated so far.
  int datasetCount() const;
  int validatedCount() const;
  /// The record browser of the selected dataset (tests).
  RecordBrowser* records() const { return records_; }
  /// Shows the Records tab at the line of the problem in `row` of the problems table.
  void showProblemLine(int row);

 signals:
  /// Every dataset of the workspace has been validated (or validation was cancelled).
  void allValidated();

 private:
  void validateNext();
  void onValidated(const ValidationOutcome& outcome);
  void showDataset(int row);
  void updateRowStatus(int row);
  void browseFile(const std::filesystem::path& file);

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
  std::filesystem::path browsed_;
};

}  // namespace embedlab::widgets

// The History panel: every run of the history database in a sortable, filterable table (tags and
// notes edited in place) that follows the database live while jobs write to it; select two runs
// or more and Compare shows them side by side (options, final metrics, overlaid curves). Delete
// asks first and removes a run's files only when asked to.
#pragma once

#include "widgets/translations.h"

#include <QString>
#include <QWidget>
#include <filesystem>
#include <memory>

#include "core/store/history.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace embedlab::widgets {

class RunComparisonView;
class RunTableModel;

class HistoryPanel : public QWidget {
  Q_OBJECT

 public:
  explicit HistoryPanel(QWidget* parent = nullptr);
  ~HistoryPanel() override;

  /// Opens (creating it when missing) the history database at `database`.
  void setDatabase(const std::filesystem::path& database);
  QString databasePath() const;

  /// Re-reads the database now (the panel also does it when the file changes).
  void refresh();
  /// Selects the runs with these ids and compares them (tests, and the CLI-like workflow).
  void compareRuns(const std::vector<std::int64_t>& ids);

  // For tests.
  QTableView* table() const { return table_; }
  RunTableModel* model() const { return model_; }
  QSortFilterProxyModel* filter() const { return filter_; }
  QLineEdit* searchField() const { return search_; }
  QComboBox* kindFilter() const { return kind_; }
  RunComparisonView* comparison() const { return comparison_; }

 protected:
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  Translations translations_;
  void compareSelected();
  void deleteSelected();
  void applyFilter();
  void updateButtons();
  void fitColumns();
  void watchForChanges();
  std::vector<std::int64_t> selectedIds() const;

  std::unique_ptr<store::History> history_;
  RunTableModel* model_ = nullptr;
  QSortFilterProxyModel* filter_ = nullptr;
  QTableView* table_ = nullptr;
  QLineEdit* search_ = nullptr;
  QComboBox* kind_ = nullptr;
  QComboBox* status_ = nullptr;
  QPushButton* compare_ = nullptr;
  QPushButton* delete_ = nullptr;
  QLabel* database_ = nullptr;
  RunComparisonView* comparison_ = nullptr;
  QTimer* watch_ = nullptr;
  QString fileState_;           // of the database files, to notice writes
  bool columnsFitted_ = false;  // to the table's width, at its first showing
};

}  // namespace embedlab::widgets

// The dataset browser's record view: a file's lines in a table (the first ones at once, all of
// them once the line index is built in the background, with a progress bar and Cancel) and the
// selected record in full beside it: the query, each positive and negative, and the raw JSON.
// Search (substring or regular expression over queries, positives and negatives, or only the
// invalid lines; query and passage length ranges) runs in the background too, and the table then
// shows the matching lines.
#pragma once

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>
#include <filesystem>
#include <memory>

#include "core/common/progress.h"
#include "core/data/line_index.h"
#include "widgets/record_table_model.h"
#include "widgets/translations.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace embedlab::widgets {

class RecordTableModel;

class RecordBrowser : public QWidget {
  Q_OBJECT

 public:
  explicit RecordBrowser(QWidget* parent = nullptr);
  ~RecordBrowser() override;

  /// Shows `file`'s first lines now and indexes it in the background.
  void open(const std::filesystem::path& file);
  void clear();
  /// Selects 1-based `line` (once the index is ready when the line is past the preview).
  void goToLine(std::uint64_t line);

  /// Searches the whole file in the background (once indexed); an empty query shows all lines.
  void search(const RecordQuery& query);

  bool indexing() const { return watcher_.isRunning(); }
  bool searching() const { return searchWatcher_.isRunning(); }
  RecordTableModel* model() const { return model_; }
  QTableView* table() const { return table_; }
  QLabel* status() const { return status_; }
  QPlainTextEdit* detail() const { return detail_; }

 signals:
  /// The whole file can be browsed.
  void indexed();
  /// A search finished (the table shows its matches).
  void searched(int matches);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Indexing {
    std::unique_ptr<IndexedLineFile> file;
    QString error;
  };

  void onIndexed();
  /// The model has shown every row: go to the line asked for meanwhile, say the file is indexed.
  void onAllRowsShown();
  void onSearched();
  void startSearch();
  void showRecord(int row);
  void cancelIndexing();

  Translations translations_;
  std::filesystem::path path_;
  std::uint64_t pendingLine_ = 0;
  int selectedBeforeIndexing_ = -1;  ///< the preview's selected row, selected again once indexed
  bool announceIndexed_ = false;     ///< indexed() is due when the model has shown every row
  std::shared_ptr<PercentProgress> progressState_;
  std::shared_ptr<CancellationToken> cancel_;
  QFutureWatcher<std::shared_ptr<Indexing>> watcher_;
  struct Matches {
    std::vector<std::uint64_t> lines;
    QString error;
  };
  QFutureWatcher<std::shared_ptr<Matches>> searchWatcher_;
  QTimer poll_;

  RecordTableModel* model_ = nullptr;
  QTableView* table_ = nullptr;
  QPlainTextEdit* detail_ = nullptr;
  QLabel* status_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QLineEdit* searchText_ = nullptr;
  QCheckBox* regex_ = nullptr;
  QCheckBox* invalidOnly_ = nullptr;
  QPushButton* searchButton_ = nullptr;
  QSpinBox* queryMinLength_ = nullptr;
  QSpinBox* queryMaxLength_ = nullptr;
  QSpinBox* passageMinLength_ = nullptr;
  QSpinBox* passageMaxLength_ = nullptr;
};

}  // namespace embedlab::widgets

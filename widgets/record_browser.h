// The dataset browser's record view: a file's lines in a table (the first ones at once, all of
// them once the line index is built in the background, with a progress bar and Cancel) and the
// selected record in full beside it: the query, each positive and negative, and the raw JSON.
#pragma once

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>
#include <atomic>
#include <filesystem>
#include <memory>

#include "core/common/progress.h"
#include "core/data/line_index.h"

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
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

  bool indexing() const { return watcher_.isRunning(); }
  RecordTableModel* model() const { return model_; }
  QTableView* table() const { return table_; }
  QPlainTextEdit* detail() const { return detail_; }

 signals:
  /// The whole file can be browsed.
  void indexed();

 private:
  class AtomicProgress : public ProgressObserver {
   public:
    void onProgress(std::uint64_t done, std::uint64_t total, std::string_view) override {
      if (total > 0) percent_.store(static_cast<int>(100 * done / total));
    }
    int percent() const { return percent_.load(); }

   private:
    std::atomic<int> percent_{0};
  };
  struct Indexing {
    std::unique_ptr<IndexedLineFile> file;
    QString error;
  };

  void onIndexed();
  void showRecord(int row);
  void cancelIndexing();

  std::filesystem::path path_;
  std::uint64_t pendingLine_ = 0;
  std::shared_ptr<AtomicProgress> progressState_;
  std::shared_ptr<CancellationToken> cancel_;
  QFutureWatcher<std::shared_ptr<Indexing>> watcher_;
  QTimer poll_;

  RecordTableModel* model_ = nullptr;
  QTableView* table_ = nullptr;
  QPlainTextEdit* detail_ = nullptr;
  QLabel* status_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
};

}  // namespace embedlab::widgets

// The rows of one JSONL data file for the dataset browser, read lazily: the model holds the file's
// line index (8 bytes per line) and parses only the pages of lines the view shows, keeping the
// most recent pages, so a multi-GB file scrolls smoothly in little memory. Until the index is
// ready, the first lines, read straight from the file, are shown at once. The views learn of a
// large file's (or search's) rows in steps of kRowsPerStep from the event loop: Qt's views do
// work per row (QHeaderView keeps an item per row), 86 ms of the UI thread for 3.8 million rows
// at once, 5 ms per step of 100 000 (the header's own reallocations, ~45 ms at 2 million rows,
// are then the longest stop).
#pragma once

#include <QAbstractTableModel>
#include <QRegularExpression>
#include <QString>
#include <QTimer>
#include <deque>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/data/line_index.h"

namespace embedlab::widgets {

/// What the table shows of one line.
struct RecordRow {
  std::uint64_t line = 0;  ///< 1-based
  QString text;            ///< "query", else "text", else "_id"/"query-id" fields; the raw line
  int positives = -1;      ///< -1 when the record has no "pos"
  int negatives = -1;
  int length = 0;           ///< characters of the text
  int longestPassage = -1;  ///< characters of the longest positive or negative; -1: none
  bool invalid = false;
  std::string raw;  ///< the line as it is in the file
};

/// Parses one line into a row (never throws: an invalid line is a row marked invalid).
RecordRow parseRecordRow(std::uint64_t line, std::string raw);

/// An inclusive range of lengths in characters (code points); the default admits any length.
struct LengthRange {
  std::uint64_t min = 0;
  std::uint64_t max = UINT64_MAX;
  bool limits() const { return min > 0 || max != UINT64_MAX; }
  bool contains(std::uint64_t length) const { return length >= min && length <= max; }
};

/// What the browser's search looks for in each line.
struct RecordQuery {
  QString text;  ///< substring (case-insensitive) or regular expression; empty: any
  bool regex = false;
  bool invalidOnly = false;   ///< only lines that are not a JSON object
  LengthRange queryLength;    ///< of the query (pool and corpus files: of the text)
  LengthRange passageLength;  ///< of at least one positive or negative
  /// True when every line matches (the browser then shows the whole file).
  bool matchesEverything() const {
    return text.isEmpty() && !invalidOnly && !queryLength.limits() && !passageLength.limits();
  }
};

/// Whether a raw line matches: the text is sought in the query/text, each positive and each
/// negative (decoded, so escapes and non-ASCII match as people type them), and the lengths are
/// checked (an invalid line has none, so it fails any length range). Throws UsageError for an
/// invalid regular expression.
class RecordMatcher {
 public:
  explicit RecordMatcher(const RecordQuery& query);
  bool matches(std::string_view raw) const;

 private:
  bool matchesText(const std::string& text) const;
  RecordQuery query_;
  QRegularExpression pattern_;
  std::string lowered_;
};

class RecordTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Line, Text, Positives, Negatives, Length, LongestPassage };
  static constexpr int kColumns = 6;

  explicit RecordTableModel(QObject* parent = nullptr);

  /// Shows the first lines of `path` (read at once) until setIndexedFile() is called.
  void setPreview(const std::filesystem::path& path, std::size_t lines = 200);
  /// Shows every line of `file` (the model takes it).
  void setIndexedFile(std::unique_ptr<IndexedLineFile> file);
  void clear();
  /// Shows only these 0-based lines (the search's matches), in this order.
  void setFilter(std::vector<std::uint64_t> lines);
  void clearFilter();
  bool filtered() const { return filter_.has_value(); }
  bool indexed() const { return file_ != nullptr; }
  /// Lines of the file (of the preview before it is indexed), whatever the filter.
  int lineCount() const;
  /// Rows of the file (or of the filter), including those not yet shown to the views.
  int totalRows() const;
  /// Whether rowCount() has reached totalRows(); allRowsShown() says when it does.
  bool showingAllRows() const { return shown_ == totalRows(); }
  /// Tells the views that the header texts changed (after a language change).
  void retranslate() { emit headerDataChanged(Qt::Horizontal, 0, kColumns - 1); }
  /// The row at 0-based `row` (read and parsed when it is not cached).
  const RecordRow& record(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 signals:
  /// Every row of the file or filter is now in rowCount(), after a reset too large to show at once
  /// (its last step, or a later reset that replaced it and showed everything).
  void allRowsShown();

 private:
  struct Page {
    std::uint64_t first = 0;
    std::vector<RecordRow> rows;
  };
  /// Ends a reset: shows up to kRowsPerStep rows now and the rest from the event loop.
  void endResetShowingRows();
  /// Appends the next kRowsPerStep rows to the views (a timer's tick).
  void showMoreRows();

  static constexpr int kRowsPerStep = 100'000;
  static constexpr std::uint64_t kPageLines = 256;
  static constexpr std::size_t kPagesKept = 64;

  std::vector<RecordRow> preview_;
  std::optional<std::vector<std::uint64_t>> filter_;  // rows -> 0-based lines
  std::unique_ptr<IndexedLineFile> file_;
  mutable std::deque<Page> pages_;  // most recently used first
  RecordRow failed_;                // shown when a page cannot be read (the file changed)
  int shown_ = 0;                   // rowCount(): the rows the views know of
  QTimer showMore_;                 // appends rows until shown_ == totalRows()
};

}  // namespace embedlab::widgets

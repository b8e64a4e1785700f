// The History panel's table: one row per run of the history database, newest first, with its
// kind, name, status, start, duration, key options and key metrics; tags (comma-separated) and
// notes are edited in place and written straight back. reload() re-reads the database and keeps
// the table as it is when nothing changed, so a timer can call it while a job writes.
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <memory>
#include <vector>

#include "core/store/history.h"

namespace embedlab::widgets {

class RunTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Id, Kind, Name, Status, Started, Duration, KeyOptions, KeyMetrics, Tags, Notes };
  static constexpr int kColumns = 10;

  explicit RunTableModel(QObject* parent = nullptr);
  ~RunTableModel() override;

  /// Shows the runs of `history` (nullptr: none); the model does not own it.
  void setHistory(store::History* history);
  /// Re-reads the runs; returns true when something changed.
  bool reload();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

  const store::Run& run(int row) const { return rows_[static_cast<std::size_t>(row)].run; }
  /// The row of run `id`, -1 when it is not listed.
  int rowOf(std::int64_t id) const;

 signals:
  /// Writing a tag or note failed (the message says why).
  void editFailed(const QString& message);

 public:
  /// Tells the views that the header texts changed (after a language change).
  void retranslate() { emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1); }

 private:
  struct Row {
    store::Run run;
    QString keyOptions;
    QString keyMetrics;
  };
  Row makeRow(store::Run run) const;

  store::History* history_ = nullptr;
  std::vector<Row> rows_;
  std::string signature_;  // what reload() compares to tell a change
};

}  // namespace embedlab::widgets

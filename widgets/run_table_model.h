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
  /// A run status as the interface says it (translated).
  static QString statusText(store::RunStatus status);
  /// Kind and Status cells under this role: the history's own names ("train", "stopped"), for
  /// filters that must not depend on the interface's language.
  static constexpr int kRawRole = Qt::UserRole + 1;
  /// The row of run `id`, -1 when it is not listed.
  int rowOf(std::int64_t id) const;

 signals:
  /// Writing a tag or note failed (the message says why).
  void editFailed(const QString& message);

 public:
  /// After a language change: the header, the statuses and the key metrics in the new language.
  void retranslate();

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

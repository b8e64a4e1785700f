#include "widgets/history_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "widgets/run_comparison_view.h"
#include "widgets/run_table_model.h"

namespace embedlab::widgets {

namespace {

// Matches the search text against name, kind, tags, notes and key options; the kind and status
// combos narrow further.
class RunFilter : public QSortFilterProxyModel {
 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void setCriteria(const QString& text, const QString& kind, const QString& status) {
    text_ = text;
    kind_ = kind;
    status_ = status;
    invalidateFilter();
  }

 protected:
  bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
    const auto cell = [&](int column, int role = Qt::DisplayRole) {
      return sourceModel()->index(row, column, parent).data(role).toString();
    };
    if (!kind_.isEmpty() && cell(RunTableModel::Kind, RunTableModel::kRawRole) != kind_)
      return false;
    if (!status_.isEmpty() && cell(RunTableModel::Status, RunTableModel::kRawRole) != status_)
      return false;
    if (text_.isEmpty()) return true;
    for (const int column : {RunTableModel::Name, RunTableModel::Kind, RunTableModel::Tags,
                             RunTableModel::Notes, RunTableModel::KeyOptions, RunTableModel::Id}) {
      if (cell(column).contains(text_, Qt::CaseInsensitive)) return true;
    }
    return false;
  }

 private:
  QString text_, kind_, status_;
};

// What changes when anyone writes to a database: the size and modification time of the file and
// of its write-ahead log.
QString fileState(const QString& database) {
  QString state;
  for (const QString& file : {database, database + QStringLiteral("-wal")}) {
    const QFileInfo info(file);
    state += QStringLiteral("%1:%2;")
                 .arg(info.size())
                 .arg(info.exists() ? info.lastModified().toMSecsSinceEpoch() : 0);
  }
  return state;
}

}  // namespace

HistoryPanel::HistoryPanel(QWidget* parent) : QWidget(parent) {
  model_ = new RunTableModel(this);
  filter_ = new RunFilter(this);
  filter_->setSourceModel(model_);
  filter_->setSortRole(Qt::UserRole);
  connect(model_, &RunTableModel::editFailed, this,
          [this](const QString& message) { QMessageBox::warning(this, tr("Not saved"), message); });

  search_ = new QLineEdit;
  search_->setClearButtonEnabled(true);
  kind_ = new QComboBox;
  kind_->addItem(QString(), QString());  // "All kinds", set with the other texts
  for (const store::RunKind kind : store::kRunKinds) {
    const QString name = QString::fromLatin1(store::runKindName(kind));
    kind_->addItem(name, name);
  }
  status_ = new QComboBox;
  status_->addItem(QString(), QString());  // "Any status"
  for (const store::RunStatus status :
       {store::RunStatus::Running, store::RunStatus::Finished, store::RunStatus::Failed,
        store::RunStatus::Stopped, store::RunStatus::Interrupted}) {
    status_->addItem(QString(), QString::fromStdString(std::string(runStatusName(status))));
  }
  connect(search_, &QLineEdit::textChanged, this, &HistoryPanel::applyFilter);
  connect(kind_, &QComboBox::currentIndexChanged, this, &HistoryPanel::applyFilter);
  connect(status_, &QComboBox::currentIndexChanged, this, &HistoryPanel::applyFilter);

  compare_ = new QPushButton;
  delete_ = new QPushButton;
  connect(compare_, &QPushButton::clicked, this, &HistoryPanel::compareSelected);
  connect(delete_, &QPushButton::clicked, this, &HistoryPanel::deleteSelected);

  table_ = new QTableView;
  table_->setModel(filter_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(RunTableModel::Started, Qt::DescendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  // The short columns follow their contents as runs arrive (a threshold run's kind was cut to
  // "thres..." when the table had been sized before it existed); the long ones keep the user's
  // widths.
  for (const int column : {RunTableModel::Id, RunTableModel::Kind, RunTableModel::Status,
                           RunTableModel::Started, RunTableModel::Duration}) {
    table_->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
  }
  table_->setAlternatingRowColors(true);
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &HistoryPanel::updateButtons);

  database_ = new QLabel;
  database_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  database_->setStyleSheet(QStringLiteral("color: #666;"));
  comparison_ = new RunComparisonView;

  auto* controls = new QHBoxLayout;
  controls->addWidget(search_, 1);
  controls->addWidget(kind_);
  controls->addWidget(status_);
  controls->addWidget(compare_);
  controls->addWidget(delete_);
  auto* top = new QWidget;
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  topLayout->addLayout(controls);
  topLayout->addWidget(table_, 1);
  topLayout->addWidget(database_);
  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->addWidget(top);
  splitter->addWidget(comparison_);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter);

  translations_.add([this] {
    search_->setPlaceholderText(tr("Search names, tags, notes, options..."));
    kind_->setItemText(0, tr("All kinds"));
    status_->setItemText(0, tr("Any status"));
    for (int i = 1; i < status_->count(); ++i) {
      const auto status = store::parseRunStatus(status_->itemData(i).toString().toStdString());
      if (status) status_->setItemText(i, RunTableModel::statusText(*status));
    }
    compare_->setText(tr("Compare"));
    compare_->setToolTip(tr("Select two runs or more (Ctrl+click) to compare them"));
    delete_->setText(tr("Delete..."));
    model_->retranslate();
  });

  watch_ = new QTimer(this);
  watch_->setInterval(1000);
  connect(watch_, &QTimer::timeout, this, &HistoryPanel::watchForChanges);
  updateButtons();
}

void HistoryPanel::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

HistoryPanel::~HistoryPanel() {
  model_->setHistory(nullptr);
}

void HistoryPanel::setDatabase(const std::filesystem::path& database) {
  model_->setHistory(nullptr);
  comparison_->clear();
  history_.reset();
  try {
    history_ = std::make_unique<store::History>(database);
  } catch (const std::exception& error) {
    database_->setText(tr("History unavailable: %1").arg(QString::fromStdString(error.what())));
    watch_->stop();
    return;
  }
  database_->setText(tr("History database: %1").arg(QString::fromStdString(database.string())));
  model_->setHistory(history_.get());
  if (isVisible()) fitColumns();
  fileState_ = fileState(databasePath());
  watch_->start();
}

void HistoryPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (!columnsFitted_) {
    columnsFitted_ = true;
    fitColumns();
  }
}

void HistoryPanel::fitColumns() {
  table_->resizeColumnsToContents();
  // A long name or option list must not push the key metrics out of sight (at 1024 pixels the
  // metrics started past the edge): each long column gets at most a share of the width, and
  // elides; its tooltip has the whole text.
  const int width = table_->viewport()->width();
  const std::pair<int, double> shares[] = {{RunTableModel::Name, 0.22},
                                           {RunTableModel::KeyOptions, 0.2},
                                           {RunTableModel::KeyMetrics, 0.3}};
  for (const auto& [column, share] : shares) {
    const int most = std::max(120, static_cast<int>(width * share));
    if (table_->columnWidth(column) > most) table_->setColumnWidth(column, most);
  }
}

QString HistoryPanel::databasePath() const {
  return history_ ? QString::fromStdString(history_->path().string()) : QString();
}

void HistoryPanel::refresh() {
  if (!history_) return;
  const std::vector<std::int64_t> selected = selectedIds();
  try {
    history_->markInterruptedRuns();
    if (!model_->reload()) return;
  } catch (const std::exception& error) {
    database_->setText(tr("History unavailable: %1").arg(QString::fromStdString(error.what())));
    return;
  }
  // Keep the selection across the reload.
  QItemSelection selection;
  for (const std::int64_t id : selected) {
    const int row = model_->rowOf(id);
    if (row < 0) continue;
    const QModelIndex index = filter_->mapFromSource(model_->index(row, 0));
    if (index.isValid()) selection.select(index, index);
  }
  table_->selectionModel()->select(selection,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void HistoryPanel::watchForChanges() {
  const QString state = fileState(databasePath());
  if (state == fileState_) return;
  fileState_ = state;
  refresh();
}

void HistoryPanel::applyFilter() {
  static_cast<RunFilter*>(filter_)->setCriteria(search_->text(), kind_->currentData().toString(),
                                                status_->currentData().toString());
}

std::vector<std::int64_t> HistoryPanel::selectedIds() const {
  std::vector<std::int64_t> ids;
  for (const QModelIndex& index : table_->selectionModel()->selectedRows())
    ids.push_back(model_->run(filter_->mapToSource(index).row()).id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

void HistoryPanel::updateButtons() {
  const std::size_t selected = table_->selectionModel()->selectedRows().size();
  compare_->setEnabled(selected >= 2);
  delete_->setEnabled(selected >= 1);
}

void HistoryPanel::compareRuns(const std::vector<std::int64_t>& ids) {
  if (!history_) return;
  std::vector<store::Run> runs;
  for (const std::int64_t id : ids) {
    if (auto run = history_->findRun(id)) runs.push_back(std::move(*run));
  }
  comparison_->compare(*history_, runs);
}

void HistoryPanel::compareSelected() {
  compareRuns(selectedIds());
}

void HistoryPanel::deleteSelected() {
  const std::vector<std::int64_t> ids = selectedIds();
  if (ids.empty() || !history_) return;
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Delete runs"));
  auto* layout = new QVBoxLayout(&dialog);
  layout->addWidget(new QLabel(
      tr("Delete %n run(s) from the history? Their metrics, results and notes go with them.", "",
         static_cast<int>(ids.size()))));
  auto* withFiles = new QCheckBox(tr("Also delete their output files and run folders"));
  layout->addWidget(withFiles);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Yes | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  layout->addWidget(buttons);
  if (dialog.exec() != QDialog::Accepted) return;
  QStringList problems;
  for (const std::int64_t id : ids) {
    try {
      const store::Run run = history_->run(id);
      history_->deleteRun(id);
      if (withFiles->isChecked() && !run.outputPath.empty()) {
        const QFileInfo output(QString::fromStdString(run.outputPath));
        const bool runFolder =
            output.isDir() && (QFileInfo::exists(output.filePath() + "/training_options.json") ||
                               QFileInfo::exists(output.filePath() + "/metrics.jsonl"));
        if (output.isFile()) {
          QFile::remove(output.filePath());
        } else if (runFolder) {
          QDir(output.filePath()).removeRecursively();
        } else if (output.exists()) {
          problems << tr("%1 kept: it does not look like a run folder").arg(output.filePath());
        }
      }
    } catch (const std::exception& error) {
      problems << QString::fromStdString(error.what());
    }
  }
  comparison_->clear();
  refresh();
  if (!problems.isEmpty()) QMessageBox::information(this, tr("Delete runs"), problems.join('\n'));
}

}  // namespace embedlab::widgets

#include "widgets/record_browser.h"

#include <QtConcurrent/QtConcurrentRun>

#include <QCheckBox>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/data/line_reader.h"
#include "widgets/record_table_model.h"

namespace embedlab::widgets {

namespace {

// The record as people read it: each field on its own, the lists numbered, then the raw line.
QString describeRecord(const RecordRow& row) {
  QString text;
  // ordered_json: the fields in the file's order (query, pos, neg, ...), not sorted.
  const nlohmann::ordered_json record = nlohmann::ordered_json::parse(row.raw, nullptr, false);
  if (record.is_object()) {
    for (const auto& [key, value] : record.items()) {
      if (value.is_array()) {
        int n = 0;
        for (const auto& item : value) {
          text += QStringLiteral("%1 [%2]:\n  %3\n\n")
                      .arg(QString::fromStdString(key))
                      .arg(++n)
                      .arg(QString::fromStdString(item.is_string() ? item.get<std::string>()
                                                                   : item.dump()));
        }
        if (value.empty())
          text += QStringLiteral("%1: (empty)\n\n").arg(QString::fromStdString(key));
      } else {
        text += QStringLiteral("%1:\n  %2\n\n")
                    .arg(QString::fromStdString(key))
                    .arg(QString::fromStdString(value.is_string() ? value.get<std::string>()
                                                                  : value.dump()));
      }
    }
  }
  text += RecordBrowser::tr("raw line %1:\n%2").arg(row.line).arg(QString::fromStdString(row.raw));
  return text;
}

}  // namespace

RecordBrowser::RecordBrowser(QWidget* parent) : QWidget(parent) {
  model_ = new RecordTableModel(this);
  table_ = new QTableView;
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->hide();
  table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);  // no per-row measuring
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
  table_->horizontalHeader()->setSectionResizeMode(RecordTableModel::Text, QHeaderView::Stretch);
  table_->setWordWrap(false);
  detail_ = new QPlainTextEdit;
  detail_->setReadOnly(true);
  status_ = new QLabel;
  progress_ = new QProgressBar;
  progress_->setRange(0, 100);
  cancelButton_ = new QPushButton;
  connect(cancelButton_, &QPushButton::clicked, this, &RecordBrowser::cancelIndexing);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) { showRecord(current.row()); });
  poll_.setInterval(100);
  connect(&poll_, &QTimer::timeout, this, [this] {
    if (progressState_) progress_->setValue(progressState_->percent());
  });
  connect(&watcher_, &QFutureWatcher<std::shared_ptr<Indexing>>::finished, this,
          &RecordBrowser::onIndexed);
  connect(model_, &RecordTableModel::allRowsShown, this, &RecordBrowser::onAllRowsShown);
  connect(&searchWatcher_, &QFutureWatcher<std::shared_ptr<Matches>>::finished, this,
          &RecordBrowser::onSearched);

  searchText_ = new QLineEdit;
  searchText_->setClearButtonEnabled(true);
  regex_ = new QCheckBox;
  invalidOnly_ = new QCheckBox;
  searchButton_ = new QPushButton;
  searchButton_->setEnabled(false);
  connect(searchButton_, &QPushButton::clicked, this, &RecordBrowser::startSearch);
  connect(searchText_, &QLineEdit::returnPressed, this, &RecordBrowser::startSearch);
  auto* searchRow = new QHBoxLayout;
  searchRow->addWidget(searchText_, 1);
  searchRow->addWidget(regex_);
  searchRow->addWidget(invalidOnly_);
  searchRow->addWidget(searchButton_);

  // Length ranges in characters; a maximum of 0 means no maximum ("any").
  const auto makeLengthBox = [this] {
    auto* box = new QSpinBox;
    box->setRange(0, 9'999'999);
    box->setGroupSeparatorShown(true);
    connect(box, &QSpinBox::editingFinished, this, [this] {
      if (searchButton_->isEnabled()) startSearch();
    });
    return box;
  };
  queryMinLength_ = makeLengthBox();
  queryMaxLength_ = makeLengthBox();
  passageMinLength_ = makeLengthBox();
  passageMaxLength_ = makeLengthBox();
  auto* queryFrom = new QLabel;
  auto* queryTo = new QLabel;
  auto* passageFrom = new QLabel;
  auto* passageTo = new QLabel;
  // One row per kind of text, so that the browser fits beside the dataset list on a 1024-pixel
  // screen, in German too.
  auto* lengthRow = new QGridLayout;
  lengthRow->addWidget(queryFrom, 0, 0);
  lengthRow->addWidget(queryMinLength_, 0, 1);
  lengthRow->addWidget(queryTo, 0, 2);
  lengthRow->addWidget(queryMaxLength_, 0, 3);
  lengthRow->addWidget(passageFrom, 1, 0);
  lengthRow->addWidget(passageMinLength_, 1, 1);
  lengthRow->addWidget(passageTo, 1, 2);
  lengthRow->addWidget(passageMaxLength_, 1, 3);
  lengthRow->setColumnStretch(4, 1);

  translations_.add([=] {
    detail_->setPlaceholderText(tr("Select a record to see it in full"));
    cancelButton_->setText(tr("Cancel"));
    cancelButton_->setToolTip(tr("Stop indexing or searching; what is there stays browsable"));
    searchText_->setPlaceholderText(tr("Search queries, positives and negatives..."));
    regex_->setText(tr("Regular expression"));
    invalidOnly_->setText(tr("Only invalid lines"));
    searchButton_->setText(tr("Search"));
    queryFrom->setText(tr("Query/text characters from"));
    passageFrom->setText(tr("a passage's characters from"));
    for (QLabel* to : {queryTo, passageTo})
      to->setText(tr("to"));
    for (QSpinBox* box : {queryMaxLength_, passageMaxLength_})
      box->setSpecialValueText(tr("any"));
    model_->retranslate();
    // Number columns as wide as their header or a 7-digit number, the text takes the rest.
    // (Measured from the header, never from the rows: the file may have millions of them.)
    const QFontMetrics metrics(table_->horizontalHeader()->font());
    for (int column = 0; column < RecordTableModel::kColumns; ++column) {
      if (column == RecordTableModel::Text) continue;
      const QString header = model_->headerData(column, Qt::Horizontal).toString();
      table_->horizontalHeader()->resizeSection(
          column,
          std::max(metrics.horizontalAdvance(header), metrics.horizontalAdvance("0000000")) + 12);
    }
  });

  auto* statusRow = new QHBoxLayout;
  statusRow->addWidget(status_, 1);
  statusRow->addWidget(progress_);
  statusRow->addWidget(cancelButton_);
  auto* splitter = new QSplitter;
  splitter->addWidget(table_);
  splitter->addWidget(detail_);
  // The table gets most of the width: its text column is what people scan.
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(searchRow);
  layout->addLayout(lengthRow);
  layout->addLayout(statusRow);
  layout->addWidget(splitter, 1);
  progress_->hide();
  cancelButton_->hide();
}

void RecordBrowser::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

RecordBrowser::~RecordBrowser() {
  cancelIndexing();
  watcher_.waitForFinished();
  searchWatcher_.waitForFinished();
}

void RecordBrowser::open(const std::filesystem::path& file) {
  cancelIndexing();
  announceIndexed_ = false;
  watcher_.waitForFinished();
  searchWatcher_.waitForFinished();
  searchButton_->setEnabled(false);
  path_ = file;
  pendingLine_ = 0;
  detail_->clear();
  model_->setPreview(file);
  status_->setText(
      tr("%1: the first %n line(s), indexing the whole file...", "", model_->lineCount())
          .arg(QString::fromStdString(file.filename().string())));
  progressState_ = std::make_shared<PercentProgress>();
  cancel_ = std::make_shared<CancellationToken>();
  auto progress = progressState_;
  auto token = cancel_;
  watcher_.setFuture(QtConcurrent::run([file, progress, token] {
    auto result = std::make_shared<Indexing>();
    try {
      result->file =
          std::make_unique<IndexedLineFile>(file, LineIndexOptions{}, progress.get(), token.get());
    } catch (const CancelledError&) {
      result->error = tr("indexing cancelled; the first lines are shown");
    } catch (const std::exception& error) {
      result->error = QString::fromStdString(error.what());
    }
    return result;
  }));
  progress_->setValue(0);
  progress_->show();
  cancelButton_->show();
  poll_.start();
}

void RecordBrowser::clear() {
  cancelIndexing();
  announceIndexed_ = false;
  watcher_.waitForFinished();
  searchWatcher_.waitForFinished();
  searchButton_->setEnabled(false);
  model_->clear();
  detail_->clear();
  status_->clear();
}

void RecordBrowser::cancelIndexing() {
  if (cancel_) cancel_->cancel();
}

void RecordBrowser::onIndexed() {
  poll_.stop();
  progress_->hide();
  cancelButton_->hide();
  const std::shared_ptr<Indexing> result = watcher_.result();
  const QString name = QString::fromStdString(path_.filename().string());
  if (!result->file) {
    status_->setText(QStringLiteral("%1: %2").arg(name, result->error));
    return;
  }
  selectedBeforeIndexing_ = table_->currentIndex().row();
  model_->setIndexedFile(std::move(result->file));
  status_->setText(tr("%1: %n line(s)", "", model_->lineCount()).arg(name));
  searchButton_->setEnabled(true);
  announceIndexed_ = true;
  if (model_->showingAllRows()) onAllRowsShown();  // else when the model has shown them
}

void RecordBrowser::onAllRowsShown() {
  if (pendingLine_ > 0) {
    goToLine(pendingLine_);
  } else if (selectedBeforeIndexing_ >= 0) {
    table_->selectRow(selectedBeforeIndexing_);
  }
  selectedBeforeIndexing_ = -1;
  if (announceIndexed_) {
    announceIndexed_ = false;
    emit indexed();
  }
}

void RecordBrowser::goToLine(std::uint64_t line) {
  // Lines are rows (blank lines included), so line N is row N - 1: the whole file again.
  if (line == 0) return;
  if (model_->filtered()) model_->clearFilter();
  if (line > static_cast<std::uint64_t>(model_->rowCount())) {
    if (!model_->indexed() || !model_->showingAllRows()) pendingLine_ = line;
    return;
  }
  pendingLine_ = 0;
  const QModelIndex index = model_->index(static_cast<int>(line - 1), 0);
  table_->setCurrentIndex(index);
  table_->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void RecordBrowser::startSearch() {
  RecordQuery query;
  query.text = searchText_->text();
  query.regex = regex_->isChecked();
  query.invalidOnly = invalidOnly_->isChecked();
  const auto range = [](const QSpinBox* min, const QSpinBox* max) {
    LengthRange lengths;
    lengths.min = static_cast<std::uint64_t>(min->value());
    if (max->value() > 0) lengths.max = static_cast<std::uint64_t>(max->value());
    return lengths;
  };
  query.queryLength = range(queryMinLength_, queryMaxLength_);
  query.passageLength = range(passageMinLength_, passageMaxLength_);
  search(query);
}

void RecordBrowser::search(const RecordQuery& query) {
  if (!model_->indexed() || searching()) return;
  if (query.matchesEverything()) {
    model_->clearFilter();
    status_->setText(tr("%1: %n line(s)", "", model_->lineCount())
                         .arg(QString::fromStdString(path_.filename().string())));
    return;
  }
  try {
    const RecordMatcher check(query);  // a bad regular expression is said at once
  } catch (const std::exception& error) {
    status_->setText(QString::fromStdString(error.what()));
    return;
  }
  progressState_ = std::make_shared<PercentProgress>();
  cancel_ = std::make_shared<CancellationToken>();
  auto progress = progressState_;
  auto token = cancel_;
  const std::filesystem::path file = path_;
  searchWatcher_.setFuture(QtConcurrent::run([file, query, progress, token] {
    auto result = std::make_shared<Matches>();
    try {
      const RecordMatcher matcher(query);
      const auto size = std::filesystem::file_size(file);
      LineReader reader(file);
      TextLine line;
      while (reader.next(line)) {
        if (line.number % 4096 == 0) {
          throwIfCancelled(token.get());
          progress->onProgress(line.offset, size, "bytes");
        }
        const bool match =
            line.tooLong ? query.invalidOnly && query.text.isEmpty() : matcher.matches(line.text);
        if (match) result->lines.push_back(line.number - 1);
      }
    } catch (const CancelledError&) {
      result->error = tr("search cancelled");
    } catch (const std::exception& error) {
      result->error = QString::fromStdString(error.what());
    }
    return result;
  }));
  searchButton_->setEnabled(false);
  progress_->setValue(0);
  progress_->show();
  cancelButton_->show();
  poll_.start();
}

void RecordBrowser::onSearched() {
  poll_.stop();
  progress_->hide();
  cancelButton_->hide();
  searchButton_->setEnabled(true);
  const std::shared_ptr<Matches> result = searchWatcher_.result();
  const QString name = QString::fromStdString(path_.filename().string());
  if (!result->error.isEmpty()) {
    status_->setText(QStringLiteral("%1: %2").arg(name, result->error));
    return;
  }
  const auto total = static_cast<qulonglong>(model_->lineCount());
  const int matches = static_cast<int>(result->lines.size());
  model_->setFilter(std::move(result->lines));
  status_->setText(tr("%1: %2 of %3 lines match").arg(name).arg(matches).arg(total));
  detail_->clear();
  emit searched(matches);
}

void RecordBrowser::showRecord(int row) {
  if (row < 0 || row >= model_->rowCount()) {
    detail_->clear();
    return;
  }
  detail_->setPlainText(describeRecord(model_->record(row)));
}

}  // namespace embedlab::widgets

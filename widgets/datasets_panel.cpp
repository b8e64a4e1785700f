#include "widgets/datasets_panel.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "widgets/length_histogram.h"
#include "widgets/path_choices.h"
#include "widgets/record_browser.h"
#include "widgets/token_statistics_view.h"
#include "widgets/validation_summary.h"

namespace embedlab::widgets {

namespace {

QString kindLabel(const DatasetEntry& entry) {
  if (entry.evalFolder) return DatasetsPanel::tr("evaluation set (BEIR)");
  if (!entry.kind) return DatasetsPanel::tr("unknown kind");
  switch (*entry.kind) {
    case DataKind::Training: return DatasetsPanel::tr("training data");
    case DataKind::Pool: return DatasetsPanel::tr("candidate pool");
    case DataKind::Corpus: return DatasetsPanel::tr("corpus");
    case DataKind::Queries: return DatasetsPanel::tr("queries");
    case DataKind::Qrels: return DatasetsPanel::tr("relevance judgments");
  }
  return {};
}

enum ProblemColumn { kFile, kLine, kSeverity, kCode, kMessage, kColumnCount };

constexpr int kProblemsShown = 2000;

// The text-length curves worth comparing for a dataset's reports.
std::vector<LengthHistogram::Series> lengthSeries(const std::vector<ValidationReport>& reports) {
  std::vector<LengthHistogram::Series> series;
  for (const ValidationReport& report : reports) {
    switch (report.kind) {
      case DataKind::Training:
        series.push_back({DatasetsPanel::tr("queries"), report.queryLength});
        series.push_back({DatasetsPanel::tr("positives"), report.positiveLength});
        series.push_back({DatasetsPanel::tr("negatives"), report.negativeLength});
        break;
      case DataKind::Queries:
        series.push_back({DatasetsPanel::tr("queries"), report.textLength});
        break;
      case DataKind::Corpus:
        series.push_back({DatasetsPanel::tr("passages"), report.textLength});
        break;
      case DataKind::Pool:
        series.push_back({DatasetsPanel::tr("pool texts"), report.textLength});
        break;
      case DataKind::Qrels: break;
    }
  }
  return series;
}

// "500 queries, 2008 passages" for evaluation sets, "3000 records" otherwise.
QString recordSummary(const DatasetEntry& entry, const ValidationOutcome& outcome) {
  if (entry.evalFolder) {
    std::uint64_t queries = 0;
    std::uint64_t passages = 0;
    for (const ValidationReport& report : outcome.reports) {
      if (report.kind == DataKind::Queries) queries += report.records;
      if (report.kind == DataKind::Corpus) passages += report.records;
    }
    return DatasetsPanel::tr("%1 queries, %2 passages").arg(queries).arg(passages);
  }
  std::uint64_t records = 0;
  for (const ValidationReport& report : outcome.reports)
    records += report.records;
  return DatasetsPanel::tr("%n record(s)", "", static_cast<int>(records));
}

// The files whose texts the Statistics tab counts.
std::vector<TokenStatisticsView::Input> statisticsInputs(const DatasetEntry& entry) {
  if (entry.evalFolder)
    return {{entry.path / "queries.jsonl", DataKind::Queries},
            {entry.path / "corpus.jsonl", DataKind::Corpus}};
  if (!entry.kind || *entry.kind == DataKind::Qrels) return {};
  return {{entry.path, *entry.kind}};
}

}  // namespace

DatasetsPanel::DatasetsPanel(QWidget* parent) : QWidget(parent) {
  list_ = new QListWidget;
  list_->setMinimumWidth(220);
  list_->setWordWrap(true);
  title_ = new QLabel;
  title_->setTextFormat(Qt::PlainText);
  QFont titleFont = title_->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
  titleFont.setBold(true);
  title_->setFont(titleFont);
  progress_ = new QProgressBar;
  progress_->setRange(0, 100);
  cancel_ = new QPushButton;

  problems_ = new QTableWidget(0, kColumnCount);
  problems_->horizontalHeader()->setSectionResizeMode(kMessage, QHeaderView::Stretch);
  problems_->verticalHeader()->hide();
  problems_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  problems_->setSelectionBehavior(QAbstractItemView::SelectRows);
  problems_->setWordWrap(false);

  summary_ = new QPlainTextEdit;
  summary_->setReadOnly(true);
  summary_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  summary_->setLineWrapMode(QPlainTextEdit::NoWrap);
  // Wide enough for the start of the summary lines (the rest scrolls; the splitter widens it).
  summary_->setMinimumWidth(summary_->fontMetrics().horizontalAdvance(QString(36, 'x')));

  auto* progressRow = new QHBoxLayout;
  progressRow->addWidget(progress_, 1);
  progressRow->addWidget(cancel_);

  lengths_ = new LengthHistogram;
  auto* summarySplitter = new QSplitter(Qt::Horizontal);
  summarySplitter->addWidget(summary_);
  summarySplitter->addWidget(lengths_);
  summarySplitter->setStretchFactor(0, 1);
  summarySplitter->setStretchFactor(1, 1);

  auto* detailSplitter = new QSplitter(Qt::Vertical);
  detailSplitter->addWidget(problems_);
  detailSplitter->addWidget(summarySplitter);
  detailSplitter->setStretchFactor(0, 1);
  detailSplitter->setStretchFactor(1, 2);

  records_ = new RecordBrowser;
  statistics_ = new TokenStatisticsView;
  views_ = new QTabWidget;
  views_->addTab(detailSplitter, QString());
  views_->addTab(records_, QString());
  views_->addTab(statistics_, QString());

  auto* detail = new QWidget;
  auto* detailLayout = new QVBoxLayout(detail);
  detailLayout->setContentsMargins(0, 0, 0, 0);
  detailLayout->addWidget(title_);
  detailLayout->addLayout(progressRow);
  detailLayout->addWidget(views_, 1);

  auto* splitter = new QSplitter(Qt::Horizontal);
  splitter->addWidget(list_);
  splitter->addWidget(detail);
  splitter->setStretchFactor(1, 3);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter);

  translations_.add([this] {
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop validating; datasets not yet checked stay unchecked"));
    problems_->setHorizontalHeaderLabels(
        {tr("File"), tr("Line"), tr("Severity"), tr("Problem"), tr("Details")});
    views_->setTabText(0, tr("Problems and summary"));
    views_->setTabText(1, tr("Records"));
    views_->setTabText(2, tr("Statistics"));
    // What was shown in the old language is shown again in the new one.
    for (int row = 0; row < datasetCount(); ++row)
      updateRowStatus(row);
    if (list_->currentRow() >= 0) showDataset(list_->currentRow());
    if (validating_ >= 0)
      progress_->setFormat(
          tr("Validating %1: %p%").arg(QString::fromStdString(entries_[validating_].name)));
  });

  connect(list_, &QListWidget::currentRowChanged, this, &DatasetsPanel::showDataset);
  connect(problems_, &QTableWidget::cellClicked, this, &DatasetsPanel::showProblemLine);
  connect(&runner_, &ValidationRunner::progressChanged, progress_, &QProgressBar::setValue);
  connect(&runner_, &ValidationRunner::finished, this, &DatasetsPanel::onValidated);
  connect(cancel_, &QPushButton::clicked, this, [this] {
    runner_.cancel();
    validating_ = -1;
  });
}

void DatasetsPanel::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

void DatasetsPanel::openFile(const std::filesystem::path& file) {
  const std::filesystem::path absolute = std::filesystem::absolute(file);
  for (int row = 0; row < datasetCount(); ++row) {
    if (std::filesystem::absolute(entries_[row].path) == absolute) {
      list_->setCurrentRow(row);
      return;
    }
  }
  DatasetEntry entry;
  entry.path = absolute;
  entry.name = absolute.string();  // outside the workspace: the whole path
  try {
    entry.kind = detectDataKind(absolute);
  } catch (const std::exception&) {
    entry.kind = std::nullopt;  // listed anyway; validation says what is wrong
  }
  entries_.push_back(std::move(entry));
  const int row = datasetCount() - 1;
  list_->addItem(QString::fromStdString(entries_[row].name));
  updateRowStatus(row);
  list_->setCurrentRow(row);
  if (validating_ < 0) validateNext();
}

void DatasetsPanel::setWorkspace(const std::filesystem::path& workspace) {
  runner_.cancel();
  outcomes_.clear();
  list_->clear();
  entries_ = discoverDatasets(workspace);
  statistics_->setWorkspace(workspace);
  // The workspace's training lengths are the limits worth looking at.
  const WorkspaceSettings settings = workspaceSettings(workspace);
  const auto queryLength = settings.integer("train", "query_max_len");
  const auto passageLength = settings.integer("train", "passage_max_len");
  if (queryLength && passageLength) statistics_->setMaxLengths(*queryLength, *passageLength);
  for (std::size_t row = 0; row < entries_.size(); ++row) {
    list_->addItem(QString::fromStdString(entries_[row].name));
    updateRowStatus(static_cast<int>(row));
  }
  validating_ = -1;
  validateNext();
  if (!entries_.empty()) {
    list_->setCurrentRow(0);
  } else {
    title_->setText(tr("No datasets in %1").arg(QString::fromStdString(workspace.string())));
    summary_->setPlainText(
        tr("A workspace holds training files ({\"query\", \"pos\", \"neg\"} JSONL), candidate "
           "pools ({\"text\"} JSONL) and evaluation folders (corpus.jsonl, queries.jsonl, "
           "qrels/test.tsv). Add some and reopen the workspace."));
  }
}

int DatasetsPanel::datasetCount() const {
  return static_cast<int>(entries_.size());
}

int DatasetsPanel::validatedCount() const {
  return static_cast<int>(outcomes_.size());
}

void DatasetsPanel::validateNext() {
  int next = -1;
  for (int row = 0; row < datasetCount(); ++row) {
    if (outcomes_.count(row) == 0) {
      next = row;
      break;
    }
  }
  validating_ = next;
  progress_->setVisible(next >= 0);
  cancel_->setVisible(next >= 0);
  if (next < 0) {
    emit allValidated();
    return;
  }
  progress_->setFormat(tr("Validating %1: %p%").arg(QString::fromStdString(entries_[next].name)));
  runner_.start(entries_[next]);
}

void DatasetsPanel::onValidated(const ValidationOutcome& outcome) {
  const int row = validating_;
  if (row < 0) {  // cancelled by the user
    progress_->hide();
    cancel_->hide();
    emit allValidated();
    return;
  }
  outcomes_[row] = outcome;
  updateRowStatus(row);
  if (row == list_->currentRow()) {
    showDataset(row);
  }
  validateNext();
}

void DatasetsPanel::updateRowStatus(int row) {
  QListWidgetItem* item = list_->item(row);
  const DatasetEntry& entry = entries_[row];
  QString status = tr("not checked yet");
  QIcon icon = style()->standardIcon(QStyle::SP_FileIcon);
  if (const auto found = outcomes_.find(row); found != outcomes_.end()) {
    const ValidationOutcome& outcome = found->second;
    std::uint64_t errors = 0;
    std::uint64_t warnings = 0;
    for (const ValidationReport& report : outcome.reports) {
      errors += report.errors;
      warnings += report.warnings;
    }
    if (outcome.cancelled) {
      status = tr("validation cancelled");
    } else if (!outcome.error.isEmpty()) {
      status = tr("cannot validate");
      icon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    } else if (errors > 0) {
      status = tr("%n error(s)", "", static_cast<int>(errors));
      icon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    } else {
      status = (warnings > 0 ? tr("%1, valid with warnings") : tr("%1, valid"))
                   .arg(recordSummary(entry, outcome));
      icon = style()->standardIcon(warnings > 0 ? QStyle::SP_MessageBoxWarning
                                                : QStyle::SP_DialogApplyButton);
    }
  }
  item->setText(QString::fromStdString(entry.name) + "\n  " + kindLabel(entry) + " · " + status);
  item->setIcon(icon);
}

void DatasetsPanel::showDataset(int row) {
  problems_->setRowCount(0);
  lengths_->setSeries({});
  if (row < 0 || row >= datasetCount()) {
    return;
  }
  const DatasetEntry& entry = entries_[row];
  title_->setText(QString::fromStdString(entry.name) + " — " + kindLabel(entry));
  browseFile(entry.evalFolder ? entry.path / "corpus.jsonl" : entry.path);
  statistics_->setInputs(statisticsInputs(entry));
  const auto found = outcomes_.find(row);
  if (found == outcomes_.end()) {
    summary_->setPlainText(tr("Validation of this dataset has not finished yet."));
    return;
  }
  const ValidationOutcome& outcome = found->second;
  if (!outcome.error.isEmpty()) {
    summary_->setPlainText(outcome.error);
    return;
  }
  if (outcome.cancelled) {
    summary_->setPlainText(tr("Validation was cancelled. Reopen the workspace to check again."));
    return;
  }
  QString summary;
  int shown = 0;
  for (const ValidationReport& report : outcome.reports) {
    // The panel's title already says where the file is: its name is enough.
    const QString file =
        QString::fromStdString(std::filesystem::path(report.file).filename().string());
    summary += ValidationSummary::describe(report, file) + "\n";
    for (const Problem& problem : report.problems) {
      if (shown++ >= kProblemsShown) break;
      const int at = problems_->rowCount();
      problems_->insertRow(at);
      const bool error = problem.severity() == Severity::Error;
      const QString cells[kColumnCount] = {
          file, problem.line > 0 ? QString::number(problem.line) : QString(),
          error ? tr("error") : tr("warning"),
          QString::fromUtf8(problemCode(problem.kind).data(),
                            static_cast<int>(problemCode(problem.kind).size())),
          QString::fromStdString(problem.message)};
      for (int column = 0; column < kColumnCount; ++column) {
        auto* cell = new QTableWidgetItem(cells[column]);
        cell->setData(Qt::UserRole, QString::fromStdString(report.file));
        cell->setToolTip(tr("Click to see line %1 in the Records tab").arg(problem.line));
        if (column == kSeverity) {
          cell->setForeground(error ? QColor(0xc0, 0x20, 0x20) : QColor(0xa0, 0x70, 0x00));
        }
        problems_->setItem(at, column, cell);
      }
    }
  }
  problems_->resizeColumnsToContents();
  problems_->setVisible(problems_->rowCount() > 0);
  summary_->setPlainText(summary.trimmed());
  lengths_->setSeries(lengthSeries(outcome.reports));
}

void DatasetsPanel::browseFile(const std::filesystem::path& file) {
  if (browsed_ == file) return;
  browsed_ = file;
  records_->open(file);
}

bool DatasetsPanel::showView(const QString& name) {
  const QStringList names{QStringLiteral("problems"), QStringLiteral("records"),
                          QStringLiteral("statistics")};
  const auto index = static_cast<int>(names.indexOf(name.toLower()));
  if (index < 0) return false;
  views_->setCurrentIndex(index);
  return true;
}

void DatasetsPanel::showProblemLine(int row) {
  const QTableWidgetItem* line = problems_->item(row, kLine);
  if (line == nullptr || line->text().isEmpty()) return;
  browseFile(line->data(Qt::UserRole).toString().toStdString());
  views_->setCurrentWidget(records_);
  records_->goToLine(line->text().toULongLong());
}

}  // namespace embedlab::widgets

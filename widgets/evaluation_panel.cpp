#include "widgets/evaluation_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTemporaryFile>
#include <QTextStream>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/data/dataset_discovery.h"
#include "core/eval/evaluation_options.h"
#include "core/model/hub_cache.h"
#include "core/model/model_discovery.h"
#include "core/store/history.h"
#include "widgets/cli_job.h"
#include "widgets/job_config.h"
#include "widgets/job_controls.h"
#include "widgets/merge_sweep_view.h"
#include "widgets/option_help.h"
#include "widgets/path_choices.h"

namespace embedlab::widgets {

namespace {

const QColor kBetter(0x2e, 0x9e, 0x4f);
const QColor kWorse(0xd9, 0x53, 0x4f);

// A rank for sorting: not found in the top k counts as worse than any rank.
int sortableRank(int rank) {
  return rank > 0 ? rank : 1'000'000;
}

QTableWidgetItem* numberItem(double value, int decimals) {
  auto* item = new QTableWidgetItem(QString::number(value, 'f', decimals));
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

}  // namespace

EvaluationPanel::EvaluationPanel(QWidget* parent) : QWidget(parent) {
  models_ = new QListWidget;
  models_->setMinimumHeight(120);
  evalSet_ = new QComboBox;
  split_ = new QLineEdit(QStringLiteral("test"));
  maxLength_ = new QSpinBox;
  maxLength_->setRange(8, 8192);
  maxLength_->setValue(256);
  queryMaxLength_ = new QSpinBox;
  queryMaxLength_->setRange(4, 2048);
  queryMaxLength_->setValue(64);
  instruction_ = new QLineEdit;
  compareInstruction_ = new QCheckBox;
  bm25_ = new QCheckBox;
  bm25_->setChecked(true);  // the lexical baseline beside the models
  precision_ = new EncodingPrecisionBoxes(eval::EvaluationOptions().encoding);
  controls_ = new JobControls;
  connect(controls_, &JobControls::runClicked, this, &EvaluationPanel::run);
  connect(controls_, &JobControls::finished, this, &EvaluationPanel::onFinished);

  auto* setup = new QGroupBox;
  auto* form = new QFormLayout(setup);
  auto* modelsLabel = new QLabel;
  auto* setLabel = new QLabel;
  auto* splitLabel = new QLabel;
  auto* lengthLabel = new QLabel;
  auto* queryLengthLabel = new QLabel;
  auto* instructionLabel = new QLabel;
  form->addRow(modelsLabel, models_);
  form->addRow(setLabel, evalSet_);
  form->addRow(splitLabel, split_);
  form->addRow(lengthLabel, maxLength_);
  form->addRow(queryLengthLabel, queryMaxLength_);
  form->addRow(instructionLabel, instruction_);
  form->addRow(compareInstruction_);
  form->addRow(precision_);
  form->addRow(bm25_);
  form->addRow(controls_);
  setup->setMaximumWidth(440);
  sweep_ = new MergeSweepView;
  sweep_->setMaximumWidth(440);
  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(setup);
  leftLayout->addWidget(sweep_, 1);

  metrics_ = new QTableWidget;
  metrics_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  metrics_->verticalHeader()->hide();
  metrics_->verticalHeader()->setDefaultSectionSize(metrics_->fontMetrics().height() + 6);
  metrics_->setMaximumHeight(180);  // until results arrive: then as tall as their rows
  modelA_ = new QComboBox;
  modelB_ = new QComboBox;
  order_ = new QComboBox;
  order_->addItem(QString(), QStringLiteral("gains"));
  order_->addItem(QString(), QStringLiteral("losses"));
  for (QComboBox* box : {modelA_, modelB_, order_})
    connect(box, &QComboBox::currentIndexChanged, this, &EvaluationPanel::fillComparison);
  perQuery_ = new QTableWidget(0, 4);
  perQuery_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  perQuery_->setSelectionBehavior(QAbstractItemView::SelectRows);
  perQuery_->setSelectionMode(QAbstractItemView::SingleSelection);
  perQuery_->verticalHeader()->hide();
  perQuery_->horizontalHeader()->setStretchLastSection(true);
  perQuery_->verticalHeader()->setDefaultSectionSize(perQuery_->fontMetrics().height() + 8);
  connect(perQuery_, &QTableWidget::currentCellChanged, this, [this](int row) { showQuery(row); });
  detail_ = new QPlainTextEdit;
  detail_->setReadOnly(true);

  auto* compareRow = new QHBoxLayout;
  auto* compareLabel = new QLabel;
  auto* againstLabel = new QLabel;
  compareRow->addWidget(compareLabel);
  compareRow->addWidget(modelA_, 1);
  compareRow->addWidget(againstLabel);
  compareRow->addWidget(modelB_, 1);
  compareRow->addWidget(order_);
  auto* comparison = new QSplitter;
  comparison->addWidget(perQuery_);
  comparison->addWidget(detail_);
  comparison->setStretchFactor(0, 3);
  comparison->setStretchFactor(1, 2);
  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  auto* metricsTitle = new QLabel;
  auto* perQueryTitle = new QLabel;
  rightLayout->addWidget(metricsTitle);
  rightLayout->addWidget(metrics_);
  rightLayout->addWidget(perQueryTitle);
  rightLayout->addLayout(compareRow);
  rightLayout->addWidget(comparison, 1);

  auto* layout = new QHBoxLayout(this);
  layout->addWidget(left);
  layout->addWidget(right, 1);

  connect(&textsWatcher_, &QFutureWatcher<std::shared_ptr<const EvalSet>>::finished, this, [this] {
    texts_ = textsWatcher_.result();
    showQuery(perQuery_->currentRow());
  });

  translations_.add([=] {
    setup->setTitle(tr("Evaluate"));
    modelsLabel->setText(tr("Models:"));
    const auto& options = eval::EvaluationOptions::table();  // the help --help prints too
    models_->setToolTip(optionHelp(options, "models"));
    setLabel->setText(tr("Evaluation set:"));
    splitLabel->setText(tr("Split:"));
    split_->setToolTip(optionHelp(options, "split"));
    lengthLabel->setText(tr("max_len:"));
    maxLength_->setToolTip(optionHelp(options, "max_len"));
    precision_->retranslate(options);
    queryMaxLength_->setToolTip(optionHelp(options, "query_max_len"));
    instruction_->setToolTip(optionHelp(options, "query_instruction"));
    compareInstruction_->setToolTip(optionHelp(options, "compare_instruction"));
    queryLengthLabel->setText(tr("query_max_len:"));
    instructionLabel->setText(tr("Query instruction:"));
    instruction_->setPlaceholderText(tr("none"));
    compareInstruction_->setText(tr("Compare with and without the instruction"));
    bm25_->setText(tr("BM25 baseline (keyword search)"));
    bm25_->setToolTip(optionHelp(options, "bm25"));
    controls_->setRunText(tr("&Run evaluation"));
    controls_->setFailureText(tr("The evaluation failed: %1"));
    metricsTitle->setText(tr("<b>Metrics</b> (the best model of each row in bold)"));
    perQueryTitle->setText(tr("<b>Query by query</b>: rank of the first relevant document"));
    compareLabel->setText(tr("Compare"));
    againstLabel->setText(tr("against"));
    order_->setItemText(0, tr("biggest gains first"));
    order_->setItemText(1, tr("biggest losses first"));
    perQuery_->setHorizontalHeaderLabels(
        {tr("Rank before"), tr("Rank after"), tr("Change"), tr("Query")});
    if (!metricsFile_.empty()) loadResults();
  });
}

EvaluationPanel::~EvaluationPanel() = default;

QLabel* EvaluationPanel::status() const {
  return controls_->status();
}

void EvaluationPanel::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

void EvaluationPanel::setWorkspace(const std::filesystem::path& workspace) {
  workspace_ = workspace;
  models_->clear();
  for (const model::ModelFolder& folder : model::discoverModelFolders(workspace)) {
    if (!folder.hasWeights) continue;
    auto* item = new QListWidgetItem(QString::fromStdString(folder.name));
    item->setData(Qt::UserRole, QString::fromStdString(folder.path.string()));
    item->setToolTip(QString::fromStdString(folder.path.string()));
    item->setCheckState(Qt::Checked);
    models_->addItem(item);
  }
  // The models of the Hugging Face cache too, by hub id, not checked.
  for (const model::CachedModel& cached : model::listCachedModels()) {
    auto* item = new QListWidgetItem(QString::fromStdString(cached.id));
    item->setData(Qt::UserRole, QString::fromStdString(cached.folder.string()));
    item->setToolTip(QString::fromStdString(cached.folder.string()));
    item->setCheckState(Qt::Unchecked);
    models_->addItem(item);
  }
  evalSet_->clear();
  try {
    for (const DatasetEntry& entry : discoverDatasets(workspace)) {
      if (entry.evalFolder)
        evalSet_->addItem(QString::fromStdString(entry.name),
                          QString::fromStdString(entry.path.string()));
    }
  } catch (const std::exception&) {
    // An unreadable workspace: nothing to offer.
  }
  sweep_->setWorkspace(workspace);
  const WorkspaceSettings settings = workspaceSettings(workspace);
  if (const auto length = settings.integer("eval", "max_len")) maxLength_->setValue(*length);
  if (const auto length = settings.integer("eval", "query_max_len"))
    queryMaxLength_->setValue(*length);
  if (models_->count() == 0 || evalSet_->count() == 0)
    controls_->setStatus(
        tr("A workspace needs a model folder and a BEIR evaluation folder "
           "(corpus.jsonl, queries.jsonl, qrels/) to evaluate."));
}

void EvaluationPanel::setModels(const std::vector<std::filesystem::path>& folders) {
  for (int i = 0; i < models_->count(); ++i)
    models_->item(i)->setCheckState(Qt::Unchecked);
  for (const std::filesystem::path& folder : folders) {
    const QString path = QString::fromStdString(folder.string());
    QListWidgetItem* found = nullptr;
    for (int i = 0; i < models_->count(); ++i) {
      if (models_->item(i)->data(Qt::UserRole).toString() == path) found = models_->item(i);
    }
    if (found == nullptr) {
      found = new QListWidgetItem(QString::fromStdString(folder.filename().string()));
      found->setData(Qt::UserRole, path);
      models_->addItem(found);
    }
    found->setCheckState(Qt::Checked);
  }
}

void EvaluationPanel::setEvaluationSet(const std::filesystem::path& folder) {
  choosePath(evalSet_, QString::fromStdString(folder.string()));
}

void EvaluationPanel::setMaxLengths(std::size_t passages, std::size_t queries) {
  maxLength_->setValue(static_cast<int>(passages));
  queryMaxLength_->setValue(static_cast<int>(queries));
}

void EvaluationPanel::run() {
  if (controls_->running()) return;
  QStringList models;
  for (int i = 0; i < models_->count(); ++i) {
    if (models_->item(i)->checkState() == Qt::Checked)
      models << models_->item(i)->data(Qt::UserRole).toString();
  }
  const QString set = evalSet_->currentData().toString();
  if (models.isEmpty() || set.isEmpty()) {
    controls_->setStatus(tr("Check a model or more and choose an evaluation set."));
    emit evaluated(controls_->status()->text());
    return;
  }
  const std::string stamp = QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss").toStdString();
  const std::filesystem::path runs = workspace_ / "runs";
  std::filesystem::create_directories(runs);
  metricsFile_ = runs / ("eval-" + stamp + ".json");
  perQueryFile_ = runs / ("eval-" + stamp + ".per_query.tsv");
  evalFolder_ = set.toStdString();
  // The job's options as the CLI reads them (`eval --config`), typed.
  eval::EvaluationOptions options;
  for (const QString& model : models)
    options.models.push_back(model.toStdString());
  options.data = set.toStdString();
  options.split = split_->text().trimmed().toStdString();
  options.encoding.maxLength = static_cast<std::size_t>(maxLength_->value());
  options.queryMaxLength = static_cast<std::size_t>(queryMaxLength_->value());
  options.output = metricsFile_.string();
  options.perQuery = perQueryFile_.string();
  options.queryInstruction = instruction_->text().toStdString();
  options.compareInstruction = compareInstruction_->isChecked();
  options.bm25 = bm25_->isChecked();
  precision_->applyTo(options.encoding);
  const QStringList arguments =
      jobArguments(QStringLiteral("eval"), options.toJson(), workspace_, jobConfig_);
  if (arguments.isEmpty()) {
    controls_->setStatus(tr("Cannot write the job's options to %1.").arg(QDir::tempPath()));
    emit evaluated(controls_->status()->text());
    return;
  }
  controls_->start(arguments, tr("Evaluating %n model(s)...", "", static_cast<int>(models.size())));
}

void EvaluationPanel::stop() {
  controls_->stop();
}

void EvaluationPanel::onFinished(int exitCode, const QString& error) {
  if (exitCode != 0) {
    emit evaluated(error.isEmpty() ? tr("failed") : error);
    return;
  }
  controls_->setStatus(tr("Results in %1.").arg(QString::fromStdString(metricsFile_.string())));
  loadResults();
  // The texts for the query view, read in the background (a corpus may be large).
  texts_.reset();
  const std::filesystem::path folder = evalFolder_;
  const std::string split = split_->text().trimmed().toStdString();
  textsWatcher_.setFuture(QtConcurrent::run([folder, split]() -> std::shared_ptr<const EvalSet> {
    try {
      return std::make_shared<const EvalSet>(loadBeirEvalSet(folder, split));
    } catch (const std::exception&) {
      return nullptr;  // the view then shows the query only
    }
  }));
  emit evaluated(QString());
}

void EvaluationPanel::loadResults() {
  QFile file(QString::fromStdString(metricsFile_.string()));
  if (!file.open(QIODevice::ReadOnly)) return;
  // Ordered: the metrics in the order the CLI reports them (MRR, Recall, R_cap, nDCG, MAP).
  const nlohmann::ordered_json report =
      nlohmann::ordered_json::parse(file.readAll().toStdString(), nullptr, false);
  if (!report.is_object() || !report.contains("results")) return;
  const nlohmann::ordered_json& results = report["results"];
  QStringList metricNames;
  for (const auto& result : results) {
    for (const auto& [name, value] : result["metrics"].items()) {
      if (name.rfind("queries_", 0) != 0 && !metricNames.contains(QString::fromStdString(name)))
        metricNames << QString::fromStdString(name);
    }
  }
  // A row per metric and a column per model: any number of metrics fits a narrow window, and a
  // few models side by side compare at a glance.
  metrics_->clear();
  metrics_->setRowCount(static_cast<int>(metricNames.size()));
  metrics_->setColumnCount(static_cast<int>(results.size()) + 1);
  QStringList headers{tr("Metric")};
  tags_.clear();
  for (const auto& result : results)
    headers << QString::fromStdString(result.value("tag", ""));
  metrics_->setHorizontalHeaderLabels(headers);
  for (std::size_t r = 0; r < results.size(); ++r) {
    const QString instruction = QString::fromStdString(results[r].value("query_instruction", ""));
    metrics_->horizontalHeaderItem(static_cast<int>(r) + 1)
        ->setToolTip(instruction.isEmpty() ? tr("Query instruction: none")
                                           : tr("Query instruction: %1").arg(instruction));
  }
  for (qsizetype m = 0; m < metricNames.size(); ++m) {
    const auto row = static_cast<int>(m);
    metrics_->setItem(row, 0, new QTableWidgetItem(metricNames[m]));
    double best = -1.0;
    for (std::size_t r = 0; r < results.size(); ++r) {
      const double value = results[r]["metrics"].value(metricNames[m].toStdString(), 0.0);
      metrics_->setItem(row, static_cast<int>(r) + 1, numberItem(value, 4));
      best = std::max(best, value);
    }
    for (int column = 1; column < metrics_->columnCount(); ++column) {
      QTableWidgetItem* item = metrics_->item(row, column);
      if (results.size() > 1 && item->text().toDouble() >= best - 5e-5) {
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
      }
    }
  }
  metrics_->resizeColumnsToContents();
  // As tall as its rows (a horizontal scroll bar's height spared for many models).
  metrics_->setFixedHeight(metrics_->horizontalHeader()->sizeHint().height() +
                           metrics_->verticalHeader()->length() + 2 * metrics_->frameWidth() +
                           metrics_->horizontalScrollBar()->sizeHint().height());

  // The per-query ranks: "query_id relevant first_relevant_rank:TAG... query".
  rows_.clear();
  QFile table(QString::fromStdString(perQueryFile_.string()));
  if (table.open(QIODevice::ReadOnly)) {
    QTextStream in(&table);
    const QStringList header = in.readLine().split('\t');
    for (const QString& column : header) {
      if (column.startsWith(QStringLiteral("first_relevant_rank:"))) tags_ << column.mid(20);
    }
    while (!in.atEnd()) {
      const QStringList cells = in.readLine().split('\t');
      if (cells.size() != header.size()) continue;
      QueryRow row;
      row.id = cells.front();
      row.query = cells.back();
      for (qsizetype c = 0; c < header.size(); ++c) {
        if (header[c].startsWith(QStringLiteral("first_relevant_rank:")))
          row.firstRelevantRank[header[c].mid(20)] = cells[c].toInt();  // "-" reads as 0
      }
      rows_.push_back(std::move(row));
    }
  }
  for (QComboBox* box : {modelA_, modelB_}) {
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItems(tags_);
  }
  if (tags_.size() > 1) {
    // The last model against the first; the BM25 baseline only when there is a single model.
    int last = static_cast<int>(tags_.size()) - 1;
    if (tags_[last] == QStringLiteral("BM25") && last > 1) --last;
    const QSignalBlocker blocker(modelB_);
    modelB_->setCurrentIndex(last);
  }
  fillComparison();
}

void EvaluationPanel::fillComparison() {
  perQuery_->setRowCount(0);
  detail_->clear();
  const QString a = modelA_->currentText();
  const QString b = modelB_->currentText();
  if (a.isEmpty() || b.isEmpty()) return;
  std::vector<const QueryRow*> sorted;
  for (const QueryRow& row : rows_)
    sorted.push_back(&row);
  const bool gains = order_->currentData().toString() == QStringLiteral("gains");
  // Gain: how many places the first relevant document moved up from A to B.
  const auto gain = [&](const QueryRow* row) {
    return sortableRank(row->firstRelevantRank.at(a)) - sortableRank(row->firstRelevantRank.at(b));
  };
  std::stable_sort(sorted.begin(), sorted.end(), [&](const QueryRow* x, const QueryRow* y) {
    return gains ? gain(x) > gain(y) : gain(x) < gain(y);
  });
  perQuery_->setRowCount(static_cast<int>(sorted.size()));
  for (std::size_t r = 0; r < sorted.size(); ++r) {
    const QueryRow& row = *sorted[r];
    const int before = row.firstRelevantRank.at(a);
    const int after = row.firstRelevantRank.at(b);
    const auto rankText = [this](int rank) {
      return rank > 0 ? QString::number(rank) : tr("not in the top k");
    };
    const int change = gain(&row);
    const QString changeText = before == after ? QStringLiteral("=")
                               : before == 0   ? tr("found")
                               : after == 0
                                   ? tr("lost")
                                   : QStringLiteral("%1%2").arg(change > 0 ? "+" : "").arg(change);
    QTableWidgetItem* cells[] = {new QTableWidgetItem(rankText(before)),
                                 new QTableWidgetItem(rankText(after)),
                                 new QTableWidgetItem(changeText), new QTableWidgetItem(row.query)};
    for (int c = 0; c < 4; ++c) {
      cells[c]->setData(Qt::UserRole, row.id);
      cells[c]->setToolTip(row.id);
      if (change != 0) cells[c]->setForeground(change > 0 ? kBetter : kWorse);
      perQuery_->setItem(static_cast<int>(r), c, cells[c]);
    }
  }
  perQuery_->resizeColumnsToContents();
}

QString EvaluationPanel::relevantText(const QString& queryId) const {
  if (!texts_) return tr("(reading the evaluation set...)");
  const auto judged = texts_->qrels.find(queryId.toStdString());
  if (judged == texts_->qrels.end()) return {};
  QStringList texts;
  for (const Judgment& judgment : judged->second) {
    for (const CorpusDocument& document : texts_->corpus) {
      if (document.id == judgment.documentId) {
        texts << QStringLiteral("[%1] %2").arg(QString::fromStdString(document.id),
                                               QString::fromStdString(documentText(document)));
        break;
      }
    }
  }
  return texts.join(QStringLiteral("\n\n"));
}

void EvaluationPanel::showQuery(int row) {
  if (row < 0 || row >= perQuery_->rowCount()) {
    detail_->clear();
    return;
  }
  const QString id = perQuery_->item(row, 0)->data(Qt::UserRole).toString();
  detail_->setPlainText(tr("Query %1:\n%2\n\nRelevant:\n%3")
                            .arg(id, perQuery_->item(row, 3)->text(), relevantText(id)));
}

}  // namespace embedlab::widgets

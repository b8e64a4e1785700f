#include "widgets/mining_panel.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QTemporaryFile>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "core/common/job_events.h"
#include "core/data/dataset_discovery.h"
#include "core/model/embedding_cache.h"
#include "core/model/embedding_model.h"
#include "core/store/history.h"
#include "widgets/cli_job.h"
#include "widgets/job_config.h"
#include "widgets/job_controls.h"
#include "widgets/option_help.h"
#include "widgets/path_choices.h"
#include "widgets/plot_export.h"
#include "widgets/plot_legend.h"
#include "widgets/score_shares.h"

namespace embedlab::widgets {

namespace {

// The deepest range end the preview allows (its search keeps this many hits per query).
const int kDepth = static_cast<int>(mine::PreviewOptions{}.depth);
constexpr int kScoreBins = 40;
const QColor kPositive(0x2e, 0x9e, 0x4f);
const QColor kChosen(0x2b, 0x57, 0x97);
const QColor kDropped(0xd9, 0x53, 0x4f);
const QColor kOutside(0x88, 0x88, 0x88);

QString pathOf(const QComboBox* box) {
  return box->currentData().toString();
}

QDoubleSpinBox* scoreBox(double value, double step) {
  auto* box = new QDoubleSpinBox;
  box->setDecimals(3);
  box->setRange(-1000, 1000);
  box->setSingleStep(step);
  box->setValue(value);
  box->setEnabled(false);
  return box;
}

}  // namespace

MiningPanel::MiningPanel(QWidget* parent) : QWidget(parent) {
  // ---- inputs
  model_ = new QComboBox;
  trainingFile_ = new QComboBox;
  pool_ = new QComboBox;
  for (QComboBox* box : {model_, trainingFile_, pool_}) {
    box->setMinimumContentsLength(18);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  }
  pool_->addItem(QString(), QString());  // "its own positives and negatives"
  auto* browseModel = new QPushButton;
  auto* browseFile = new QPushButton;
  auto* browsePool = new QPushButton;
  connect(browseModel, &QPushButton::clicked, this, [this] { chooseFile(model_, true); });
  connect(browseFile, &QPushButton::clicked, this, [this] { chooseFile(trainingFile_, false); });
  connect(browsePool, &QPushButton::clicked, this, [this] { chooseFile(pool_, false); });
  sampleSize_ = new QSpinBox;
  sampleSize_->setRange(1, 5000);
  sampleSize_->setValue(static_cast<int>(mine::PreviewOptions{}.sampleSize));
  seed_ = new QSpinBox;
  seed_->setRange(0, 1'000'000);
  const mine::MiningOptions defaults;  // the job's defaults, declared once in core
  seed_->setValue(static_cast<int>(defaults.selection.seed));
  maxLength_ = new QSpinBox;
  maxLength_->setRange(8, 8192);
  maxLength_->setValue(static_cast<int>(defaults.encoding.maxLength));
  precision_ = new EncodingPrecisionBoxes(defaults.encoding);
  previewButton_ = new QPushButton;
  connect(previewButton_, &QPushButton::clicked, this, &MiningPanel::preview);
  progress_ = new QProgressBar;
  progress_->setRange(0, 100);
  cancelButton_ = new QPushButton;
  connect(cancelButton_, &QPushButton::clicked, this, [this] {
    if (cancel_) cancel_->cancel();
  });
  progress_->hide();
  cancelButton_->hide();

  const auto row = [](QWidget* field, QWidget* button) {
    auto* widget = new QWidget;
    auto* layout = new QHBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    layout->addWidget(button);
    return widget;
  };
  auto* inputs = new QGroupBox;
  auto* inputsForm = new QFormLayout(inputs);
  auto* modelLabel = new QLabel;
  auto* fileLabel = new QLabel;
  auto* poolLabel = new QLabel;
  auto* sampleLabel = new QLabel;
  auto* seedLabel = new QLabel;
  auto* lengthLabel = new QLabel;
  inputsForm->addRow(modelLabel, row(model_, browseModel));
  inputsForm->addRow(fileLabel, row(trainingFile_, browseFile));
  inputsForm->addRow(poolLabel, row(pool_, browsePool));
  inputsForm->addRow(sampleLabel, sampleSize_);
  inputsForm->addRow(seedLabel, seed_);
  inputsForm->addRow(lengthLabel, maxLength_);
  inputsForm->addRow(precision_);
  inputsForm->addRow(previewButton_);
  auto* progressRow = new QHBoxLayout;
  progressRow->addWidget(progress_, 1);
  progressRow->addWidget(cancelButton_);
  inputsForm->addRow(progressRow);

  // ---- selection settings (re-select at once)
  rangeStart_ = new QSpinBox;
  rangeStart_->setRange(0, kDepth - 1);
  rangeStart_->setValue(static_cast<int>(defaults.selection.rangeStart));
  rangeEnd_ = new QSpinBox;
  rangeEnd_->setRange(1, kDepth);
  rangeEnd_->setValue(static_cast<int>(defaults.selection.rangeEnd));
  negativeNumber_ = new QSpinBox;
  negativeNumber_->setRange(1, 1000);
  negativeNumber_->setValue(static_cast<int>(defaults.selection.negativeNumber));
  sampling_ = new QComboBox;
  sampling_->addItem(QString(), QStringLiteral("random"));
  sampling_->addItem(QString(), QStringLiteral("top"));
  useRelativeMargin_ = new QCheckBox;
  relativeMargin_ = scoreBox(0.05, 0.01);
  useAbsoluteMargin_ = new QCheckBox;
  absoluteMargin_ = scoreBox(0.05, 0.01);
  useMaxScore_ = new QCheckBox;
  maxScore_ = scoreBox(0.95, 0.01);
  connect(useRelativeMargin_, &QCheckBox::toggled, relativeMargin_, &QWidget::setEnabled);
  connect(useAbsoluteMargin_, &QCheckBox::toggled, absoluteMargin_, &QWidget::setEnabled);
  connect(useMaxScore_, &QCheckBox::toggled, maxScore_, &QWidget::setEnabled);
  for (QSpinBox* box : {rangeStart_, rangeEnd_, negativeNumber_})
    connect(box, &QSpinBox::valueChanged, this, &MiningPanel::reselect);
  for (QDoubleSpinBox* box : {relativeMargin_, absoluteMargin_, maxScore_})
    connect(box, &QDoubleSpinBox::valueChanged, this, &MiningPanel::reselect);
  for (QCheckBox* box : {useRelativeMargin_, useAbsoluteMargin_, useMaxScore_})
    connect(box, &QCheckBox::toggled, this, &MiningPanel::reselect);
  connect(sampling_, &QComboBox::currentIndexChanged, this, &MiningPanel::reselect);

  auto* settings = new QGroupBox;
  auto* settingsForm = new QFormLayout(settings);
  auto* rangeLabel = new QLabel;
  auto* rangeRow = new QHBoxLayout;
  auto* rangeTo = new QLabel(QStringLiteral("–"));
  rangeRow->addWidget(rangeStart_, 1);
  rangeRow->addWidget(rangeTo);
  rangeRow->addWidget(rangeEnd_, 1);
  auto* numberLabel = new QLabel;
  auto* samplingLabel = new QLabel;
  settingsForm->addRow(rangeLabel, rangeRow);
  settingsForm->addRow(numberLabel, negativeNumber_);
  settingsForm->addRow(samplingLabel, sampling_);
  settingsForm->addRow(useRelativeMargin_, relativeMargin_);
  settingsForm->addRow(useAbsoluteMargin_, absoluteMargin_);
  settingsForm->addRow(useMaxScore_, maxScore_);

  // ---- mine all
  controls_ = new JobControls;
  connect(controls_, &JobControls::runClicked, this, [this] {
    const QString input = pathOf(trainingFile_);
    QString suggested = input;
    suggested.replace(QRegularExpression(QStringLiteral("\\.jsonl$")), QString());
    const QString output = QFileDialog::getSaveFileName(
        this, tr("Write the mined training data to"), suggested + QStringLiteral(".mined.jsonl"),
        tr("Training data (*.jsonl)"));
    if (!output.isEmpty()) mineAll(output.toStdString());
  });
  connect(controls_, &JobControls::record, this, &MiningPanel::showMiningReport);
  connect(controls_, &JobControls::finished, this, [this](int exitCode, const QString& error) {
    emit mined(jobOutput_, exitCode == 0 ? QString() : error);
  });
  auto* mineBox = new QGroupBox;
  auto* mineLayout = new QVBoxLayout(mineBox);
  mineLayout->addWidget(controls_);
  jobReport_ = new QPlainTextEdit;
  jobReport_->setReadOnly(true);
  jobReport_->setMaximumHeight(jobReport_->fontMetrics().lineSpacing() * 9);
  jobReport_->hide();
  mineLayout->addWidget(jobReport_);

  statistics_ = new QLabel;
  statistics_->setWordWrap(true);
  statistics_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  statistics_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  statistics_->setMinimumHeight(statistics_->fontMetrics().lineSpacing() * 6);

  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(inputs);
  leftLayout->addWidget(settings);
  leftLayout->addWidget(statistics_);
  leftLayout->addWidget(mineBox);
  leftLayout->addStretch(1);
  // The controls scroll when the screen is short rather than making the window taller.
  auto* leftScroll = new QScrollArea;
  leftScroll->setWidget(left);
  leftScroll->setWidgetResizable(true);
  leftScroll->setFrameShape(QFrame::NoFrame);
  leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  left->setMaximumWidth(440);
  leftScroll->setFixedWidth(440 + leftScroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent));

  // ---- the preview
  queries_ = new QListWidget;
  queries_->setWordWrap(true);
  connect(queries_, &QListWidget::currentRowChanged, this, &MiningPanel::showQuery);
  ranking_ = new QTableWidget(0, 4);
  ranking_->verticalHeader()->hide();
  ranking_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  ranking_->setSelectionBehavior(QAbstractItemView::SelectRows);
  // Rank, score and verdict fit their contents; Text takes the rest (a column as wide as its
  // longest passage would push its own header out of sight). Its full text is the tooltip.
  ranking_->horizontalHeader()->setStretchLastSection(true);
  ranking_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  ranking_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  ranking_->setTextElideMode(Qt::ElideRight);
  positiveNote_ = new QLabel;
  positiveNote_->setObjectName(QStringLiteral("positiveNote"));
  positiveNote_->setWordWrap(true);
  positiveNote_->hide();
  ranking_->setWordWrap(false);
  ranking_->verticalHeader()->setDefaultSectionSize(ranking_->fontMetrics().height() + 8);
  plot_ = new QCustomPlot;
  plot_->setMinimumHeight(200);
  putLegendBelow(plot_);
  plot_->legend->setVisible(false);  // shown with the curves: never an empty box
  addExportMenu(plot_, QStringLiteral("mining-scores.png"));
  auto* rankingBox = new QWidget;
  auto* rankingLayout = new QVBoxLayout(rankingBox);
  rankingLayout->setContentsMargins(0, 0, 0, 0);
  rankingLayout->addWidget(positiveNote_);
  rankingLayout->addWidget(ranking_, 1);
  auto* top = new QSplitter;
  top->addWidget(queries_);
  top->addWidget(rankingBox);
  top->setStretchFactor(1, 3);
  // The ranking (four columns, the passage's text last) gets most of the width; the queries
  // wrap in their list.
  queries_->setMinimumWidth(140);
  top->setSizes({1, 3});
  auto* bottom = new QWidget;
  auto* bottomLayout = new QVBoxLayout(bottom);
  bottomLayout->setContentsMargins(0, 0, 0, 0);
  bottomLayout->addWidget(plot_, 1);
  auto* right = new QSplitter(Qt::Vertical);
  right->addWidget(top);
  right->addWidget(bottom);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 2);

  auto* layout = new QHBoxLayout(this);
  layout->addWidget(leftScroll);
  layout->addWidget(right, 1);

  poll_.setInterval(100);
  connect(&poll_, &QTimer::timeout, this, [this] {
    if (progressState_) progress_->setValue(progressState_->percent());
  });
  connect(&watcher_, &QFutureWatcher<std::shared_ptr<Built>>::finished, this,
          &MiningPanel::onPreviewBuilt);

  translations_.add([=] {
    inputs->setTitle(tr("Sample"));
    settings->setTitle(tr("Selection (updates the preview at once)"));
    mineBox->setTitle(tr("Mine the whole file"));
    modelLabel->setText(tr("&Model:"));
    modelLabel->setBuddy(model_);
    fileLabel->setText(tr("&Training file:"));
    fileLabel->setBuddy(trainingFile_);
    poolLabel->setText(tr("Candidate &pool:"));
    poolLabel->setBuddy(pool_);
    pool_->setItemText(0, tr("(the file's own positives and negatives)"));
    pool_->setToolTip(
        tr("Where negatives come from: the unique positives and negatives of the training file "
           "(the reference's rule), or a pool of {\"text\"} lines"));
    for (QPushButton* button : {browseModel, browseFile, browsePool})
      button->setText(tr("Browse..."));
    sampleLabel->setText(tr("&Queries in the sample:"));
    sampleLabel->setBuddy(sampleSize_);
    seedLabel->setText(tr("S&eed:"));
    seedLabel->setBuddy(seed_);
    lengthLabel->setText(tr("Max &length (tokens):"));
    lengthLabel->setBuddy(maxLength_);
    const auto& options = mine::MiningOptions::table();  // the help --help prints too
    maxLength_->setToolTip(optionHelp(options, "max_len"));
    precision_->retranslate(options);
    previewButton_->setText(tr("&Search the sample"));
    previewButton_->setToolTip(
        tr("Embed the candidates and the sampled queries once; the settings below then "
           "re-select without encoding again"));
    cancelButton_->setText(tr("Cancel"));
    rangeLabel->setText(tr("range_for_sampling:"));
    rangeStart_->setToolTip(optionHelp(options, "range_for_sampling"));
    rangeEnd_->setToolTip(optionHelp(options, "range_for_sampling"));
    numberLabel->setText(tr("negative_number:"));
    negativeNumber_->setToolTip(optionHelp(options, "negative_number"));
    sampling_->setToolTip(optionHelp(options, "sampling"));
    seed_->setToolTip(optionHelp(options, "seed"));
    samplingLabel->setText(tr("Sampling:"));
    sampling_->setItemText(0, tr("random in the range (the reference)"));
    sampling_->setItemText(1, tr("the top of the range"));
    useRelativeMargin_->setText(tr("relative_margin:"));
    useRelativeMargin_->setToolTip(optionHelp(options, "relative_margin"));
    useAbsoluteMargin_->setText(tr("absolute_margin:"));
    useAbsoluteMargin_->setToolTip(optionHelp(options, "absolute_margin"));
    useMaxScore_->setText(tr("max_score:"));
    useMaxScore_->setToolTip(optionHelp(options, "max_score"));
    controls_->setRunText(tr("&Mine all..."));
    controls_->setFailureText(tr("Mining failed: %1"));
    ranking_->setHorizontalHeaderLabels({tr("Rank"), tr("Score"), tr("What"), tr("Text")});
    plot_->xAxis->setLabel(tr("score against the query"));
    plot_->yAxis->setLabel(tr("share of each kind (%)"));
    if (preview_) {
      reselect();  // the list, the ranking, the plot and the statistics (or the refusal) anew
    } else {
      updateStatistics();
    }
  });
}

QLabel* MiningPanel::jobStatus() const {
  return controls_->status();
}

MiningPanel::~MiningPanel() {
  if (cancel_) cancel_->cancel();
  watcher_.waitForFinished();
}

void MiningPanel::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

void MiningPanel::setWorkspace(const std::filesystem::path& workspace) {
  workspace_ = workspace;
  const QString model = pathOf(model_);
  const QString file = pathOf(trainingFile_);
  fillModelChoices(model_, workspace);
  trainingFile_->clear();
  while (pool_->count() > 1)
    pool_->removeItem(1);
  try {
    for (const DatasetEntry& entry : discoverDatasets(workspace)) {
      if (!entry.kind) continue;
      const QString name = QString::fromStdString(entry.name);
      const QString path = QString::fromStdString(entry.path.string());
      if (*entry.kind == DataKind::Training) trainingFile_->addItem(name, path);
      if (*entry.kind == DataKind::Pool) pool_->addItem(name, path);
    }
  } catch (const std::exception&) {
    // An unreadable workspace: the lists stay empty and Browse still works.
  }
  if (!model.isEmpty() && model_->findData(model) >= 0)
    model_->setCurrentIndex(model_->findData(model));
  if (!file.isEmpty() && trainingFile_->findData(file) >= 0)
    trainingFile_->setCurrentIndex(trainingFile_->findData(file));
  // The workspace's own mining settings (the demo's are the tutorial's: 64 tokens, 2-60, 7).
  const WorkspaceSettings settings = workspaceSettings(workspace);
  if (const auto length = settings.integer("mine", "max_len")) maxLength_->setValue(*length);
  if (const auto count = settings.integer("mine", "negative_number"))
    setNegativeNumber(static_cast<std::size_t>(*count));
  if (const auto range = settings.miningRange())
    setRange(static_cast<std::size_t>(range->first), static_cast<std::size_t>(range->second));
  updateStatistics();
}

void MiningPanel::setModel(const std::filesystem::path& folder) {
  choosePath(model_, QString::fromStdString(folder.string()));
}

void MiningPanel::setTrainingFile(const std::filesystem::path& file) {
  choosePath(trainingFile_, QString::fromStdString(file.string()));
}

void MiningPanel::chooseFile(QComboBox* box, bool folder) {
  const QString start =
      workspace_.empty() ? QString() : QString::fromStdString(workspace_.string());
  const QString path =
      folder ? QFileDialog::getExistingDirectory(this, tr("Model folder"), start)
             : QFileDialog::getOpenFileName(this, tr("Data file"), start, tr("JSONL (*.jsonl)"));
  if (!path.isEmpty()) choosePath(box, path);
}

void MiningPanel::preview() {
  if (watcher_.isRunning()) return;
  const QString model = pathOf(model_);
  const QString file = pathOf(trainingFile_);
  if (model.isEmpty() || file.isEmpty()) {
    statistics_->setText(tr("Choose a model folder and a training file first."));
    return;
  }
  // The job's own encoding settings, so that the preview ranks as `mine` will.
  const mine::MiningOptions job = miningOptions({});
  mine::PreviewOptions options;
  options.sampleSize = static_cast<std::size_t>(sampleSize_->value());
  options.seed = job.selection.seed;
  options.search.maxLength = job.encoding.maxLength;
  options.search.queryMaxLength = job.queryMaxLength;
  options.search.passageMaxLength = job.passageMaxLength;
  options.search.batchSize = job.encoding.batchSize;
  options.search.bf16 = job.encoding.bf16;
  options.search.int8 = job.encoding.int8;
  options.search.queryInstruction = job.queryInstruction;
  options.search.passageInstruction = job.passageInstruction;
  progressState_ = std::make_shared<PercentProgress>();
  cancel_ = std::make_shared<CancellationToken>();
  options.search.progress = progressState_.get();
  options.search.cancel = cancel_.get();
  const std::filesystem::path modelFolder = model.toStdString();
  const std::filesystem::path trainingFile = file.toStdString();
  const std::filesystem::path pool = pathOf(pool_).toStdString();
  ++searchesRun_;
  previewButton_->setEnabled(false);
  progress_->setValue(0);
  progress_->setFormat(tr("Embedding and searching: %p%"));
  progress_->show();
  cancelButton_->show();
  poll_.start();
  watcher_.setFuture(QtConcurrent::run([modelFolder, trainingFile, pool, options,
                                        progress = progressState_, cancel = cancel_]() mutable {
    auto built = std::make_shared<Built>();
    try {
      const model::EmbeddingModel loaded = model::EmbeddingModel::load(modelFolder);
      // The CLI's embedding cache: a preview after `mine` (or before it) encodes nothing twice.
      const model::EmbeddingCache cache;
      options.search.cache = &cache;
      options.search.modelFingerprint = model::fingerprintModelFolder(modelFolder);
      built->preview = std::make_shared<mine::MiningPreview>(
          mine::buildMiningPreview(loaded, trainingFile, pool, options));
    } catch (const CancelledError&) {
      built->error = tr("Cancelled.");
    } catch (const std::exception& error) {
      built->error = QString::fromStdString(error.what());
    }
    return built;
  }));
}

void MiningPanel::onPreviewBuilt() {
  poll_.stop();
  progress_->hide();
  cancelButton_->hide();
  previewButton_->setEnabled(true);
  const std::shared_ptr<Built> built = watcher_.result();
  if (!built->error.isEmpty()) {
    statistics_->setText(built->error);
    return;
  }
  preview_ = built->preview;
  textsEncoded_ += preview_->search.textsEncoded;
  reselect();
  queries_->setCurrentRow(0);
  emit previewReady();
}

mine::SelectionOptions MiningPanel::selectionOptions() const {
  return miningOptions({}).selection;
}

mine::MiningOptions MiningPanel::miningOptions(const std::filesystem::path& output) const {
  mine::MiningOptions job;
  job.modelNameOrPath = pathOf(model_).toStdString();
  job.inputFile = pathOf(trainingFile_).toStdString();
  job.candidatePool = pathOf(pool_).toStdString();
  job.outputFile = output.string();
  job.encoding.maxLength = static_cast<std::size_t>(maxLength_->value());
  precision_->applyTo(job.encoding);
  mine::SelectionOptions& options = job.selection;
  options.rangeStart = static_cast<std::size_t>(rangeStart_->value());
  options.rangeEnd =
      static_cast<std::size_t>(std::max(rangeEnd_->value(), rangeStart_->value() + 1));
  options.negativeNumber = static_cast<std::size_t>(negativeNumber_->value());
  options.sampling = sampling_->currentData().toString() == QStringLiteral("top")
                         ? mine::Sampling::Top
                         : mine::Sampling::Random;
  if (useRelativeMargin_->isChecked()) options.relativeMargin = relativeMargin_->value();
  if (useAbsoluteMargin_->isChecked()) options.absoluteMargin = absoluteMargin_->value();
  if (useMaxScore_->isChecked()) options.maxScore = maxScore_->value();
  options.seed = static_cast<std::uint64_t>(seed_->value());
  return job;
}

void MiningPanel::setRange(std::size_t start, std::size_t end) {
  const QSignalBlocker blockStart(rangeStart_);
  const QSignalBlocker blockEnd(rangeEnd_);
  rangeStart_->setValue(static_cast<int>(start));
  rangeEnd_->setValue(static_cast<int>(end));
  reselect();
}

void MiningPanel::setNegativeNumber(std::size_t count) {
  const QSignalBlocker block(negativeNumber_);
  negativeNumber_->setValue(static_cast<int>(count));
  reselect();
}

void MiningPanel::setEncodingLength(std::size_t tokens) {
  maxLength_->setValue(static_cast<int>(tokens));
}

void MiningPanel::reselect() {
  if (rangeEnd_->value() <= rangeStart_->value()) {
    const QSignalBlocker blocker(rangeEnd_);
    rangeEnd_->setValue(rangeStart_->value() + 1);
  }
  if (!preview_) return;
  const mine::SelectionOptions options = selectionOptions();
  try {
    mine::validateSelection(options);  // what `mine` would refuse, the preview refuses too
  } catch (const UsageError& error) {
    selection_ = {};
    queries_->clear();
    ranking_->setRowCount(0);
    positiveNote_->hide();
    drawScores();  // an empty plot: no distribution of a selection that cannot be made
    statistics_->setText(
        tr("These settings cannot be mined: %1").arg(QString::fromStdString(error.what())));
    return;
  }
  selection_ = mine::selectNegatives(preview_->search, preview_->sample, options);
  const int current = std::max(0, queries_->currentRow());
  {
    const QSignalBlocker blocker(queries_);
    queries_->clear();
    for (std::size_t q = 0; q < preview_->sample.size(); ++q) {
      const TrainingExample& example = preview_->sample[q];
      auto* item = new QListWidgetItem(tr("%1\n  line %2 · %3 negatives")
                                           .arg(QString::fromStdString(example.query))
                                           .arg(example.line)
                                           .arg(selection_.perQuery[q].candidates.size()));
      if (selection_.perQuery[q].candidates.size() < options.negativeNumber)
        item->setForeground(kDropped.darker(120));
      queries_->addItem(item);
    }
    queries_->setCurrentRow(std::min(current, queries_->count() - 1));
  }
  showQuery(queries_->currentRow());
  drawScores();
  updateStatistics();
}

void MiningPanel::showQuery(int row) {
  ranking_->setRowCount(0);
  positiveNote_->hide();
  if (!preview_ || row < 0 || row >= static_cast<int>(preview_->sample.size())) return;
  const mine::SelectionOptions options = selectionOptions();
  const std::vector<mine::RankedHit> hits = mine::explainRanking(
      preview_->search, preview_->sample, selection_, static_cast<std::size_t>(row), options);
  ranking_->setRowCount(static_cast<int>(hits.size()));
  int at = 0;
  for (const mine::RankedHit& hit : hits) {
    QString what;
    QColor color = kOutside;
    switch (hit.verdict) {
      case mine::CandidateVerdict::PositiveOrQuery:
        what = tr("positive");
        color = kPositive;
        break;
      case mine::CandidateVerdict::MaxScore:
      case mine::CandidateVerdict::RelativeMargin:
      case mine::CandidateVerdict::AbsoluteMargin:
        what = hit.inRange ? tr("dropped: probable false negative") : tr("above the margin");
        color = hit.inRange ? kDropped : kOutside;
        break;
      case mine::CandidateVerdict::Keep:
        what = hit.chosen    ? tr("chosen negative")
               : hit.inRange ? tr("in range, not drawn")
                             : tr("outside the range");
        color = hit.chosen ? kChosen : kOutside;
        break;
    }
    const QString cells[] = {QString::number(hit.rank),
                             QString::number(static_cast<double>(hit.score), 'f', 4), what,
                             QString::fromStdString(preview_->search.candidates[hit.candidate])
                                 .replace(QLatin1Char('\n'), QLatin1Char(' '))};
    for (int column = 0; column < 4; ++column) {
      auto* item = new QTableWidgetItem(cells[column]);
      item->setForeground(color);
      if (hit.inRange) {
        QColor band = kChosen;
        band.setAlpha(22);
        item->setBackground(band);
      }
      if (column == 3) item->setToolTip(cells[column].left(2000));
      ranking_->setItem(at, column, item);
    }
    ++at;
  }
  for (int column = 0; column < 3; ++column)
    ranking_->resizeColumnToContents(column);
  notePositiveRank(static_cast<std::size_t>(row), hits);
}

void MiningPanel::notePositiveRank(std::size_t query, const std::vector<mine::RankedHit>& hits) {
  // The ranking lists the top kDepth hits: a positive ranked deeper is not in it, and the user
  // should learn where it is rather than look for it.
  const TrainingExample& example = preview_->sample[query];
  const mine::CandidateSearch& search = preview_->search;
  QStringList deeper;
  for (std::size_t p = 0; p < example.positives.size(); ++p) {
    const bool listed = std::any_of(hits.begin(), hits.end(), [&](const mine::RankedHit& hit) {
      return search.candidates[hit.candidate] == example.positives[p];
    });
    if (listed) continue;
    const float score = search.positiveScores[query][p];
    deeper << tr("rank %1 (score %2)")
                  .arg(search.rankAmongCandidates(query, score))
                  .arg(static_cast<double>(score), 0, 'f', 4);
  }
  if (deeper.isEmpty()) return;
  positiveNote_->setText(tr("This query's positive is not among the %1 hits listed: it is at %2 "
                            "of %3 candidates.")
                             .arg(hits.size())
                             .arg(deeper.join(QStringLiteral(", ")))
                             .arg(search.candidates.size()));
  positiveNote_->show();
}

void MiningPanel::drawScores() {
  plot_->clearGraphs();
  plot_->legend->setVisible(false);
  if (!preview_ || selection_.perQuery.size() != preview_->sample.size()) {
    plot_->replot();
    return;
  }
  // The scores of every sampled query's positives, chosen negatives and dropped candidates.
  std::vector<double> positives, chosen, dropped;
  const mine::SelectionOptions options = selectionOptions();
  for (std::size_t q = 0; q < preview_->sample.size(); ++q) {
    for (const float score : preview_->search.positiveScores[q])
      positives.push_back(score);
    for (const float score : selection_.perQuery[q].scores)
      chosen.push_back(score);
    for (const mine::RankedHit& hit :
         mine::explainRanking(preview_->search, preview_->sample, selection_, q, options)) {
      if (hit.inRange && hit.verdict != mine::CandidateVerdict::Keep &&
          hit.verdict != mine::CandidateVerdict::PositiveOrQuery)
        dropped.push_back(hit.score);
    }
  }
  std::vector<ScoreGroup> groups{{std::move(positives), kPositive, QString()},
                                 {std::move(chosen), kChosen, QString()},
                                 {std::move(dropped), kDropped, QString()}};
  groups[0].name = tr("positives (%1)").arg(groups[0].scores.size());
  groups[1].name = tr("chosen negatives (%1)").arg(groups[1].scores.size());
  groups[2].name = tr("dropped as false negatives (%1)").arg(groups[2].scores.size());
  const ScoreRange range = scoreRange(groups);
  drawScoreShares(plot_, groups, range, kScoreBins);
  if (!range.empty()) plot_->xAxis->setRange(range.low, range.high);
  plot_->replot();
}

void MiningPanel::updateStatistics() {
  if (!preview_) {
    if (!watcher_.isRunning())
      statistics_->setText(
          tr("Choose a model and a training file, then search a sample of its queries to see "
             "what a range and a margin would choose."));
    return;
  }
  const mine::MiningStatistics& s = selection_.statistics;
  statistics_->setText(
      tr("%1 of %2 queries, %3 candidates. In the range: %4 candidates; dropped: %5 positive or "
         "the query, %6 by the margins and max_score; %7 negatives chosen, %8 queries short. "
         "%9 queries have a positive ranked inside the range.")
          .arg(preview_->sample.size())
          .arg(preview_->examplesInFile)
          .arg(preview_->search.candidates.size())
          .arg(s.candidatesInRange)
          .arg(s.droppedAsPositiveOrQuery)
          .arg(s.droppedByRelativeMargin + s.droppedByAbsoluteMargin + s.droppedByMaxScore)
          .arg(s.negativesChosen)
          .arg(s.queriesShort)
          .arg(s.queriesWithPositiveInRange));
  // A margin that leaves nothing: say why, rather than show queries without negatives.
  if (useRelativeMargin_->isChecked() && s.droppedByRelativeMargin > 0 && s.eligible == 0) {
    statistics_->setText(
        statistics_->text() + QStringLiteral("\n\n") +
        tr("relative_margin %1 drops every candidate: each scores above %2 x its query's lowest "
           "positive score. This model's scores are too close together for this margin (a "
           "random or untuned model's are): lower the margin or turn it off.")
            .arg(relativeMargin_->value(), 0, 'f', 2)
            .arg(1.0 - relativeMargin_->value(), 0, 'f', 2));
  }
}

QStringList MiningPanel::mineArguments(const std::filesystem::path& output) {
  return jobArguments(QStringLiteral("mine"), miningOptions(output).toJson(), workspace_,
                      jobConfig_);
}

void MiningPanel::mineAll(const std::filesystem::path& output) {
  if (controls_->running()) return;
  if (pathOf(model_).isEmpty() || pathOf(trainingFile_).isEmpty()) {
    controls_->setStatus(tr("Choose a model folder and a training file first."));
    return;
  }
  jobOutput_ = QString::fromStdString(output.string());
  jobReport_->hide();
  const QStringList arguments = mineArguments(output);
  controls_->start(arguments,
                   arguments.isEmpty()
                       ? tr("Cannot write the job's options to %1.").arg(QDir::tempPath())
                       : tr("Mining %1...").arg(pathOf(trainingFile_)));
}

void MiningPanel::showMiningReport(const QJsonObject& line) {
  if (parseJobEvent(line.value(QStringLiteral("event")).toString().toStdString()) != JobEvent::Done)
    return;
  const mine::MiningStatistics statistics = mine::miningStatisticsFromJson(
      nlohmann::json::parse(QJsonDocument(line).toJson(QJsonDocument::Compact).toStdString()));
  controls_->setStatus(tr("Mined %1: %2 negatives chosen, %3 queries short of negatives.")
                           .arg(jobOutput_)
                           .arg(statistics.negativesChosen)
                           .arg(statistics.queriesShort));
  // The whole report, a line per figure, in a box that scrolls.
  QStringList report;
  for (auto field = line.begin(); field != line.end(); ++field) {
    if (field.key() == QStringLiteral("event")) continue;
    const QJsonValue value = field.value();
    const QString text = value.isObject() || value.isArray()
                             ? QString::fromUtf8((value.isObject() ? QJsonDocument(value.toObject())
                                                                   : QJsonDocument(value.toArray()))
                                                     .toJson(QJsonDocument::Compact))
                             : value.toVariant().toString();
    report << field.key() + QStringLiteral(": ") + text;
  }
  jobReport_->setPlainText(report.join('\n'));
  jobReport_->show();
}

void MiningPanel::stopMining() {
  controls_->stop();
}

}  // namespace embedlab::widgets

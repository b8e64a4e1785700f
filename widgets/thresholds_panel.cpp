#include "widgets/thresholds_panel.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryFile>
#include <QTextStream>
#include <QVBoxLayout>
#include <algorithm>

#include "core/data/dataset_discovery.h"
#include "core/model/reranker_model.h"
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

constexpr int kBins = 50;
const QColor kSimilar(0x2e, 0x9e, 0x4f);
const QColor kDissimilar(0xd9, 0x53, 0x4f);
const QColor kLine(0x20, 0x20, 0x20);

QCPItemStraightLine* verticalLine(QCustomPlot* plot) {
  auto* line = new QCPItemStraightLine(plot);
  line->setPen(QPen(kLine, 1.5, Qt::DashLine));
  line->setVisible(false);
  return line;
}

QString describe(const eval::ThresholdPoint& p) {
  return ThresholdsPanel::tr(
             "precision %1 · recall %2 · F1 %3\n"
             "true positives %4 · false positives %5 · false negatives %6 · "
             "true negatives %7")
      .arg(p.precision, 0, 'f', 3)
      .arg(p.recall, 0, 'f', 3)
      .arg(p.f1, 0, 'f', 3)
      .arg(p.truePositives)
      .arg(p.falsePositives)
      .arg(p.falseNegatives)
      .arg(p.trueNegatives);
}

}  // namespace

ThresholdsPanel::ThresholdsPanel(QWidget* parent) : QWidget(parent) {
  model_ = new QComboBox;
  pairs_ = new QComboBox;
  for (QComboBox* box : {model_, pairs_}) {
    box->setMinimumContentsLength(18);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  }
  auto* browsePairs = new QPushButton;
  connect(browsePairs, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Labelled pairs"),
                                                      QString::fromStdString(workspace_.string()),
                                                      tr("Pairs (*.tsv *.jsonl)"));
    if (!file.isEmpty()) choosePath(pairs_, file);
  });
  sigmoid_ = new QCheckBox;
  sigmoid_->setEnabled(false);
  connect(model_, &QComboBox::currentIndexChanged, this, [this] {
    // Only a reranker has a choice of scores: its logit, or sigmoid(logit) in [0, 1].
    const QString model = model_->currentData().toString();
    sigmoid_->setEnabled(!model.isEmpty() && model::RerankerModel::isReranker(model.toStdString()));
  });
  targetPrecision_ = new QDoubleSpinBox;
  targetPrecision_->setRange(0.01, 1.0);
  targetPrecision_->setSingleStep(0.01);
  targetPrecision_->setValue(0.9);
  controls_ = new JobControls;
  connect(controls_, &JobControls::runClicked, this, &ThresholdsPanel::run);
  connect(controls_, &JobControls::finished, this, &ThresholdsPanel::onFinished);
  thresholdBox_ = new QDoubleSpinBox;
  thresholdBox_->setDecimals(4);
  thresholdBox_->setRange(-1.0, 1.0);
  thresholdBox_->setSingleStep(0.005);
  connect(thresholdBox_, &QDoubleSpinBox::valueChanged, this, &ThresholdsPanel::setThreshold);
  useBestF1_ = new QPushButton;
  useTarget_ = new QPushButton;
  useBestF1_->setEnabled(false);
  useTarget_->setEnabled(false);
  connect(useBestF1_, &QPushButton::clicked, this, [this] {
    if (const auto best = bestF1Threshold()) setThreshold(*best);
  });
  connect(useTarget_, &QPushButton::clicked, this, [this] {
    if (report_ && report_->analysis.fit.atTargetPrecision)
      setThreshold(report_->analysis.fit.atTargetPrecision->threshold);
  });
  suggestions_ = new QLabel;
  suggestions_->setWordWrap(true);
  suggestions_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  counts_ = new QLabel;
  counts_->setWordWrap(true);
  counts_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // Wrapped labels in a form do not always get the height they need: reserve it.
  const int line = counts_->fontMetrics().lineSpacing();
  suggestions_->setMinimumHeight(7 * line);
  counts_->setMinimumHeight(9 * line);
  for (QLabel* label : {suggestions_, counts_})
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);

  auto* setup = new QGroupBox;
  auto* form = new QFormLayout(setup);
  auto* modelLabel = new QLabel;
  auto* pairsLabel = new QLabel;
  auto* targetLabel = new QLabel;
  auto* pairsRow = new QHBoxLayout;
  pairsRow->addWidget(pairs_, 1);
  pairsRow->addWidget(browsePairs);
  form->addRow(modelLabel, model_);
  form->addRow(pairsLabel, pairsRow);
  form->addRow(targetLabel, targetPrecision_);
  form->addRow(sigmoid_);
  form->addRow(controls_);
  auto* chosen = new QGroupBox;
  auto* chosenLayout = new QVBoxLayout(chosen);
  auto* thresholdRow = new QHBoxLayout;
  auto* thresholdLabel = new QLabel;
  thresholdRow->addWidget(thresholdLabel);
  thresholdRow->addWidget(thresholdBox_, 1);
  chosenLayout->addLayout(thresholdRow);
  auto* suggestionRow = new QHBoxLayout;
  suggestionRow->addWidget(useBestF1_);
  suggestionRow->addWidget(useTarget_);
  chosenLayout->addLayout(suggestionRow);
  chosenLayout->addWidget(suggestions_);
  chosenLayout->addWidget(counts_);
  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(setup);
  leftLayout->addWidget(chosen);
  leftLayout->addStretch(1);
  left->setMaximumWidth(460);

  distributions_ = new QCustomPlot;
  curves_ = new QCustomPlot;
  for (QCustomPlot* plot : {distributions_, curves_}) {
    plot->setMinimumHeight(220);
    putLegendBelow(plot);
    plot->legend->setVisible(false);  // shown with the curves
    plot->setCursor(Qt::SizeHorCursor);
    connect(plot, &QCustomPlot::mousePress, this,
            [this, plot](QMouseEvent* event) { dragTo(plot, event); });
    connect(plot, &QCustomPlot::mouseMove, this, [this, plot](QMouseEvent* event) {
      if (event->buttons() & Qt::LeftButton) dragTo(plot, event);
    });
  }
  addExportMenu(distributions_, QStringLiteral("score-distributions.png"));
  addExportMenu(curves_, QStringLiteral("threshold-curves.png"));
  distributionLine_ = verticalLine(distributions_);
  curveLine_ = verticalLine(curves_);
  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(distributions_, 1);
  rightLayout->addWidget(curves_, 1);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(left);
  layout->addWidget(right, 1);

  translations_.add([=] {
    setup->setTitle(tr("Score labelled pairs"));
    modelLabel->setText(tr("Model:"));
    pairsLabel->setText(tr("Pairs:"));
    const auto& options = eval::ThresholdOptions::table();  // the help --help prints too
    model_->setToolTip(optionHelp(options, "model_name_or_path"));
    pairs_->setToolTip(optionHelp(options, "pairs"));
    targetPrecision_->setToolTip(optionHelp(options, "target_precision"));
    browsePairs->setText(tr("Browse..."));
    targetLabel->setText(tr("Target precision:"));
    controls_->setRunText(tr("&Score and fit"));
    controls_->setFailureText(tr("Scoring failed: %1"));
    chosen->setTitle(tr("Threshold (drag the line in the plots)"));
    thresholdLabel->setText(tr("Similar when the score is at least"));
    useBestF1_->setText(tr("Best F1"));
    useTarget_->setText(tr("Target precision"));
    sigmoid_->setText(tr("Reranker: sigmoid scores in [0, 1]"));
    sigmoid_->setToolTip(optionHelp(options, "normalize_scores"));
    distributions_->xAxis->setLabel(scoreName());
    distributions_->yAxis->setLabel(tr("share of pairs (%)"));
    curves_->xAxis->setLabel(tr("threshold"));
    curves_->yAxis->setLabel(tr("precision, recall, F1"));
    if (report_) {
      showSummary();
      drawDistributions();
      drawCurves();
      updateCounts();
    } else if (controls_->status()->text().isEmpty()) {
      controls_->setStatus(
          tr("Choose a model and labelled pairs, then score them: the thresholds "
             "are fitted on half of the pairs and reported on the other half."));
    }
  });
}

ThresholdsPanel::~ThresholdsPanel() = default;

QLabel* ThresholdsPanel::status() const {
  return controls_->status();
}

void ThresholdsPanel::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

void ThresholdsPanel::setWorkspace(const std::filesystem::path& workspace) {
  workspace_ = workspace;
  fillModelChoices(model_, workspace);
  pairs_->clear();
  int mined = -1;
  try {
    for (const DatasetEntry& entry : discoverDatasets(workspace)) {
      const bool tsvPairs = !entry.kind && entry.path.extension() == ".tsv";
      if (entry.kind == DataKind::Training || tsvPairs) {
        pairs_->addItem(QString::fromStdString(entry.name),
                        QString::fromStdString(entry.path.string()));
        pairs_->setItemData(pairs_->count() - 1, QString::fromStdString(entry.path.string()),
                            Qt::ToolTipRole);
        // A mined file has dissimilar pairs (its negatives); raw training data often has none.
        if (mined < 0 && entry.name.find("mined") != std::string::npos) mined = pairs_->count() - 1;
      }
    }
  } catch (const std::exception&) {
    // An unreadable workspace: Browse still works.
  }
  if (mined >= 0) pairs_->setCurrentIndex(mined);
  clearResults();  // another workspace's results would not match the inputs shown
}

void ThresholdsPanel::clearResults() {
  report_.reset();
  fitPairs_.clear();
  heldOutPairs_.clear();
  suggestions_->clear();
  counts_->clear();
  controls_->setStatus(
      tr("Choose a model and labelled pairs, then score them: the thresholds "
         "are fitted on half of the pairs and reported on the other half."));
  useBestF1_->setEnabled(false);
  useTarget_->setEnabled(false);
  drawDistributions();
  drawCurves();
}

QString ThresholdsPanel::pairsProblem(const QString& file) {
  // A file without dissimilar pairs fails only after every text is scored: say so first. The
  // scan stops at the first dissimilar pair; a huge file is left to the job past 64 MB.
  QFile in(file);
  if (!in.open(QIODevice::ReadOnly)) return tr("%1 cannot be read.").arg(file);
  const bool tsv = file.endsWith(QStringLiteral(".tsv"), Qt::CaseInsensitive);
  qint64 read = 0;
  while (!in.atEnd() && read < (64 << 20)) {
    const QByteArray line = in.readLine();
    read += line.size();
    if (tsv) {
      const QList<QByteArray> cells = line.trimmed().split('\t');
      if (cells.size() >= 3 && cells.last().toDouble() <= 0 && cells.last() != "label") return {};
      continue;
    }
    const nlohmann::json record = nlohmann::json::parse(line.toStdString(), nullptr, false);
    if (record.is_object() && record.contains("neg") && record["neg"].is_array() &&
        !record["neg"].empty())
      return {};
  }
  if (read >= (64 << 20)) return {};
  return tsv ? tr("%1 has no dissimilar pair (no line labelled 0): a threshold needs both "
                  "kinds.")
                   .arg(file)
             : tr("%1 has no dissimilar pairs: no line has \"neg\" texts. Mine negatives "
                  "first (Mining panel) and choose the mined file.")
                   .arg(file);
}

void ThresholdsPanel::setModel(const std::filesystem::path& folder) {
  choosePath(model_, QString::fromStdString(folder.string()));
}

void ThresholdsPanel::setPairs(const std::filesystem::path& file) {
  choosePath(pairs_, QString::fromStdString(file.string()));
}

void ThresholdsPanel::run() {
  if (controls_->running()) return;
  const QString model = model_->currentData().toString();
  const QString pairs = pairs_->currentData().toString();
  if (model.isEmpty() || pairs.isEmpty()) {
    controls_->setStatus(tr("Choose a model and a file of labelled pairs first."));
    emit analysed(controls_->status()->text());
    return;
  }
  if (const QString problem = pairsProblem(pairs); !problem.isEmpty()) {
    controls_->setStatus(problem);
    emit analysed(problem);
    return;
  }
  const std::string stamp = QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss").toStdString();
  const std::filesystem::path runs =
      workspace_.empty() ? std::filesystem::temp_directory_path() : workspace_ / "runs";
  std::filesystem::create_directories(runs);
  reportFile_ = runs / ("threshold-" + stamp + ".json");
  scoresFile_ = runs / ("threshold-" + stamp + ".scores.jsonl");
  // The job's options as the CLI reads them (`threshold --config`), typed.
  eval::ThresholdOptions options;
  options.modelNameOrPath = model.toStdString();
  options.pairs = pairs.toStdString();
  options.analysis.targetPrecision = targetPrecision_->value();
  options.normalizeScores = sigmoid_->isEnabled() && sigmoid_->isChecked();
  options.output = reportFile_.string();
  options.scores = scoresFile_.string();
  const QStringList arguments =
      jobArguments(QStringLiteral("threshold"), options.toJson(), workspace_, jobConfig_);
  if (arguments.isEmpty()) {
    controls_->setStatus(tr("Cannot write the job's options to %1.").arg(QDir::tempPath()));
    emit analysed(controls_->status()->text());
    return;
  }
  controls_->start(arguments, tr("Scoring %1...").arg(pairs));
}

void ThresholdsPanel::onFinished(int exitCode, const QString& error) {
  if (exitCode != 0) {
    emit analysed(error.isEmpty() ? tr("failed") : error);
    return;
  }
  load();
  emit analysed(QString());
}

QString ThresholdsPanel::scoreName() const {
  const std::string score = report_ ? report_->score : std::string("cosine");
  if (score == "reranker logit") return tr("reranker logit");
  if (score == "reranker sigmoid(logit)") return tr("reranker score, sigmoid(logit)");
  return tr("cosine similarity");
}

void ThresholdsPanel::load() {
  QFile reportFile(QString::fromStdString(reportFile_.string()));
  if (!reportFile.open(QIODevice::ReadOnly)) return;
  try {
    report_ = eval::thresholdReportFromJson(
        nlohmann::json::parse(reportFile.readAll().toStdString()), reportFile_.string());
  } catch (const std::exception& error) {  // a damaged or foreign report
    report_.reset();
    controls_->setStatus(QString::fromStdString(error.what()));
    return;
  }
  fitPairs_.clear();
  heldOutPairs_.clear();
  QFile scores(QString::fromStdString(scoresFile_.string()));
  if (scores.open(QIODevice::ReadOnly)) {
    while (!scores.atEnd()) {
      const nlohmann::json line =
          nlohmann::json::parse(scores.readLine().toStdString(), nullptr, false);
      if (!line.is_object()) continue;
      eval::LabelledPair pair{line.value("group", ""), line.value("score", 0.0),
                              line.value("similar", false)};
      (line.value("part", "") == "fit" ? fitPairs_ : heldOutPairs_).push_back(std::move(pair));
    }
  }
  // Logits are not bounded like cosines: the threshold may go wherever the scores are.
  double low = -1.0;
  double high = 1.0;
  for (const auto* part : {&fitPairs_, &heldOutPairs_}) {
    for (const eval::LabelledPair& pair : *part) {
      low = std::min(low, pair.score);
      high = std::max(high, pair.score);
    }
  }
  thresholdBox_->setRange(low, high);
  distributions_->xAxis->setLabel(scoreName());
  showSummary();
  const eval::ThresholdChoice& fit = report_->analysis.fit;
  useBestF1_->setEnabled(true);
  useTarget_->setEnabled(fit.atTargetPrecision.has_value());
  drawDistributions();
  drawCurves();
  setThreshold(fit.bestF1.threshold);
}

void ThresholdsPanel::showSummary() {
  const eval::ThresholdAnalysis& a = report_->analysis;
  QString text = tr("Fitted on %1 pairs (%2 groups), reported on the other %3 pairs (%4 groups).")
                     .arg(a.fitPairs)
                     .arg(a.fitGroups)
                     .arg(a.heldOutPairs)
                     .arg(a.heldOutGroups);
  text += "\n" + tr("Best F1: threshold %1, F1 %2 where fitted, %3 on the other part.")
                     .arg(a.fit.bestF1.threshold, 0, 'f', 4)
                     .arg(a.fit.bestF1.f1, 0, 'f', 3)
                     .arg(a.heldOutAtBestF1.f1, 0, 'f', 3);
  if (a.fit.atTargetPrecision && a.heldOutAtTargetPrecision) {
    text += "\n" + tr("Precision %1: threshold %2; precision %3 on the other part, recall %4.")
                       .arg(targetPrecision_->value(), 0, 'f', 2)
                       .arg(a.fit.atTargetPrecision->threshold, 0, 'f', 4)
                       .arg(a.heldOutAtTargetPrecision->precision, 0, 'f', 3)
                       .arg(a.heldOutAtTargetPrecision->recall, 0, 'f', 3);
  } else {
    text += "\n" + tr("No threshold reaches a precision of %1 on the fit part.")
                       .arg(targetPrecision_->value(), 0, 'f', 2);
  }
  suggestions_->setText(text);
  controls_->setStatus(
      tr("Scores in %1.").arg(QString::fromStdString(shownInWorkspace(workspace_, scoresFile_))));
}

void ThresholdsPanel::drawDistributions() {
  QCustomPlot* plot = distributions_;
  std::vector<double> similar, dissimilar;
  for (const auto* part : {&fitPairs_, &heldOutPairs_}) {
    for (const eval::LabelledPair& pair : *part)
      (pair.similar ? similar : dissimilar).push_back(pair.score);
  }
  std::vector<ScoreGroup> groups{{std::move(similar), kSimilar, QString()},
                                 {std::move(dissimilar), kDissimilar, QString()}};
  groups[0].name = tr("similar pairs (%1)").arg(groups[0].scores.size());
  groups[1].name = tr("dissimilar pairs (%1)").arg(groups[1].scores.size());
  const ScoreRange range = scoreRange(groups);
  drawScoreShares(plot, groups, range, kBins);
  if (!range.empty()) {
    const double width = (range.high - range.low) / kBins;
    plot->xAxis->setRange(range.low - width, range.high + width);
  }
  plot->replot();
}

void ThresholdsPanel::drawCurves() {
  QCustomPlot* plot = curves_;
  plot->clearGraphs();
  const std::vector<eval::ThresholdPoint> curve =
      report_ ? report_->analysis.curve : std::vector<eval::ThresholdPoint>{};
  plot->legend->setVisible(!curve.empty());  // no empty legend box
  if (curve.empty()) {
    plot->replot();
    return;
  }
  QVector<double> x, precision, recall, f1;
  for (auto it = curve.rbegin(); it != curve.rend(); ++it) {  // lowest threshold first
    x << it->threshold;
    precision << it->precision;
    recall << it->recall;
    f1 << it->f1;
  }
  const auto add = [&](const QVector<double>& y, QColor color, const QString& name) {
    QCPGraph* graph = plot->addGraph();
    graph->setName(name);
    graph->setPen(QPen(color, 2));
    graph->setData(x, y, true);
  };
  add(precision, QColor(0x2b, 0x57, 0x97), tr("precision"));
  add(recall, QColor(0xe0, 0x9a, 0x1e), tr("recall"));
  add(f1, QColor(0x20, 0x20, 0x20), tr("F1"));
  // The same score axis as the distributions above, so that the two threshold lines align.
  plot->xAxis->setRange(distributions_->graphCount() > 0 ? distributions_->xAxis->range()
                                                         : QCPRange(x.front(), x.back()));
  plot->yAxis->setRange(0, 1.05);
  plot->replot();
}

void ThresholdsPanel::setThreshold(double threshold) {
  threshold_ = threshold;
  {
    const QSignalBlocker blocker(thresholdBox_);
    thresholdBox_->setValue(threshold);
  }
  for (QCPItemStraightLine* line : {distributionLine_, curveLine_}) {
    if (line == nullptr) continue;
    line->point1->setCoords(threshold, 0);
    line->point2->setCoords(threshold, 1);
    line->setVisible(report_.has_value());
  }
  distributions_->replot();
  curves_->replot();
  updateCounts();
  emit thresholdChanged(threshold);
}

eval::ThresholdPoint ThresholdsPanel::heldOutCounts() const {
  return eval::evaluateThreshold(heldOutPairs_, threshold_);
}

eval::ThresholdPoint ThresholdsPanel::fitCounts() const {
  return eval::evaluateThreshold(fitPairs_, threshold_);
}

std::optional<double> ThresholdsPanel::bestF1Threshold() const {
  if (!report_) return std::nullopt;
  return report_->analysis.fit.bestF1.threshold;
}

void ThresholdsPanel::updateCounts() {
  if (!report_) {
    counts_->clear();
    return;
  }
  counts_->setText(tr("On the held-out part (what to expect on new pairs):\n%1\n\nOn the fit "
                      "part:\n%2")
                       .arg(describe(heldOutCounts()), describe(fitCounts())));
}

void ThresholdsPanel::dragTo(QCustomPlot* plot, QMouseEvent* event) {
  if (!report_) return;
  setThreshold(plot->xAxis->pixelToCoord(event->position().x()));
}

}  // namespace embedlab::widgets

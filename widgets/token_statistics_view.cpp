#include "widgets/token_statistics_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <algorithm>
#include <cmath>
#include <mutex>

#include "core/common/error.h"
#include "core/model/model_discovery.h"
#include "core/text/tokenizer.h"
#include "core/train/training_options.h"
#include "widgets/plot_export.h"

namespace embedlab::widgets {

struct TokenStatisticsView::Live {
  std::mutex mutex;
  TokenStatistics latest;
  int version = 0;
};

namespace {

constexpr int kMaxRecentTokenizers = 8;
constexpr int kTargetBins = 60;
const QColor kKept(0x2b, 0x57, 0x97);
const QColor kTruncated(0xd9, 0x53, 0x4f);
const QColor kNegatives(0x2e, 0x9e, 0x4f);

const char* kRecentKey = "statistics/recentTokenizers";
const char* kQueryMaxKey = "statistics/queryMaxLength";
const char* kPassageMaxKey = "statistics/passageMaxLength";

QCustomPlot* makePlot(const QString& exportName) {
  auto* plot = new QCustomPlot;
  plot->setMinimumSize(200, 200);
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->axisRect()->setRangeZoom(Qt::Horizontal);
  plot->axisRect()->setRangeDrag(Qt::Horizontal);
  addExportMenu(plot, exportName);
  return plot;
}

QString percent(double share) {
  return QLocale().toString(100.0 * share, 'f', share > 0 && share < 0.001 ? 2 : 1) + "%";
}

QString number(std::uint64_t value) {
  return QLocale().toString(static_cast<qulonglong>(value));
}

}  // namespace

TokenStatisticsView::TokenStatisticsView(QWidget* parent) : QWidget(parent) {
  const train::TrainingOptions defaults;
  QSettings settings;
  tokenizerLabel_ = new QLabel;
  tokenizer_ = new QComboBox;
  tokenizer_->setMinimumContentsLength(16);
  tokenizer_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  browse_ = new QPushButton;
  queryMaxLabel_ = new QLabel;
  queryMaxLength_ = new QSpinBox;
  queryMaxLength_->setRange(1, 32768);
  queryMaxLength_->setValue(settings.value(kQueryMaxKey, defaults.queryMaxLen).toInt());
  passageMaxLabel_ = new QLabel;
  passageMaxLength_ = new QSpinBox;
  passageMaxLength_->setObjectName(QStringLiteral("passageMaxLength"));
  passageMaxLength_->setRange(1, 32768);
  passageMaxLength_->setValue(settings.value(kPassageMaxKey, defaults.passageMaxLen).toInt());
  instructionLabel_ = new QLabel;
  queryInstruction_ = new QLineEdit;
  queryInstruction_->setClearButtonEnabled(true);
  queryInstruction_->setMinimumWidth(queryInstruction_->fontMetrics().horizontalAdvance(
      QStringLiteral("Represent this sentence: ")));
  tokenizerLabel_->setBuddy(tokenizer_);
  queryMaxLabel_->setBuddy(queryMaxLength_);
  passageMaxLabel_->setBuddy(passageMaxLength_);
  instructionLabel_->setBuddy(queryInstruction_);

  auto* controls = new QHBoxLayout;
  controls->addWidget(tokenizerLabel_);
  controls->addWidget(tokenizer_, 2);
  controls->addWidget(browse_);
  // Three rows (tokenizer; instruction; the two limits), so that the panel fits a 1024-pixel
  // window beside the dataset list, in German too.
  auto* instructionRow = new QHBoxLayout;
  instructionRow->addWidget(instructionLabel_);
  instructionRow->addWidget(queryInstruction_, 1);
  auto* limits = new QHBoxLayout;
  limits->addWidget(queryMaxLabel_);
  limits->addWidget(queryMaxLength_);
  limits->addSpacing(12);
  limits->addWidget(passageMaxLabel_);
  limits->addWidget(passageMaxLength_);
  limits->addStretch(1);

  progress_ = new QProgressBar;
  progress_->setRange(0, 100);
  cancelButton_ = new QPushButton;
  auto* progressRow = new QHBoxLayout;
  progressRow->addWidget(progress_, 1);
  progressRow->addWidget(cancelButton_);
  progress_->hide();
  cancelButton_->hide();

  summary_ = new QLabel;
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  queryTruncation_ = new QLabel;
  passageTruncation_ = new QLabel;
  for (QLabel* label : {queryTruncation_, passageTruncation_}) {
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  }
  queryPlot_ = makePlot(QStringLiteral("query-lengths.png"));
  passagePlot_ = makePlot(QStringLiteral("passage-lengths.png"));
  for (QCustomPlot* plot : {queryPlot_, passagePlot_}) {
    // The limit lines are handles: drag one to try another limit (elsewhere, a drag pans).
    connect(plot, &QCustomPlot::mousePress, this, [this, plot](QMouseEvent* event) {
      if (event->button() != Qt::LeftButton || !nearLimitLine(plot, event->position().x())) return;
      draggedPlot_ = plot;
      plot->setInteraction(QCP::iRangeDrag, false);  // before the axis rectangle starts a pan
    });
    connect(plot, &QCustomPlot::mouseMove, this, [this, plot](QMouseEvent* event) {
      if (draggedPlot_ == plot) {
        const double at = plot->xAxis->pixelToCoord(event->position().x());
        (plot == queryPlot_ ? queryMaxLength_ : passageMaxLength_)
            ->setValue(std::max(1, static_cast<int>(std::lround(at - 0.5))));
        return;
      }
      plot->setCursor(nearLimitLine(plot, event->position().x()) ? Qt::SizeHorCursor
                                                                 : Qt::ArrowCursor);
    });
    connect(plot, &QCustomPlot::mouseRelease, this, [this, plot](QMouseEvent*) {
      if (draggedPlot_ != plot) return;
      draggedPlot_ = nullptr;
      plot->setInteraction(QCP::iRangeDrag, true);
    });
  }
  negativesPlot_ = makePlot(QStringLiteral("negatives-per-query.png"));

  auto* plots = new QWidget;
  auto* grid = new QGridLayout(plots);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->addWidget(summary_, 0, 0, 1, 3);
  grid->addWidget(queryTruncation_, 1, 0);
  grid->addWidget(passageTruncation_, 1, 1);
  grid->addWidget(queryPlot_, 2, 0);
  grid->addWidget(passagePlot_, 2, 1);
  grid->addWidget(negativesPlot_, 2, 2);
  grid->setRowStretch(2, 1);
  for (int column = 0; column < 3; ++column)
    grid->setColumnStretch(column, 1);

  hint_ = new QLabel;
  hint_->setWordWrap(true);
  hint_->setAlignment(Qt::AlignCenter);
  hint_->setMargin(24);
  pages_ = new QStackedWidget;
  pages_->addWidget(hint_);
  pages_->addWidget(plots);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(controls);
  layout->addLayout(instructionRow);
  layout->addLayout(limits);
  layout->addLayout(progressRow);
  layout->addWidget(pages_, 1);

  connect(browse_, &QPushButton::clicked, this, &TokenStatisticsView::chooseTokenizerFolder);
  connect(tokenizer_, &QComboBox::currentIndexChanged, this, [this] {
    stale_ = true;
    if (isVisible()) start();
  });
  connect(queryInstruction_, &QLineEdit::editingFinished, this, [this] {
    stale_ = true;
    if (isVisible()) start();
  });
  const auto limitsChanged = [this] {
    QSettings().setValue(kQueryMaxKey, queryMaxLength_->value());
    QSettings().setValue(kPassageMaxKey, passageMaxLength_->value());
    display();
  };
  connect(queryMaxLength_, &QSpinBox::valueChanged, this, limitsChanged);
  connect(passageMaxLength_, &QSpinBox::valueChanged, this, limitsChanged);
  connect(cancelButton_, &QPushButton::clicked, this, &TokenStatisticsView::cancel);
  connect(&watcher_, &QFutureWatcher<std::shared_ptr<Outcome>>::finished, this,
          &TokenStatisticsView::onFinished);
  poll_.setInterval(200);
  connect(&poll_, &QTimer::timeout, this, &TokenStatisticsView::pollSnapshot);

  retranslate();
  fillTokenizerChoices();
  display();
}

TokenStatisticsView::~TokenStatisticsView() {
  cancel();
  watcher_.waitForFinished();
}

void TokenStatisticsView::retranslate() {
  tokenizerLabel_->setText(tr("&Tokenizer:"));
  tokenizer_->setToolTip(
      tr("The model folder whose tokenizer counts the tokens (tokenizer.json or vocab.txt)"));
  browse_->setText(tr("Browse..."));
  queryMaxLabel_->setText(tr("&query_max_len:"));
  passageMaxLabel_->setText(tr("&passage_max_len:"));
  queryMaxLength_->setToolTip(tr("Tokens per query, special tokens included, as training uses"));
  passageMaxLength_->setToolTip(tr("Tokens per passage, special tokens included"));
  instructionLabel_->setText(tr("Query &instruction:"));
  queryInstruction_->setPlaceholderText(tr("none (e.g. \"query: \" for E5)"));
  queryInstruction_->setToolTip(
      tr("Put before every query without a \"prompt\" of its own, as "
         "query_instruction_for_retrieval does in training"));
  cancelButton_->setText(tr("Cancel"));
  hint_->setText(
      tr("Choose a model folder (one with tokenizer.json or vocab.txt) to count query and "
         "passage lengths in tokens, as the model will see them, and to see how much "
         "query_max_len and passage_max_len would truncate."));
  queryPlot_->xAxis->setLabel(tr("query length (tokens)"));
  passagePlot_->xAxis->setLabel(tr("passage length (tokens)"));
  for (QCustomPlot* plot : {queryPlot_, passagePlot_})
    plot->yAxis->setLabel(tr("share of texts (%)"));
  negativesPlot_->xAxis->setLabel(tr("negatives per query"));
  negativesPlot_->yAxis->setLabel(tr("queries"));
  if (tokenizer_->count() > 0 && tokenizer_->itemData(0).toString().isEmpty())
    tokenizer_->setItemText(0, tr("(no model folder found)"));
  display();
}

void TokenStatisticsView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void TokenStatisticsView::setWorkspace(const std::filesystem::path& workspace) {
  workspace_ = workspace;
  fillTokenizerChoices();
}

void TokenStatisticsView::fillTokenizerChoices() {
  const QSignalBlocker blocker(tokenizer_);
  const QString current = tokenizer_->currentData().toString();
  tokenizer_->clear();
  if (!workspace_.empty()) {
    for (const model::ModelFolder& folder : model::discoverModelFolders(workspace_)) {
      tokenizer_->addItem(QString::fromStdString(folder.name),
                          QString::fromStdString(folder.path.string()));
    }
  }
  for (const QString& recent : QSettings().value(kRecentKey).toStringList()) {
    if (tokenizer_->findData(recent) >= 0 || !model::hasTokenizer(recent.toStdString())) continue;
    addFolderChoice(recent);
  }
  if (tokenizer_->count() == 0) {
    tokenizer_->addItem(tr("(no model folder found)"), QString());
  }
  const int keep = tokenizer_->findData(current);
  tokenizer_->setCurrentIndex(keep >= 0 ? keep : 0);
  if (tokenizer_->currentData().toString() != current) stale_ = true;
}

void TokenStatisticsView::addFolderChoice(const QString& path) {
  // The folder's name is what people recognise; the whole path is in the tooltip.
  tokenizer_->addItem(QDir(path).dirName(), path);
  tokenizer_->setItemData(tokenizer_->count() - 1, QDir::toNativeSeparators(path), Qt::ToolTipRole);
}

std::filesystem::path TokenStatisticsView::tokenizerFolder() const {
  return tokenizer_->currentData().toString().toStdString();
}

void TokenStatisticsView::setTokenizerFolder(const std::filesystem::path& folder) {
  const QString path = QString::fromStdString(folder.string());
  QStringList recent = QSettings().value(kRecentKey).toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kMaxRecentTokenizers)
    recent.removeLast();
  QSettings().setValue(kRecentKey, recent);
  {
    const QSignalBlocker blocker(tokenizer_);  // one recount below, not one per change
    int at = tokenizer_->findData(path);
    if (at < 0) {
      if (tokenizer_->count() == 1 && tokenizer_->itemData(0).toString().isEmpty())
        tokenizer_->removeItem(0);  // the "(no model folder found)" placeholder
      addFolderChoice(path);
      at = tokenizer_->count() - 1;
    }
    tokenizer_->setCurrentIndex(at);
  }
  stale_ = true;
  if (isVisible()) start();
}

void TokenStatisticsView::chooseTokenizerFolder() {
  const QString folder = QFileDialog::getExistingDirectory(
      this, tr("Model folder with a tokenizer"),
      workspace_.empty() ? QString() : QString::fromStdString(workspace_.string()));
  if (folder.isEmpty()) return;
  if (!model::hasTokenizer(folder.toStdString())) {
    error_ = tr("%1 has neither tokenizer.json nor vocab.txt.").arg(folder);
    updateSummary();
    pages_->setCurrentIndex(1);
    return;
  }
  setTokenizerFolder(folder.toStdString());
}

void TokenStatisticsView::setMaxLengths(int queryMaxLength, int passageMaxLength) {
  queryMaxLength_->setValue(queryMaxLength);
  passageMaxLength_->setValue(passageMaxLength);
}

void TokenStatisticsView::setInputs(std::vector<Input> inputs) {
  if (inputs == inputs_) return;
  cancel();
  inputs_ = std::move(inputs);
  statistics_ = {};
  error_.clear();
  stale_ = true;
  display();
  if (isVisible()) start();
}

void TokenStatisticsView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (stale_) start();
}

void TokenStatisticsView::cancel() {
  if (cancel_) cancel_->cancel();
  poll_.stop();
  progress_->hide();
  cancelButton_->hide();
}

void TokenStatisticsView::start() {
  const std::filesystem::path folder = tokenizerFolder();
  if (folder.empty() || inputs_.empty()) {
    pages_->setCurrentIndex(folder.empty() ? 0 : 1);
    return;
  }
  if (watcher_.isRunning()) {
    cancel();
    // Restarted from onFinished() once the running count has stopped.
    stale_ = true;
    return;
  }
  stale_ = false;
  statistics_ = {};
  error_.clear();
  pages_->setCurrentIndex(1);
  live_ = std::make_shared<Live>();
  progressState_ = std::make_shared<PercentProgress>();
  cancel_ = std::make_shared<CancellationToken>();
  TokenStatisticsOptions options;
  options.queryInstruction = queryInstruction_->text().toStdString();
  progress_->setValue(0);
  progress_->setFormat(tr("Counting tokens: %p%"));
  progress_->show();
  cancelButton_->show();
  poll_.start();
  watcher_.setFuture(QtConcurrent::run([inputs = inputs_, folder, options, live = live_,
                                        progress = progressState_, cancel = cancel_]() mutable {
    auto outcome = std::make_shared<Outcome>();
    outcome->statistics.complete = true;
    try {
      const text::Tokenizer tokenizer = text::Tokenizer::load(folder);
      for (std::size_t i = 0; i < inputs.size(); ++i) {
        const TokenStatistics before = outcome->statistics;
        options.onSnapshot = [&](const TokenStatistics& partial) {
          TokenStatistics sum = before;
          addStatistics(sum, partial);
          const std::lock_guard lock(live->mutex);
          live->latest = std::move(sum);
          ++live->version;
        };
        // Each file is an equal share of the progress bar.
        struct FileShare : ProgressObserver {
          PercentProgress* target;
          std::size_t index, files;
          void onProgress(std::uint64_t done, std::uint64_t total, std::string_view unit) override {
            if (total == 0) return;
            target->onProgress(index * 1000 + 1000 * done / total, files * 1000, unit);
          }
        } share;
        share.target = progress.get();
        share.index = i;
        share.files = inputs.size();
        addStatistics(outcome->statistics,
                      computeTokenStatistics(inputs[i].file, inputs[i].kind, tokenizer, options,
                                             &share, cancel.get()));
      }
    } catch (const CancelledError&) {
      outcome->cancelled = true;
    } catch (const std::exception& error) {
      outcome->error = QString::fromStdString(error.what());
    }
    return outcome;
  }));
}

void TokenStatisticsView::pollSnapshot() {
  progress_->setValue(progressState_ ? progressState_->percent() : 0);
  if (!live_) return;
  {
    const std::lock_guard lock(live_->mutex);
    if (live_->version == 0) return;
    statistics_ = live_->latest;
    live_->version = 0;
  }
  display();
}

void TokenStatisticsView::onFinished() {
  poll_.stop();
  progress_->hide();
  cancelButton_->hide();
  const std::shared_ptr<Outcome> outcome = watcher_.result();
  live_.reset();
  if (stale_) {  // the inputs or the tokenizer changed while counting: count again
    if (isVisible()) start();
    return;
  }
  if (outcome->cancelled) {
    error_ = tr("Counting was cancelled; the plots show the part read.");
  } else if (!outcome->error.isEmpty()) {
    error_ = outcome->error;
    statistics_ = {};
  } else {
    statistics_ = outcome->statistics;
  }
  display();
  emit computed();
}

bool TokenStatisticsView::nearLimitLine(QCustomPlot* plot, double pixelX) const {
  if (statistics_.queryTokens.empty() && statistics_.passageTokens.empty()) return false;
  const int limit = (plot == queryPlot_ ? queryMaxLength_ : passageMaxLength_)->value();
  return std::abs(plot->xAxis->coordToPixel(static_cast<double>(limit) + 0.5) - pixelX) <= 6;
}

void TokenStatisticsView::display() {
  const TokenStatistics& statistics = statistics_;
  drawLengths(queryPlot_, statistics.queryTokens, queryMaxLength_->value(), queryTruncation_, true);
  drawLengths(passagePlot_, statistics.passageTokens, passageMaxLength_->value(),
              passageTruncation_, false);
  drawNegatives(statistics.negativesPerQuery);
  updateSummary();
}

void TokenStatisticsView::drawLengths(QCustomPlot* plot, const IntegerDistribution& lengths,
                                      int maxLength, QLabel* truncation, bool query) {
  plot->clearPlottables();
  plot->clearItems();
  if (lengths.empty()) {
    truncation->setText(query ? tr("No queries in this dataset.")
                              : tr("No passages in this dataset."));
    plot->replot();
    return;
  }
  // Integer bins of equal width from 0 to a little past the limit or the 99.5th percentile,
  // whichever is larger; longer texts are counted in the last bin.
  const std::uint64_t shown = std::max<std::uint64_t>(
      {lengths.quantile(0.995),
       static_cast<std::uint64_t>(maxLength) + static_cast<std::uint64_t>(maxLength) / 8 + 1, 8});
  const std::uint64_t width = std::max<std::uint64_t>(1, (shown + kTargetBins - 1) / kTargetBins);
  const std::uint64_t bins = (shown + width - 1) / width + 1;
  QVector<double> keptX, keptY, cutX, cutY;
  std::vector<double> share(bins, 0.0);
  for (const auto& [length, count] : lengths.counts()) {
    const std::uint64_t bin = std::min(length / width, bins - 1);
    share[bin] += 100.0 * static_cast<double>(count) / static_cast<double>(lengths.count());
  }
  double highest = 0;
  for (std::uint64_t bin = 0; bin < bins; ++bin) {
    if (share[bin] == 0) continue;
    const double center = static_cast<double>(bin * width) + static_cast<double>(width) / 2.0;
    // A bin is red when its texts are longer than the limit (the bin starts past it).
    const bool cut = bin * width > static_cast<std::uint64_t>(maxLength);
    (cut ? cutX : keptX) << center;
    (cut ? cutY : keptY) << share[bin];
    highest = std::max(highest, share[bin]);
  }
  const auto addBars = [&](const QVector<double>& x, const QVector<double>& y, QColor color,
                           const QString& name) {
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setName(name);
    bars->setWidth(static_cast<double>(width) * 0.9);
    bars->setPen(QPen(color.darker(120)));
    color.setAlpha(170);
    bars->setBrush(color);
    bars->setData(x, y, true);
  };
  addBars(keptX, keptY, kKept, tr("kept whole"));
  addBars(cutX, cutY, kTruncated, tr("truncated"));

  const double limitX = static_cast<double>(maxLength) + 0.5;
  auto* line = new QCPItemStraightLine(plot);
  line->point1->setCoords(limitX, 0);
  line->point2->setCoords(limitX, 1);
  line->setPen(QPen(kTruncated, 1.5, Qt::DashLine));
  const double truncated = truncatedShare(lengths, static_cast<std::uint64_t>(maxLength));
  // The label beside the line, on whichever side has room.
  const double right = static_cast<double>(bins * width);
  const bool labelLeft = limitX > 0.5 * right;
  auto* label = new QCPItemText(plot);
  label->setPositionAlignment((labelLeft ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
  label->setTextAlignment(labelLeft ? Qt::AlignRight : Qt::AlignLeft);
  label->position->setTypeX(QCPItemPosition::ptPlotCoords);
  label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  label->position->setCoords(limitX, 0.02);
  label->setPadding(labelLeft ? QMargins(0, 0, 4, 0) : QMargins(4, 0, 0, 0));
  label->setColor(kTruncated.darker(130));
  label->setText(
      tr("%1 = %2\n%3 truncated")
          .arg(query ? QStringLiteral("query_max_len") : QStringLiteral("passage_max_len"))
          .arg(maxLength)
          .arg(percent(truncated)));

  plot->xAxis->setRange(0, right);
  plot->yAxis->setRange(0, std::max(1.0, highest * 1.15));
  plot->replot();

  const QString what = query ? tr("queries") : tr("passages");
  truncation->setText(
      tr("%1 %2: median %3 tokens, 99th percentile %4, longest %5; %6 longer than %7.")
          .arg(number(lengths.count()), what)
          .arg(lengths.median())
          .arg(lengths.quantile(0.99))
          .arg(lengths.max())
          .arg(percent(truncated))
          .arg(maxLength));
}

void TokenStatisticsView::drawNegatives(const IntegerDistribution& negatives) {
  QCustomPlot* plot = negativesPlot_;
  plot->clearPlottables();
  plot->clearItems();
  if (negatives.empty()) {
    auto* note = new QCPItemText(plot);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(0.5, 0.5);
    note->setText(tr("Only training files have negatives."));
    plot->xAxis->setRange(0, 1);
    plot->yAxis->setRange(0, 1);
    plot->replot();
    return;
  }
  QVector<double> x, y;
  double highest = 0;
  for (const auto& [count, queries] : negatives.counts()) {
    x << static_cast<double>(count);
    y << static_cast<double>(queries);
    highest = std::max(highest, static_cast<double>(queries));
  }
  auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
  bars->setWidth(0.8);
  QColor fill = kNegatives;
  fill.setAlpha(170);
  bars->setBrush(fill);
  bars->setPen(QPen(kNegatives.darker(120)));
  bars->setData(x, y, true);
  if (negatives.max() == 0) {
    auto* note = new QCPItemText(plot);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(0.5, 0.3);
    note->setText(tr("No query has negatives yet:\nmine them (Mining panel)."));
  }
  // Whole numbers on the axis: a query has 0, 1, 2... negatives.
  auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
  ticker->setTickStep(1.0);
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  plot->xAxis->setTicker(ticker);
  plot->xAxis->setRange(-0.75, static_cast<double>(negatives.max()) + 0.75);
  plot->yAxis->setRange(0, highest * 1.15);
  plot->replot();
}

void TokenStatisticsView::updateSummary() {
  if (!error_.isEmpty()) {
    summary_->setText(error_);
    return;
  }
  const TokenStatistics& s = statistics_;
  if (inputs_.empty()) {
    summary_->setText(
        tr("This dataset has no texts to count (relevance judgments, or a file "
           "whose kind is unknown)."));
    return;
  }
  if (s.records == 0) {
    summary_->setText(computing() ? tr("Counting...") : QString());
    return;
  }
  QStringList parts;
  parts << tr("%n record(s)", "", static_cast<int>(s.records));
  if (s.skippedLines > 0)
    parts << tr("%n invalid line(s) skipped", "", static_cast<int>(s.skippedLines));
  if (!s.queryTokens.empty()) parts << tr("%1 repeated queries").arg(number(s.duplicateQueries));
  if (!s.passageTokens.empty())
    parts << tr("%1 distinct passages, %2 repeats")
                 .arg(number(s.distinctPassages), number(s.duplicatePassages));
  QString text = parts.join(QStringLiteral(" · "));
  if (!s.duplicatesExact) text += " " + tr("(too many texts to track them all: at least)");
  if (!s.complete) text += " " + tr("(so far)");
  summary_->setText(text);
}

}  // namespace embedlab::widgets

#include "widgets/run_comparison_view.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include "core/store/run_comparison.h"
#include "widgets/path_choices.h"
#include "widgets/plot_export.h"
#include "widgets/plot_legend.h"

namespace embedlab::widgets {

namespace {

const QColor kColors[] = {QColor(0x2b, 0x57, 0x97), QColor(0xd9, 0x53, 0x4f),
                          QColor(0x2e, 0x9e, 0x4f), QColor(0xe0, 0x9a, 0x1e),
                          QColor(0x8e, 0x44, 0xad), QColor(0x16, 0xa0, 0x85)};

QString runLabel(const store::Run& run) {
  return QStringLiteral("#%1 %2").arg(run.id).arg(QString::fromStdString(run.name));
}

/// How an option's value reads in the table: strings without their JSON quotes, paths inside the
/// history's folder (the workspace) relative to it, lists as their items separated by commas. The
/// full value stays in the cell's tooltip.
QString shownOption(const std::string& value, const std::filesystem::path& folder) {
  const nlohmann::json parsed = nlohmann::json::parse(value, nullptr, false);
  if (parsed.is_discarded()) return QString::fromStdString(value);
  const auto shown = [&folder](const nlohmann::json& item) {
    if (!item.is_string()) return item.dump();
    const std::string text = item.get<std::string>();
    return std::filesystem::path(text).is_absolute() ? shownInWorkspace(folder, text) : text;
  };
  if (!parsed.is_array()) return QString::fromStdString(shown(parsed));
  QStringList items;
  for (const nlohmann::json& item : parsed)
    items << QString::fromStdString(shown(item));
  return items.join(QStringLiteral(", "));
}

QTableWidget* makeTable() {
  auto* table = new QTableWidget;
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->verticalHeader()->setVisible(false);
  table->horizontalHeader()->setStretchLastSection(true);
  table->setAlternatingRowColors(true);
  return table;
}

}  // namespace

RunComparisonView::RunComparisonView(QWidget* parent) : QWidget(parent) {
  differencesOnly_ = new QCheckBox;
  differencesOnly_->setChecked(true);
  connect(differencesOnly_, &QCheckBox::toggled, this, &RunComparisonView::fillOptions);
  options_ = makeTable();
  metrics_ = makeTable();

  metricChooser_ = new QComboBox;
  metricChooser_->setMinimumContentsLength(24);
  connect(metricChooser_, &QComboBox::currentTextChanged, this, &RunComparisonView::showMetric);
  auto* exportButton = new QPushButton;
  connect(exportButton, &QPushButton::clicked, this,
          [this] { askAndExportPlot(this, plot_, QStringLiteral("runs.png")); });
  plot_ = new QCustomPlot;
  addExportMenu(plot_, QStringLiteral("runs.png"));
  plot_->setMinimumSize(360, 220);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectLegend);
  putLegendBelow(plot_);

  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  auto* optionsHeader = new QHBoxLayout;
  auto* optionsTitle = new QLabel;
  optionsHeader->addWidget(optionsTitle);
  optionsHeader->addStretch();
  optionsHeader->addWidget(differencesOnly_);
  leftLayout->addLayout(optionsHeader);
  leftLayout->addWidget(options_, 3);
  auto* metricsTitle = new QLabel;
  leftLayout->addWidget(metricsTitle);
  leftLayout->addWidget(metrics_, 2);

  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  auto* plotHeader = new QHBoxLayout;
  auto* curvesTitle = new QLabel;
  plotHeader->addWidget(curvesTitle);
  plotHeader->addWidget(metricChooser_, 1);
  plotHeader->addWidget(exportButton);
  rightLayout->addLayout(plotHeader);
  rightLayout->addWidget(plot_, 1);

  splitter_ = new QSplitter;
  splitter_->addWidget(left);
  splitter_->addWidget(right);
  splitter_->setStretchFactor(0, 2);
  splitter_->setStretchFactor(1, 3);
  auto* hint = new QLabel;
  hint->setWordWrap(true);
  hint->setAlignment(Qt::AlignCenter);
  hint->setStyleSheet(QStringLiteral("color: #666; padding: 24px;"));
  translations_.add([=] {
    differencesOnly_->setText(tr("Differences only"));
    exportButton->setText(tr("Export plot..."));
    plot_->xAxis->setLabel(tr("step"));
    optionsTitle->setText(tr("<b>Options</b>"));
    metricsTitle->setText(tr("<b>Final metrics</b> (the best of each row in bold)"));
    curvesTitle->setText(tr("<b>Curves</b>"));
    hint->setText(
        tr("Select two runs or more (Ctrl+click or Shift+click) and press Compare to see their "
           "options side by side, their final metrics with the best in bold, and their metric "
           "curves on one plot."));
    if (!runs_.empty()) fillOptions();  // the options table's header
    if (QTableWidgetItem* header = metrics_->horizontalHeaderItem(0)) header->setText(tr("metric"));
    plot_->replot();
  });
  pages_ = new QStackedWidget;
  pages_->addWidget(hint);
  pages_->addWidget(splitter_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(pages_);
}

void RunComparisonView::clear() {
  runs_.clear();
  curves_.clear();
  options_->clear();
  options_->setRowCount(0);
  options_->setColumnCount(0);
  metrics_->clear();
  metrics_->setRowCount(0);
  metrics_->setColumnCount(0);
  metricChooser_->clear();
  plot_->clearGraphs();
  plot_->replot();
  pages_->setCurrentIndex(0);
}

void RunComparisonView::compare(store::History& history, const std::vector<store::Run>& runs) {
  clear();
  if (runs.empty()) return;
  pages_->setCurrentIndex(1);
  if (!splitterSized_ && splitter_->width() > 0) {
    // The tables get two fifths to be read (their size hints alone left them a sliver), the plot
    // the rest; after that the user's split stays.
    splitter_->setSizes({splitter_->width() * 2 / 5, splitter_->width() * 3 / 5});
    splitterSized_ = true;
  }
  runs_ = runs;
  folder_ = history.path().parent_path();
  fillOptions();

  std::vector<std::map<std::string, double>> finals;
  for (const store::Run& run : runs)
    finals.push_back(history.finalMetrics(run.id));
  const std::vector<store::MetricRow> rows = store::compareMetrics(finals);
  metrics_->setColumnCount(static_cast<int>(runs.size()) + 1);
  QStringList header{tr("metric")};
  for (const store::Run& run : runs)
    header << runLabel(run);
  metrics_->setHorizontalHeaderLabels(header);
  metrics_->setRowCount(static_cast<int>(rows.size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    metrics_->setItem(static_cast<int>(r), 0,
                      new QTableWidgetItem(QString::fromStdString(rows[r].name)));
    for (std::size_t c = 0; c < runs.size(); ++c) {
      auto* item = new QTableWidgetItem(
          rows[r].values[c] ? QString::number(*rows[r].values[c], 'g', 5) : QStringLiteral("-"));
      if (rows[r].best == c) {
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        item->setBackground(QColor(0xdf, 0xf0, 0xd8));
      }
      metrics_->setItem(static_cast<int>(r), static_cast<int>(c) + 1, item);
    }
  }
  metrics_->resizeColumnsToContents();

  // Curves: every metric series of every run.
  for (const store::Run& run : runs) {
    for (const std::string& name : history.metricNames(run.id)) {
      curves_[QString::fromStdString(name)].push_back(
          {runLabel(run), history.metricSeries(run.id, name)});
    }
  }
  QStringList names;
  for (const auto& [name, curves] : curves_) {
    std::size_t points = 0;
    for (const Curve& curve : curves)
      points += curve.points.size();
    if (points > 1) names << name;  // a single point is no curve
  }
  metricChooser_->addItems(names);
  if (names.contains(QStringLiteral("loss")))
    metricChooser_->setCurrentText(QStringLiteral("loss"));
}

void RunComparisonView::fillOptions() {
  const std::vector<store::OptionRow> rows = store::compareOptions(runs_);
  options_->clear();
  options_->setColumnCount(static_cast<int>(runs_.size()) + 1);
  QStringList header{tr("option")};
  for (const store::Run& run : runs_)
    header << runLabel(run);
  options_->setHorizontalHeaderLabels(header);
  options_->setRowCount(0);
  for (const store::OptionRow& row : rows) {
    if (differencesOnly_->isChecked() && !row.differs) continue;
    const int r = options_->rowCount();
    options_->insertRow(r);
    options_->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(row.name)));
    for (std::size_t c = 0; c < row.values.size(); ++c) {
      auto* item = new QTableWidgetItem(
          row.values[c].empty() ? QStringLiteral("-") : shownOption(row.values[c], folder_));
      item->setToolTip(QString::fromStdString(row.values[c]));
      if (row.differs) item->setBackground(QColor(0xfc, 0xf3, 0xcf));
      options_->setItem(r, static_cast<int>(c) + 1, item);
    }
  }
  options_->resizeColumnsToContents();
}

void RunComparisonView::showMetric(const QString& name) {
  plot_->clearGraphs();
  const auto found = curves_.find(name);
  if (found != curves_.end()) {
    std::size_t colour = 0;
    for (const Curve& curve : found->second) {
      QVector<double> x, y;
      for (const auto& [step, value] : curve.points) {
        x << static_cast<double>(step);
        y << value;
      }
      QCPGraph* graph = plot_->addGraph();
      graph->setName(curve.run);
      graph->setPen(QPen(kColors[colour++ % std::size(kColors)], 2));
      graph->setData(x, y, true);
    }
    plot_->yAxis->setLabel(name);
    plot_->rescaleAxes();
  }
  plot_->replot();
}

void RunComparisonView::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

bool RunComparisonView::exportPlot(const QString& file) {
  return widgets::exportPlot(plot_, file);
}

}  // namespace embedlab::widgets

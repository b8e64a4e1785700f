#include "widgets/length_histogram.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "widgets/plot_export.h"
#include "widgets/plot_legend.h"

namespace embedlab::widgets {

namespace {

constexpr int kBins = 40;

const QColor kColors[] = {QColor(0x2b, 0x57, 0x97), QColor(0x2e, 0x9e, 0x4f),
                          QColor(0xd9, 0x53, 0x4f), QColor(0xe0, 0x9a, 0x1e)};

}  // namespace

LengthHistogram::LengthHistogram(QWidget* parent) : QWidget(parent) {
  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(260, 200);
  plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
  plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  putLegendBelow(plot_);
  translations_.add([this] {
    plot_->xAxis->setLabel(tr("length in characters (log scale)"));
    plot_->setToolTip(tr("The last bin holds every text above the 99th percentile."));
    plot_->yAxis->setLabel(tr("share of texts (%)"));
    plot_->replot();
  });
  addExportMenu(plot_, QStringLiteral("lengths.png"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
}

void LengthHistogram::setSeries(const std::vector<Series>& series) {
  plot_->clearGraphs();
  // Logarithmic bins from the shortest text to the 99th percentile: queries of ~50 characters
  // and passages of ~300 both get enough bins to show their shape.
  std::uint64_t lower = UINT64_MAX;
  std::uint64_t upper = 1;
  for (const Series& s : series) {
    if (s.lengths.empty()) continue;
    lower = std::min(lower, std::max<std::uint64_t>(1, s.lengths.min()));
    upper = std::max(upper, s.lengths.quantile(0.99));
  }
  if (lower == UINT64_MAX || lower >= upper) {
    lower = 1;
    upper = std::max<std::uint64_t>(upper, 2);
  }
  QVector<double> edges(kBins + 1);
  const double logLower = std::log(static_cast<double>(lower));
  const double logUpper = std::log(static_cast<double>(upper) + 1.0);
  for (int i = 0; i <= kBins; ++i) {
    edges[i] = std::exp(logLower + (logUpper - logLower) * i / kBins);
  }
  double highest = 0;
  std::size_t colour = 0;
  for (const Series& s : series) {
    if (s.lengths.empty()) continue;
    QVector<double> y(kBins + 1, 0.0);
    for (const auto& [length, count] : s.lengths.counts()) {
      const auto at = std::upper_bound(edges.begin(), edges.end(), static_cast<double>(length));
      const int bin = std::clamp(static_cast<int>(at - edges.begin()) - 1, 0, kBins - 1);
      y[bin] += 100.0 * static_cast<double>(count) / static_cast<double>(s.lengths.count());
    }
    y[kBins] = y[kBins - 1];  // closes the last step
    highest = std::max(highest, *std::max_element(y.begin(), y.end()));
    QCPGraph* graph = plot_->addGraph();
    const QColor color = kColors[colour++ % std::size(kColors)];
    graph->setName(tr("%1 (median %2)").arg(s.name).arg(s.lengths.median()));
    graph->setLineStyle(QCPGraph::lsStepLeft);
    graph->setPen(QPen(color, 2));
    QColor fill = color;
    fill.setAlpha(50);
    graph->setBrush(fill);
    graph->setData(edges, y, true);
  }
  plot_->xAxis->setRange(edges.front(), edges.back());
  plot_->yAxis->setRange(0, std::max(1.0, highest * 1.1));
  plot_->replot();
}

void LengthHistogram::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

int LengthHistogram::curveCount() const {
  return plot_->graphCount();
}

}  // namespace embedlab::widgets

#include "widgets/score_shares.h"

#include <qcustomplot.h>

#include <algorithm>

namespace embedlab::widgets {

ScoreRange scoreRange(const std::vector<ScoreGroup>& groups) {
  ScoreRange range{1e9, -1e9};
  for (const ScoreGroup& group : groups) {
    for (const double score : group.scores) {
      range.low = std::min(range.low, score);
      range.high = std::max(range.high, score);
    }
  }
  if (range.empty()) return {};
  if (range.high - range.low < 1e-6) range.high = range.low + 1e-3;
  return range;
}

void drawScoreShares(QCustomPlot* plot, const std::vector<ScoreGroup>& groups,
                     const ScoreRange& range, int bins) {
  plot->clearGraphs();
  if (range.empty() || bins < 1) {
    plot->legend->setVisible(false);  // no empty legend box
    return;
  }
  const double width = (range.high - range.low) / bins;
  QVector<double> edges(bins + 1);
  for (int i = 0; i <= bins; ++i)
    edges[i] = range.low + width * i;
  double tallest = 0;
  for (const ScoreGroup& group : groups) {
    if (group.scores.empty()) continue;
    QVector<double> share(bins + 1, 0.0);
    const double each = 100.0 / static_cast<double>(group.scores.size());
    for (const double score : group.scores)
      share[std::clamp(static_cast<int>((score - range.low) / width), 0, bins - 1)] += each;
    share[bins] = share[bins - 1];  // the step curve's last step ends at the range's end
    tallest = std::max(tallest, *std::max_element(share.begin(), share.end()));
    QCPGraph* graph = plot->addGraph();
    graph->setName(group.name);
    graph->setLineStyle(QCPGraph::lsStepLeft);
    graph->setPen(QPen(group.color, 2));
    QColor fill = group.color;
    fill.setAlpha(45);
    graph->setBrush(fill);
    graph->setData(edges, share, true);
  }
  plot->legend->setVisible(plot->graphCount() > 0);
  plot->yAxis->setRange(0, tallest * 1.15);
}

}  // namespace embedlab::widgets

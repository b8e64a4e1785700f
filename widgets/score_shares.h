// Score distributions as shares: a step curve per group of scores (positives, negatives,
// similar pairs...), each bin's height the group's percentage in it, so that 50 positives and
// 750 negatives compare at a glance. The Mining and Thresholds panels draw theirs with it.
#pragma once

#include <QColor>
#include <QString>
#include <vector>

class QCustomPlot;

namespace embedlab::widgets {

struct ScoreGroup {
  std::vector<double> scores;
  QColor color;
  QString name;  ///< the legend's entry
};

/// The range the groups' scores span (widened to 1e-3 when they are all equal); low > high when
/// there are no scores at all.
struct ScoreRange {
  double low = 1;
  double high = 0;
  bool empty() const { return low > high; }
};
ScoreRange scoreRange(const std::vector<ScoreGroup>& groups);

/// Clears `plot`'s graphs and adds one filled step curve per non-empty group over `range` in
/// `bins` bins; the legend shows while there is a curve, the y axis fits the tallest bin. Does not
/// replot (the caller sets the x range it wants first).
void drawScoreShares(QCustomPlot* plot, const std::vector<ScoreGroup>& groups,
                     const ScoreRange& range, int bins);

}  // namespace embedlab::widgets

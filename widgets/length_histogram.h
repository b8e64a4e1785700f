// A histogram of text lengths (characters) for one dataset: one curve per text role (queries,
// positives, negatives, passages), each normalised to the share of its texts, so that a 3 000-
// query file and its 3 000 passages compare at a glance. Bins are logarithmic (queries of 50 and
// passages of 300 characters both keep their shape) and lengths above the 99th percentile go into
// the last bin, so that a single 80 000-character passage does not squash the plot.
#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "core/common/integer_distribution.h"
#include "widgets/translations.h"

class QCustomPlot;

namespace embedlab::widgets {

class LengthHistogram : public QWidget {
  Q_OBJECT

 public:
  struct Series {
    QString name;
    IntegerDistribution lengths;
  };

  explicit LengthHistogram(QWidget* parent = nullptr);

  /// Replaces the curves; an empty list clears the plot.
  void setSeries(const std::vector<Series>& series);

  /// Curves currently shown (for tests).
  int curveCount() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  Translations translations_;
  QCustomPlot* plot_ = nullptr;
};

}  // namespace embedlab::widgets

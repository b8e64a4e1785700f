// The trade-off of a merge sweep (`embedlab-cli merge --sweep`, its merge_sweep.json): the
// metric on the target set and on the general set against the first model's weight, with the
// weight that was written marked, so that the user sees what each mix gains on the task and
// costs in general ability. Shown in the Evaluation panel for every merged model of the
// workspace that has a sweep.
#pragma once

#include <QWidget>
#include <filesystem>

#include "widgets/translations.h"

class QComboBox;
class QCustomPlot;
class QLabel;

namespace embedlab::widgets {

class MergeSweepView : public QWidget {
  Q_OBJECT

 public:
  explicit MergeSweepView(QWidget* parent = nullptr);

  /// Lists the workspace's model folders holding merge_sweep.json (hidden when there is none).
  void setWorkspace(const std::filesystem::path& workspace);
  /// Plots one sweep file; false (and the reason shown) when it cannot be read.
  bool showSweep(const std::filesystem::path& file);
  int sweepCount() const;

  // For tests.
  QCustomPlot* plot() const { return plot_; }
  double chosenWeight() const { return chosenWeight_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  Translations translations_;
  QComboBox* sweeps_ = nullptr;
  QCustomPlot* plot_ = nullptr;
  QLabel* status_ = nullptr;
  double chosenWeight_ = -1;
  QString metric_;
};

}  // namespace embedlab::widgets

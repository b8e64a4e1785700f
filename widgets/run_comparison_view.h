// Two runs or more side by side: their options (with "differences only"), their final metrics
// with the best of each row in bold, and one metric's curves overlaid in a plot with a legend,
// zoom and pan (mouse wheel, drag) and export to PNG, JPG, PDF or SVG.
#pragma once

#include <QWidget>
#include <filesystem>
#include <vector>

#include "core/store/history.h"
#include "widgets/translations.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QSplitter;
class QStackedWidget;
class QTableWidget;

namespace embedlab::widgets {

class RunComparisonView : public QWidget {
  Q_OBJECT

 public:
  explicit RunComparisonView(QWidget* parent = nullptr);

  /// Compares `runs` (read from `history`, which must outlive the call only).
  void compare(store::History& history, const std::vector<store::Run>& runs);
  void clear();

  /// Plots metric `name` for every compared run that has it.
  void showMetric(const QString& name);
  /// Writes the plot as PNG, JPG, PDF or SVG (by the extension); false when it could not.
  bool exportPlot(const QString& file);

  // For tests.
  QTableWidget* optionsTable() const { return options_; }
  QTableWidget* metricsTable() const { return metrics_; }
  QCustomPlot* plot() const { return plot_; }
  QComboBox* metricChooser() const { return metricChooser_; }
  QCheckBox* differencesOnly() const { return differencesOnly_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  Translations translations_;
  void fillOptions();

  struct Curve {
    QString run;
    std::vector<std::pair<std::int64_t, double>> points;
  };
  std::vector<store::Run> runs_;
  std::filesystem::path folder_;  // the history's folder: paths in it are shown relative to it
  std::map<QString, std::vector<Curve>> curves_;  // by metric name

  QCheckBox* differencesOnly_ = nullptr;
  QTableWidget* options_ = nullptr;
  QTableWidget* metrics_ = nullptr;
  QComboBox* metricChooser_ = nullptr;
  QCustomPlot* plot_ = nullptr;
  QSplitter* splitter_ = nullptr;    // the tables on the left, the plot on the right
  bool splitterSized_ = false;       // the first comparison shown sets the split once
  QStackedWidget* pages_ = nullptr;  // a hint until runs are compared, then the comparison
};

}  // namespace embedlab::widgets

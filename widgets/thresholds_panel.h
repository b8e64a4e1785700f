// The Thresholds panel: choose the similarity above which two texts count as similar, from
// labelled pairs. `embedlab-cli threshold` scores the pairs with a model (recorded in the
// history) and fits the thresholds on one part of the pairs, reporting them on the other. The
// panel shows the score distributions of similar and dissimilar pairs and precision, recall and F1
// over the threshold, with a threshold line to drag (or to set to a suggestion): the counts of
// true and false positives and negatives follow it live, on the held-out part (what to expect on
// new data) and on the fit part, side by side.
#pragma once

#include <QWidget>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/eval/threshold_analysis.h"
#include "core/eval/threshold_job.h"
#include "widgets/translations.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPItemStraightLine;
class QDoubleSpinBox;
class QLabel;
class QMouseEvent;
class QPushButton;
class QTemporaryFile;

namespace embedlab::widgets {

class JobControls;

class ThresholdsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ThresholdsPanel(QWidget* parent = nullptr);
  ~ThresholdsPanel() override;

  void setWorkspace(const std::filesystem::path& workspace);
  void setModel(const std::filesystem::path& folder);
  void setPairs(const std::filesystem::path& file);

  /// Scores the pairs and fits the thresholds; analysed() follows.
  void run();
  /// Moves the threshold line (and the counts).
  void setThreshold(double threshold);
  double threshold() const { return threshold_; }

  /// The counts at the current threshold on the held-out and the fit part.
  eval::ThresholdPoint heldOutCounts() const;
  eval::ThresholdPoint fitCounts() const;
  std::optional<double> bestF1Threshold() const;

  // For tests.
  QCustomPlot* distributionPlot() const { return distributions_; }
  QCustomPlot* curvePlot() const { return curves_; }
  QLabel* countsLabel() const { return counts_; }
  QLabel* summaryLabel() const { return suggestions_; }
  QComboBox* pairsChoice() const { return pairs_; }
  QComboBox* modelChoice() const { return model_; }
  QLabel* status() const;
  JobControls* jobControls() const { return controls_; }
  QCheckBox* sigmoidScores() const { return sigmoid_; }

 signals:
  void analysed(const QString& error);
  void thresholdChanged(double threshold);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void onFinished(int exitCode, const QString& error);
  void load();
  /// The fit's summary in the interface's language (again after a language change).
  void showSummary();
  /// Empties the results: plots, summary, counts.
  void clearResults();
  /// Why `file` cannot give a threshold before anything is scored (no dissimilar pair), or
  /// empty.
  QString pairsProblem(const QString& file);
  /// What the scores are (the report's "score"), for the axis.
  QString scoreName() const;
  void drawDistributions();
  void drawCurves();
  void updateCounts();
  void dragTo(QCustomPlot* plot, QMouseEvent* event);

  Translations translations_;
  std::filesystem::path workspace_;
  std::filesystem::path reportFile_;
  std::filesystem::path scoresFile_;
  std::optional<eval::ThresholdJobResult> report_;  // the last job's report, typed
  std::unique_ptr<QTemporaryFile> jobConfig_;       // the running job's options
  std::vector<eval::LabelledPair> fitPairs_;
  std::vector<eval::LabelledPair> heldOutPairs_;
  double threshold_ = 0.5;

  QComboBox* model_ = nullptr;
  QComboBox* pairs_ = nullptr;
  QDoubleSpinBox* targetPrecision_ = nullptr;
  QCheckBox* sigmoid_ = nullptr;  ///< rerankers: --normalize_scores
  QDoubleSpinBox* thresholdBox_ = nullptr;
  QPushButton* useBestF1_ = nullptr;
  QPushButton* useTarget_ = nullptr;
  JobControls* controls_ = nullptr;  ///< run, stop, progress and status of the threshold job
  QLabel* suggestions_ = nullptr;
  QLabel* counts_ = nullptr;
  QCustomPlot* distributions_ = nullptr;
  QCustomPlot* curves_ = nullptr;
  QCPItemStraightLine* distributionLine_ = nullptr;
  QCPItemStraightLine* curveLine_ = nullptr;
};

}  // namespace embedlab::widgets

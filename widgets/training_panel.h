// The Training panel: every trainer option in a form (presets are --config files), Launch runs
// `embedlab-cli train` detached (it keeps running, and recording its history, if the window
// closes), and the run is watched as it happens: progress, samples/s and ETA, the loss and
// learning-rate curves, and the similarity histograms of positives, hard negatives and in-batch
// negatives at the latest logging step, with a slider to look back. Stop asks the run to stop
// with a checkpoint; Resume continues from the last one. A run that fails shows its error and the
// last lines of its log.
#pragma once

#include <QTimer>
#include <QWidget>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "widgets/translations.h"

class QCustomPlot;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSlider;

namespace embedlab::widgets {

class CliJob;
class TrainingOptionForm;

class TrainingPanel : public QWidget {
  Q_OBJECT

 public:
  explicit TrainingPanel(QWidget* parent = nullptr);

  /// Fills in defaults for `workspace` (its first model, training file and a new run folder).
  void setWorkspace(const std::filesystem::path& workspace);

  /// Starts a run with the form's options; false (and the reason shown) when they are invalid.
  bool launch();
  /// Asks the run to stop with a checkpoint.
  void stop();
  /// Continues the last run from its latest checkpoint.
  bool resume();
  bool running() const;

  // For tests.
  TrainingOptionForm* form() const { return form_; }
  QCustomPlot* curvePlot() const { return curves_; }
  QCustomPlot* similarityPlot() const { return similarities_; }
  QSlider* stepSlider() const { return stepSlider_; }
  QLabel* status() const { return status_; }
  QPlainTextEdit* failure() const { return failure_; }
  int recordsSeen() const { return static_cast<int>(records_.size()); }
  /// Draws what has arrived now instead of at the next redraw tick.
  void redrawNow();

 signals:
  /// The run ended: `error` is empty when it finished, else why it did not.
  void runEnded(const QString& outputDir, const QString& error);
  /// A metrics record arrived (tests measure the UI's latency with it).
  void recordArrived(int step);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  bool start(bool resuming);
  void onRecord(const nlohmann::json& record);
  void onFinished(int exitCode, const QString& error);
  void redrawCurves();
  void showSimilarities(int index);
  void updateButtons();

  Translations translations_;
  std::filesystem::path workspace_;
  std::filesystem::path outputDir_;      // of the run launched last
  std::vector<nlohmann::json> records_;  // its "log" records, in step order
  std::int64_t totalSteps_ = 0;
  CliJob* job_ = nullptr;
  QTimer redraw_;

  TrainingOptionForm* form_ = nullptr;
  QPushButton* launchButton_ = nullptr;
  QPushButton* stopButton_ = nullptr;
  QPushButton* resumeButton_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QCustomPlot* curves_ = nullptr;
  QCustomPlot* similarities_ = nullptr;
  QSlider* stepSlider_ = nullptr;
  QLabel* stepLabel_ = nullptr;
  QPlainTextEdit* failure_ = nullptr;
};

}  // namespace embedlab::widgets

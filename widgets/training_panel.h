// The Training panel: every trainer option in a form (presets are --config files), Launch runs
// `embedlab-cli train` detached (it keeps running, and recording its history, if the window
// closes), and the run is watched as it happens: progress, samples/s and ETA, the loss and
// learning-rate curves, and the similarity histograms of positives, hard negatives and in-batch
// negatives at the latest logging step, with a slider to look back. Stop asks the run to stop
// with a checkpoint; Resume continues from the last one. A run that fails shows its error and the
// last lines of its log. Several runs can go at once when the user allows it: they are listed,
// and the selected one is shown. The workspace's earlier runs (started by this or another
// EmbedLab, going or not) are found again in their run folders and followed.
#pragma once

#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/train/training_log.h"
#include "widgets/translations.h"

class QCheckBox;
class QCPAxis;
class QCustomPlot;
class QLabel;
class QListWidget;
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
  ~TrainingPanel() override;

  /// Fills in defaults for `workspace` (its first model, training file and a new run folder) and
  /// lists the runs launched there before (run folders holding job.jsonl), following those that
  /// are still going.
  void setWorkspace(const std::filesystem::path& workspace);
  /// Offers `file` as the training data (after mining, the mined file).
  void setTrainingFile(const std::filesystem::path& file);
  /// Lets Launch start a run while another is going.
  void allowSeveralRuns(bool allow);

  /// Starts a run with the form's options; false (and the reason shown) when they are invalid,
  /// an input does not exist, or a run is going and several are not allowed. Relative paths are
  /// the workspace's.
  bool launch();
  /// Asks the selected run to stop with a checkpoint.
  void stop();
  /// Asks every run that is going to stop.
  void stopAll();
  /// Continues the selected run from its latest checkpoint.
  bool resume();
  /// Whether any run is going.
  bool running() const;
  int runCount() const { return static_cast<int>(runs_.size()); }
  /// Shows run `index` (in the order listed).
  void selectRun(int index);

  /// Draws what has arrived now instead of at the next redraw tick.
  void redrawNow();

  // For tests.
  TrainingOptionForm* form() const { return form_; }
  QCustomPlot* curvePlot() const { return curves_; }
  QCustomPlot* similarityPlot() const { return similarities_; }
  QCustomPlot* curvesPlot() const { return curves_; }
  QSlider* stepSlider() const { return stepSlider_; }
  QLabel* status() const { return status_; }
  QPlainTextEdit* failure() const { return failure_; }
  QListWidget* runList() const { return runList_; }
  /// Records of the selected run.
  int recordsSeen() const;

 signals:
  /// A run ended: `error` is empty when it finished, else why it did not.
  void runEnded(const QString& outputDir, const QString& error);
  /// A metrics record arrived (tests measure the UI's latency with it).
  void recordArrived(int step);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Run {
    std::filesystem::path outputDir;
    CliJob* job = nullptr;
    std::vector<train::TrainingLogRecord> records;     // its "log" records, in step order
    std::vector<train::EvaluationRecord> evaluations;  // its dev-set evaluations, in step order
    std::int64_t totalSteps = 0;
    QString error;  // how it ended, when it failed or was stopped
    bool ended = false;
    QStringList notes;               // what the trainer pointed out ("note" events), in order
    std::string task = "embedding";  // "reranker": scores are sigmoid(logit), not cosines;
                                     // "pretrain": no similarities at all
    std::int64_t stoppedAt = -1;     // the step of the checkpoint it stopped with ("stopped" event)
  };
  bool start(bool resuming);
  Run& addRun(const std::filesystem::path& outputDir);
  void onRecord(Run& run, const nlohmann::json& record);
  void onFinished(Run& run, int exitCode, const QString& error);
  void updateRunItem(const Run& run);
  void showStatus();
  Run* current() const;
  /// Draws the current run's loss and learning-rate curves: the records not drawn yet are added
  /// to the graphs; a different run, or one that started over, is drawn afresh.
  void redrawCurves();
  /// The dev metric of the current run's evaluations: its curve, the best point marked and the
  /// base model's value as a line (graphs 2 and on of curves_, redrawn whole: a few points).
  void redrawEvaluations();
  void showSimilarities(int index);
  void updateButtons();
  /// Whether Resume can continue `run`: it ended before its last step (stopped, or failed or
  /// killed) and its folder holds a checkpoint to continue from.
  bool canResume(const Run& run) const;
  /// The form's options with relative paths made the workspace's; empty, with the reason in
  /// `problem`, when an input (model folder, training file) does not exist.
  nlohmann::json launchOptions(nlohmann::json options, QString& problem) const;

  Translations translations_;
  std::filesystem::path workspace_;
  std::vector<std::unique_ptr<Run>> runs_;
  int current_ = -1;  // the run shown
  QTimer redraw_;

  TrainingOptionForm* form_ = nullptr;
  QListWidget* runList_ = nullptr;
  QCheckBox* allowSeveral_ = nullptr;
  QPushButton* launchButton_ = nullptr;
  QPushButton* stopButton_ = nullptr;
  QPushButton* resumeButton_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* notes_ = nullptr;  // the shown run's notes, hidden when it has none
  QCustomPlot* curves_ = nullptr;
  /// The dev metric's axis (right, outside the learning rate's), shown while the run has
  /// evaluations.
  QCPAxis* devAxis_ = nullptr;
  /// What curves_ shows: the run and how many of its records (redrawCurves adds the rest).
  const Run* plottedRun_ = nullptr;
  std::size_t plottedRecords_ = 0;
  std::int64_t plottedLastStep_ = -1;
  QCustomPlot* similarities_ = nullptr;
  QSlider* stepSlider_ = nullptr;
  QLabel* stepLabel_ = nullptr;
  QPlainTextEdit* failure_ = nullptr;
};

}  // namespace embedlab::widgets

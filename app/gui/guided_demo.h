// The demo, run in the panels: what scripts/demo-pipeline.sh does through the command line, done
// step by step in the window on a demo workspace, so that a first-time user sees each panel at
// work. A workspace without its base model but with the tokenizer files (tokenizer/) gets the
// model first, as the script makes it (createDemoBaseModel). The Mining panel previews the base
// model's ranking of a sample and mines the whole training file from ranks 2-60; the Training panel
// trains on the mined file and plots it live; the Evaluation panel compares the base and the tuned
// model on dev/; the Thresholds panel fits similarity thresholds for the tuned model on the mined
// pairs. With pre-training, the Training panel first pre-trains the base model on the training
// file's own texts (masked language modelling, a few minutes) and the fine-tuning starts from
// that model. Every job is an embedlab-cli process recorded in the workspace's history, as when the
// user presses the buttons. With a screenshot folder, the window is captured at each panel's moment
// (the preview shown, the training half-way, the metrics in, the threshold set).
#pragma once

#include <QObject>
#include <QString>
#include <filesystem>

namespace embedlab::gui {

class MainWindow;

class GuidedDemo : public QObject {
  Q_OBJECT

 public:
  /// The demo's inputs in `workspace`: train.jsonl, dev/, and models/base (or tokenizer/ to
  /// make it from); its settings, the workspace's embedlab-workspace.json where it has one. It
  /// mines into `minedFile` (default: defaultMinedFile()).
  /// With `pretrain`, the base model is pre-trained first (the workspace's "pretrain" settings
  /// over the demo's).
  GuidedDemo(MainWindow& window, std::filesystem::path workspace, QString screenshotFolder = {},
             std::filesystem::path minedFile = {}, bool pretrain = false);

  /// train.mined.jsonl in `workspace`: where the demo mines unless told otherwise.
  static std::filesystem::path defaultMinedFile(const std::filesystem::path& workspace);
  const std::filesystem::path& minedFile() const { return minedFile_; }

  /// Why the workspace cannot run the demo (a missing input, named), or empty.
  static QString problemWith(const std::filesystem::path& workspace);

  /// Starts the first step from the event loop (so that the caller can connect first);
  /// finished() follows the last one (or the first that fails). running() from now on.
  void start();
  /// Stops the job that is going; finished() follows with "Cancelled."
  void cancel();
  bool running() const { return step_ != Step::Idle; }

  /// Logged training steps after which the training panel is captured (the demo has ~190).
  static constexpr int kTrainingShotStep = 100;

 signals:
  /// A step began: what it does, for the status bar.
  void stepStarted(const QString& description);
  /// `error` is empty when every step succeeded.
  void finished(const QString& error);

 private:
  enum class Step {
    Idle,
    Starting,
    CreateModel,
    Pretrain,
    Preview,
    Mine,
    Train,
    Evaluate,
    Thresholds
  };

  void begin();
  void createModel();
  void pretrainModel();
  void preview();
  void mine();
  void train();
  void evaluate();
  void fitThresholds();
  void fail(const QString& error);
  void capture(const QString& name);
  /// "Demo 2/5: ..." (or "/6" with pre-training): step `number` of the demo's steps.
  QString numbered(int number, const QString& what) const;

  MainWindow& window_;
  std::filesystem::path workspace_;
  QString screenshotFolder_;
  std::filesystem::path minedFile_;
  bool pretrain_ = false;
  std::filesystem::path pretrainedModel_;  ///< where pre-training writes; empty without it
  std::filesystem::path tunedModel_;
  Step step_ = Step::Idle;
  bool trainingCaptured_ = false;
};

}  // namespace embedlab::gui

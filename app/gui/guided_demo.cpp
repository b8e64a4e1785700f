#include "app/gui/guided_demo.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QPixmap>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/gui/main_window.h"
#include "app/gui/workspace_location.h"
#include "widgets/evaluation_panel.h"
#include "widgets/mining_panel.h"
#include "widgets/path_choices.h"
#include "widgets/thresholds_panel.h"
#include "widgets/training_option_form.h"
#include "widgets/training_panel.h"

namespace embedlab::gui {

namespace {

// The settings of scripts/demo-pipeline.sh, so that both demos tell the same story; the demo
// workspace's embedlab-workspace.json holds the same, and wins where it says otherwise.
struct DemoSettings {
  std::size_t rangeStart = 2;
  std::size_t rangeEnd = 60;
  std::size_t negatives = 7;
  std::size_t passageLength = 64;
  std::size_t queryLength = 32;
  nlohmann::json training = {{"per_device_train_batch_size", 32},
                             {"train_group_size", 4},
                             {"query_max_len", 32},
                             {"passage_max_len", 64},
                             {"learning_rate", 1e-3},
                             {"warmup_ratio", 0.1},
                             {"num_train_epochs", 2},
                             {"temperature", 0.05},
                             {"logging_steps", 10},
                             {"save_steps", 0}};
  // Pre-training (the demo with pre-training): masked language modelling on train.jsonl's texts.
  nlohmann::json pretraining = {
      {"task", "pretrain"},   {"method", "mlm"},       {"per_device_train_batch_size", 32},
      {"max_seq_length", 64}, {"learning_rate", 1e-3}, {"warmup_ratio", 0.05},
      {"max_steps", 1000},    {"logging_steps", 20},   {"save_steps", 0}};
};

DemoSettings demoSettings(const std::filesystem::path& workspace) {
  DemoSettings demo;
  const WorkspaceSettings settings = widgets::workspaceSettings(workspace);
  if (const auto range = settings.miningRange()) {
    demo.rangeStart = static_cast<std::size_t>(range->first);
    demo.rangeEnd = static_cast<std::size_t>(range->second);
  }
  if (const auto count = settings.integer("mine", "negative_number"))
    demo.negatives = static_cast<std::size_t>(*count);
  if (const auto length = settings.integer("eval", "max_len"))
    demo.passageLength = static_cast<std::size_t>(*length);
  if (const auto length = settings.integer("eval", "query_max_len"))
    demo.queryLength = static_cast<std::size_t>(*length);
  for (const auto& [name, value] : settings.job("train").items())
    demo.training[name] = value;
  for (const auto& [name, value] : settings.job("pretrain").items())
    demo.pretraining[name] = value;
  demo.pretraining["task"] = "pretrain";
  return demo;
}

std::filesystem::path baseModel(const std::filesystem::path& workspace) {
  return workspace / "models" / "base";
}
std::filesystem::path tokenizerFolder(const std::filesystem::path& workspace) {
  return workspace / "tokenizer";
}
}  // namespace

std::filesystem::path GuidedDemo::defaultMinedFile(const std::filesystem::path& workspace) {
  return workspace / "train.mined.jsonl";
}

GuidedDemo::GuidedDemo(MainWindow& window, std::filesystem::path workspace,
                       QString screenshotFolder, std::filesystem::path minedFile, bool pretrain)
    : QObject(&window),
      window_(window),
      workspace_(std::move(workspace)),
      screenshotFolder_(std::move(screenshotFolder)),
      minedFile_(minedFile.empty() ? defaultMinedFile(workspace_) : std::move(minedFile)),
      pretrain_(pretrain) {
  // The panels' signals also fire for jobs the user starts: each handler acts only in its step.
  widgets::MiningPanel* mining = window_.miningPanel();
  connect(mining, &widgets::MiningPanel::previewReady, this, [this] {
    if (step_ != Step::Preview) return;
    capture(QStringLiteral("mining-panel"));
    mine();
  });
  connect(mining, &widgets::MiningPanel::mined, this,
          [this](const QString& /*output*/, const QString& error) {
            if (step_ != Step::Mine) return;
            if (!error.isEmpty()) return fail(tr("Mining failed: %1").arg(error));
            train();
          });
  widgets::TrainingPanel* training = window_.trainingPanel();
  connect(training, &widgets::TrainingPanel::recordArrived, this, [this](int step) {
    if (step_ != Step::Train || trainingCaptured_ || step < kTrainingShotStep) return;
    trainingCaptured_ = true;
    window_.trainingPanel()->redrawNow();
    capture(QStringLiteral("training-panel"));
  });
  connect(training, &widgets::TrainingPanel::runEnded, this,
          [this](const QString& outputDir, const QString& error) {
            if (step_ == Step::Pretrain && outputDir.toStdString() == pretrainedModel_.string()) {
              if (!error.isEmpty()) return fail(tr("Pre-training failed: %1").arg(error));
              return preview();
            }
            if (step_ != Step::Train || outputDir.toStdString() != tunedModel_.string()) return;
            if (!error.isEmpty()) return fail(tr("Training failed: %1").arg(error));
            if (!trainingCaptured_) capture(QStringLiteral("training-panel"));
            evaluate();
          });
  connect(window_.evaluationPanel(), &widgets::EvaluationPanel::evaluated, this,
          [this](const QString& error) {
            if (step_ != Step::Evaluate) return;
            if (!error.isEmpty()) return fail(tr("Evaluation failed: %1").arg(error));
            capture(QStringLiteral("evaluation-panel"));
            fitThresholds();
          });
  connect(window_.thresholdsPanel(), &widgets::ThresholdsPanel::analysed, this,
          [this](const QString& error) {
            if (step_ != Step::Thresholds) return;
            if (!error.isEmpty()) return fail(tr("Fitting thresholds failed: %1").arg(error));
            widgets::ThresholdsPanel* thresholds = window_.thresholdsPanel();
            if (const auto best = thresholds->bestF1Threshold()) thresholds->setThreshold(*best);
            capture(QStringLiteral("thresholds-panel"));
            step_ = Step::Idle;
            emit finished(QString());
          });
}

QString GuidedDemo::problemWith(const std::filesystem::path& workspace) {
  const auto missing = [](const std::filesystem::path& path) {
    return tr("The demo needs %1, which is missing (scripts/run.sh or "
              "scripts/demo-pipeline.sh --prepare-only prepares a demo workspace).")
        .arg(QDir::toNativeSeparators(QString::fromStdString(path.string())));
  };
  std::error_code error;
  for (const std::filesystem::path& path : {workspace / "train.jsonl", workspace / "dev"}) {
    if (!std::filesystem::exists(path, error)) return missing(path);
  }
  if (!std::filesystem::exists(baseModel(workspace) / "config.json", error) &&
      !std::filesystem::exists(tokenizerFolder(workspace) / "vocab.txt", error)) {
    return missing(baseModel(workspace) / "config.json");
  }
  return {};
}

void GuidedDemo::start() {
  if (running()) return;
  step_ = Step::Starting;
  QMetaObject::invokeMethod(this, &GuidedDemo::begin, Qt::QueuedConnection);
}

void GuidedDemo::begin() {
  if (step_ != Step::Starting) return;  // cancelled before it began
  if (const QString problem = problemWith(workspace_); !problem.isEmpty()) return fail(problem);
  trainingCaptured_ = false;
  std::error_code error;
  if (std::filesystem::exists(baseModel(workspace_) / "config.json", error)) {
    pretrain_ ? pretrainModel() : preview();
  } else {
    createModel();
  }
}

void GuidedDemo::createModel() {
  step_ = Step::CreateModel;
  emit stepStarted(tr("Demo: creating the base model (a small random BERT)"));
  try {
    createDemoBaseModel(workspace_);
  } catch (const std::exception& error) {
    return fail(tr("Creating the base model failed: %1").arg(QString::fromUtf8(error.what())));
  }
  pretrain_ ? pretrainModel() : preview();
}

void GuidedDemo::pretrainModel() {
  step_ = Step::Pretrain;
  window_.showPanel(QStringLiteral("training"));
  nlohmann::json values = demoSettings(workspace_).pretraining;
  emit stepStarted(numbered(1, tr("pre-training the base model on the training file's texts "
                                  "(%1 steps of masked language modelling)")
                                   .arg(values.value("max_steps", 0))));
  const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
  pretrainedModel_ = workspace_ / "runs" / ("demo-pretrained-" + stamp.toStdString());
  values["model_name_or_path"] = baseModel(workspace_).string();
  values["train_data"] = nlohmann::json::array({(workspace_ / "train.jsonl").string()});
  values["output_dir"] = pretrainedModel_.string();
  widgets::TrainingPanel* training = window_.trainingPanel();
  training->form()->setValues(values);
  if (!training->launch())
    fail(tr("Pre-training could not start: %1").arg(training->form()->problem()));
}

QString GuidedDemo::numbered(int number, const QString& what) const {
  const int steps = pretrain_ ? 6 : 5;
  return tr("Demo %1/%2: %3").arg(pretrain_ ? number : number - 1).arg(steps).arg(what);
}

void GuidedDemo::cancel() {
  switch (step_) {
    case Step::Mine: window_.miningPanel()->stopMining(); break;
    case Step::Pretrain:
    case Step::Train: window_.trainingPanel()->stopAll(); break;
    case Step::Evaluate: window_.evaluationPanel()->stop(); break;
    default: break;
  }
  if (running()) fail(tr("Cancelled."));
}

void GuidedDemo::preview() {
  step_ = Step::Preview;
  window_.showPanel(QStringLiteral("mining"));
  emit stepStarted(numbered(2, tr("previewing the base model's ranking of 50 training queries")));
  const DemoSettings demo = demoSettings(workspace_);
  widgets::MiningPanel* mining = window_.miningPanel();
  mining->setModel(baseModel(workspace_));
  mining->setTrainingFile(workspace_ / "train.jsonl");
  mining->setEncodingLength(demo.passageLength);
  mining->setNegativeNumber(demo.negatives);
  mining->setRange(demo.rangeStart, demo.rangeEnd);
  mining->preview();
}

void GuidedDemo::mine() {
  step_ = Step::Mine;
  const DemoSettings demo = demoSettings(workspace_);
  emit stepStarted(numbered(3, tr("mining %1 negatives per query from ranks %2-%3")
                                   .arg(demo.negatives)
                                   .arg(demo.rangeStart)
                                   .arg(demo.rangeEnd)));
  window_.miningPanel()->mineAll(minedFile_);
}

void GuidedDemo::train() {
  step_ = Step::Train;
  window_.showPanel(QStringLiteral("training"));
  emit stepStarted(numbered(4, pretrain_ ? tr("fine-tuning the pre-trained model on the mined data")
                                         : tr("fine-tuning the base model on the mined data")));
  const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
  tunedModel_ = workspace_ / "runs" / ("demo-" + stamp.toStdString());
  nlohmann::json values = demoSettings(workspace_).training;
  values["task"] = "embedding";  // after pre-training, the form still says "pretrain"
  values["model_name_or_path"] = (pretrain_ ? pretrainedModel_ : baseModel(workspace_)).string();
  values["train_data"] = nlohmann::json::array({minedFile_.string()});
  values["output_dir"] = tunedModel_.string();
  widgets::TrainingPanel* training = window_.trainingPanel();
  training->form()->setValues(values);
  if (!training->launch())
    fail(tr("Training could not start: %1").arg(training->form()->problem()));
}

void GuidedDemo::evaluate() {
  step_ = Step::Evaluate;
  window_.showPanel(QStringLiteral("evaluation"));
  emit stepStarted(numbered(5, tr("evaluating the base and the tuned model on dev/")));
  widgets::EvaluationPanel* evaluation = window_.evaluationPanel();
  evaluation->setWorkspace(workspace_);  // lists the new model
  evaluation->setModels({baseModel(workspace_), tunedModel_});
  evaluation->setEvaluationSet(workspace_ / "dev");
  const DemoSettings demo = demoSettings(workspace_);
  evaluation->setMaxLengths(demo.passageLength, demo.queryLength);
  evaluation->run();
}

void GuidedDemo::fitThresholds() {
  step_ = Step::Thresholds;
  window_.showPanel(QStringLiteral("thresholds"));
  emit stepStarted(numbered(6, tr("fitting similarity thresholds for the tuned model")));
  widgets::ThresholdsPanel* thresholds = window_.thresholdsPanel();
  thresholds->setWorkspace(workspace_);
  thresholds->setModel(tunedModel_);
  thresholds->setPairs(minedFile_);
  thresholds->run();
}

void GuidedDemo::fail(const QString& error) {
  step_ = Step::Idle;
  emit finished(error);
}

void GuidedDemo::capture(const QString& name) {
  if (screenshotFolder_.isEmpty()) return;
  // Labels that changed text resize at the next layout pass: run it before grabbing.
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  const QString file = QDir(screenshotFolder_).filePath(name + QStringLiteral(".png"));
  const bool saved = window_.grab().save(file);
  std::cerr << (saved ? "screenshot: " : "cannot write screenshot ") << file.toStdString() << "\n";
}

}  // namespace embedlab::gui

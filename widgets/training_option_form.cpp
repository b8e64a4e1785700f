#include "widgets/training_option_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleValidator>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "core/train/training_options.h"
#include "widgets/path_choices.h"

namespace embedlab::widgets {

namespace {

enum Group { kData, kModel, kOptimisation, kLogging, kMemory, kGroups };

struct Description {
  Group group;
  QString tooltip;
};

// Which group each option is in, and what it does (the reference's advice where it has some).
Description describe(const std::string& name) {
  static const std::map<std::string, Group> groups = {
      {"output_dir", kData},
      {"model_name_or_path", kData},
      {"train_data", kData},
      {"train_group_size", kData},
      {"query_max_len", kData},
      {"passage_max_len", kData},
      {"query_instruction_for_retrieval", kData},
      {"passage_instruction", kData},
      {"dedup_batches", kData},
      {"task", kModel},
      {"sentence_pooling_method", kModel},
      {"normalized", kModel},
      {"temperature", kModel},
      {"use_inbatch_neg", kModel},
      {"negatives_cross_device", kModel},
      {"knowledge_distillation", kModel},
      {"kd_loss_type", kModel},
      {"teacher_temperature", kModel},
      {"distill_weight", kModel},
      {"learning_rate", kOptimisation},
      {"num_train_epochs", kOptimisation},
      {"max_steps", kOptimisation},
      {"per_device_train_batch_size", kOptimisation},
      {"dataloader_drop_last", kOptimisation},
      {"warmup_ratio", kOptimisation},
      {"weight_decay", kOptimisation},
      {"max_grad_norm", kOptimisation},
      {"adam_beta1", kOptimisation},
      {"adam_beta2", kOptimisation},
      {"adam_epsilon", kOptimisation},
      {"seed", kOptimisation},
      {"logging_steps", kLogging},
      {"save_steps", kLogging},
      {"save_total_limit", kLogging},
      {"resume_from_checkpoint", kLogging},
      {"gradient_checkpointing", kMemory},
      {"grad_cache", kMemory},
      {"gc_chunk_size", kMemory},
      {"fp16", kMemory},
      {"bf16", kMemory},
      {"nproc_per_node", kMemory},
      {"device", kMemory}};
  const std::map<std::string, QString> tips = {
      {"output_dir", TrainingOptionForm::tr(
                         "The run folder: options, metrics, checkpoints; the final model lands "
                         "at its root.")},
      {"model_name_or_path",
       TrainingOptionForm::tr("The Hugging Face model folder to start from.")},
      {"train_data",
       TrainingOptionForm::tr("Training files of {\"query\", \"pos\", \"neg\"} lines; several are "
                              "separated by ';'.")},
      {"train_group_size",
       TrainingOptionForm::tr(
           "Passages per query: one positive and G-1 hard negatives. More negatives help until "
           "memory runs out.")},
      {"query_max_len",
       TrainingOptionForm::tr("Longest query in tokens; set it from the query lengths (the "
                              "Datasets panel's Statistics tab).")},
      {"passage_max_len",
       TrainingOptionForm::tr("Longest passage in tokens; longer passages are cut.")},
      {"query_instruction_for_retrieval",
       TrainingOptionForm::tr(
           "Put before every query without a \"prompt\" of its own (e.g. BGE's instruction). "
           "Use the same text when you encode queries later.")},
      {"passage_instruction",
       TrainingOptionForm::tr("Put before every passage (e.g. \"passage: \" for E5).")},
      {"dedup_batches",
       TrainingOptionForm::tr("Keep a text out of a batch that already holds it, so that a "
                              "duplicate positive is never an in-batch negative.")},
      {"task",
       TrainingOptionForm::tr(
           "embedding: a bi-encoder (contrastive loss on embeddings); reranker: a cross-encoder "
           "reading query and passage together (start it from a pretrained model: from random "
           "weights it barely learns).")},
      {"sentence_pooling_method",
       TrainingOptionForm::tr(
           "cls, mean or last_token; empty: the model's own sentence-transformers setting.")},
      {"normalized",
       TrainingOptionForm::tr("L2-normalise embeddings, so that scores are cosines.")},
      {"temperature",
       TrainingOptionForm::tr(
           "Scores are divided by it before the softmax: lower sharpens the distribution "
           "(0.01-0.05 is usual; the reference uses 0.02).")},
      {"use_inbatch_neg",
       TrainingOptionForm::tr("Use the other queries' passages as negatives too.")},
      {"negatives_cross_device",
       TrainingOptionForm::tr(
           "Share passages across workers as negatives: the effective batch is all workers' "
           "batches together.")},
      {"knowledge_distillation",
       TrainingOptionForm::tr(
           "Distil from the lines' pos_scores and neg_scores: add the KL divergence from the "
           "teacher's softmax over each group. Off: scores in the data are ignored.")},
      {"kd_loss_type", TrainingOptionForm::tr("The distillation loss (kl_div).")},
      {"teacher_temperature",
       TrainingOptionForm::tr(
           "Teacher scores are divided by it before their softmax: 1 for a reranker's logits; "
           "for cosines written by Mine, the temperature that model was trained with (e.g. "
           "0.02).")},
      {"distill_weight",
       TrainingOptionForm::tr("Weight of the distillation term (with knowledge_distillation).")},
      {"learning_rate",
       TrainingOptionForm::tr("AdamW learning rate; the reference advises 1e-5, 2e-5 and 3e-5 "
                              "for large, base and small models.")},
      {"num_train_epochs",
       TrainingOptionForm::tr("Passes over the training data (may be fractional).")},
      {"max_steps",
       TrainingOptionForm::tr("Optimiser steps in all; when positive it overrides the epochs.")},
      {"per_device_train_batch_size",
       TrainingOptionForm::tr(
           "Queries per worker and step. Larger batches give more in-batch negatives and "
           "usually better models; the gradient cache makes them fit in memory.")},
      {"dataloader_drop_last",
       TrainingOptionForm::tr("Drop short batches instead of filling them with queries trained "
                              "a second time.")},
      {"warmup_ratio",
       TrainingOptionForm::tr("Share of the steps over which the learning rate rises linearly "
                              "from 0 (0.1 is common).")},
      {"weight_decay",
       TrainingOptionForm::tr("AdamW weight decay (never on biases and LayerNorm weights).")},
      {"max_grad_norm",
       TrainingOptionForm::tr("Clip the global gradient norm to this (0: no clipping).")},
      {"adam_beta1", TrainingOptionForm::tr("AdamW beta1.")},
      {"adam_beta2", TrainingOptionForm::tr("AdamW beta2.")},
      {"adam_epsilon", TrainingOptionForm::tr("AdamW epsilon.")},
      {"seed", TrainingOptionForm::tr(
                   "Seed of sampling, shuffling and dropout: the same seed gives the same run.")},
      {"logging_steps",
       TrainingOptionForm::tr("A metrics record (loss, learning rate, similarity histograms) "
                              "every N steps: what the plots show.")},
      {"save_steps",
       TrainingOptionForm::tr("A checkpoint every N steps (0: only at the end). Stop always "
                              "writes one.")},
      {"save_total_limit", TrainingOptionForm::tr("Keep only the last N checkpoints (0: all).")},
      {"resume_from_checkpoint",
       TrainingOptionForm::tr(
           "Continue from a checkpoint folder, or \"latest\" in the run folder (Resume sets "
           "it).")},
      {"gradient_checkpointing",
       TrainingOptionForm::tr(
           "Recompute each layer in the backward pass: less memory, about 30% more time.")},
      {"grad_cache", TrainingOptionForm::tr(
                         "Gradient cache: embed the batch in chunks, so that the batch size is "
                         "bounded by time rather than memory, with the same gradients.")},
      {"gc_chunk_size", TrainingOptionForm::tr("Texts per chunk with the gradient cache.")},
      {"fp16",
       TrainingOptionForm::tr("Mixed precision in float16 with dynamic loss scaling (CUDA only).")},
      {"bf16",
       TrainingOptionForm::tr("Mixed precision in bfloat16 (CUDA, or CPUs that support it).")},
      {"nproc_per_node", TrainingOptionForm::tr("Worker processes on this machine (one per GPU).")},
      {"device", TrainingOptionForm::tr(
                     "auto (a GPU per worker when there are GPUs, else the CPU), cpu or cuda.")}};
  const auto group = groups.find(name);
  const auto tip = tips.find(name);
  return {group == groups.end() ? kData : group->second,
          tip == tips.end() ? QString() : tip->second};
}

QStringList choicesOf(const std::string& name) {
  if (name == "sentence_pooling_method")
    return {QString(), QStringLiteral("cls"), QStringLiteral("mean"), QStringLiteral("last_token")};
  if (name == "kd_loss_type") return {QStringLiteral("kl_div")};
  if (name == "task") return {QStringLiteral("embedding"), QStringLiteral("reranker")};
  if (name == "device")
    return {QStringLiteral("auto"), QStringLiteral("cpu"), QStringLiteral("cuda")};
  return {};
}

bool isFolder(const std::string& name) {
  return name == "output_dir" || name == "model_name_or_path" || name == "resume_from_checkpoint";
}

}  // namespace

TrainingOptionForm::TrainingOptionForm(QWidget* parent) : QWidget(parent) {
  const nlohmann::json defaults = train::TrainingOptions().toJson();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  QGroupBox* boxes[kGroups];
  QFormLayout* forms[kGroups];
  for (int group = 0; group < kGroups; ++group) {
    boxes[group] = new QGroupBox;
    forms[group] = new QFormLayout(boxes[group]);
    forms[group]->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addWidget(boxes[group]);
  }
  layout->addStretch(1);
  // In the order core declares them (most important first); any option added to core later and
  // not listed here still gets an editor, at the end of its group.
  static const char* const kOrder[] = {"model_name_or_path",
                                       "train_data",
                                       "output_dir",
                                       "train_group_size",
                                       "query_max_len",
                                       "passage_max_len",
                                       "query_instruction_for_retrieval",
                                       "passage_instruction",
                                       "dedup_batches",
                                       "task",
                                       "sentence_pooling_method",
                                       "normalized",
                                       "temperature",
                                       "use_inbatch_neg",
                                       "negatives_cross_device",
                                       "knowledge_distillation",
                                       "kd_loss_type",
                                       "teacher_temperature",
                                       "distill_weight",
                                       "learning_rate",
                                       "num_train_epochs",
                                       "max_steps",
                                       "per_device_train_batch_size",
                                       "dataloader_drop_last",
                                       "warmup_ratio",
                                       "weight_decay",
                                       "max_grad_norm",
                                       "adam_beta1",
                                       "adam_beta2",
                                       "adam_epsilon",
                                       "seed",
                                       "logging_steps",
                                       "save_steps",
                                       "save_total_limit",
                                       "resume_from_checkpoint",
                                       "gradient_checkpointing",
                                       "grad_cache",
                                       "gc_chunk_size",
                                       "fp16",
                                       "bf16",
                                       "nproc_per_node",
                                       "device"};
  std::vector<std::string> names(std::begin(kOrder), std::end(kOrder));
  for (const auto& [name, value] : defaults.items()) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  for (const std::string& name : names) {
    if (!defaults.contains(name)) continue;
    Field field;
    field.name = name;
    field.defaultValue = defaults[name];
    fields_.push_back(std::move(field));
  }
  for (Field& field : fields_) {
    QWidget* editor = makeEditor(field);
    field.label = new QLabel(QString::fromStdString(field.name) + QStringLiteral(":"));
    forms[describe(field.name).group]->addRow(field.label, editor);
  }
  connect(this, &TrainingOptionForm::changed, this, &TrainingOptionForm::enableDependentFields);
  connect(this, &TrainingOptionForm::changed, this, &TrainingOptionForm::updatePathTooltips);
  enableDependentFields();
  translations_.add([this, boxes] {
    const QString titles[kGroups] = {tr("Data"), tr("Model and loss"), tr("Optimisation"),
                                     tr("Logging and checkpoints"), tr("Memory and devices")};
    for (int group = 0; group < kGroups; ++group)
      boxes[group]->setTitle(titles[group]);
    for (Field& field : fields_) {
      const QString tip = describe(field.name).tooltip;
      field.label->setToolTip(tip);
      field.editor->setToolTip(tip);
    }
    updatePathTooltips();
  });
}

void TrainingOptionForm::setBaseFolder(const std::filesystem::path& folder) {
  baseFolder_ = folder;
  updatePathTooltips();
}

void TrainingOptionForm::updatePathTooltips() {
  for (Field& field : fields_) {
    if (!isFolder(field.name) && field.name != "train_data") continue;
    const nlohmann::json value = valueOf(field);
    QStringList paths;
    for (const auto& item : value.is_array() ? value : nlohmann::json::array({value})) {
      const std::string text = item.is_string() ? item.get<std::string>() : std::string();
      if (!text.empty() && text != "latest")
        paths << QString::fromStdString(inWorkspace(baseFolder_, text).string());
    }
    const QString tip = describe(field.name).tooltip;
    field.editor->setToolTip(paths.isEmpty() ? tip
                                             : tip + QStringLiteral("\n\n") + paths.join('\n'));
  }
}

void TrainingOptionForm::enableDependentFields() {
  // option -> the boolean option it depends on
  static const std::map<std::string, std::string> dependsOn = {
      {"kd_loss_type", "knowledge_distillation"},
      {"teacher_temperature", "knowledge_distillation"},
      {"distill_weight", "knowledge_distillation"},
      {"gc_chunk_size", "grad_cache"}};
  for (Field& field : fields_) {
    const auto found = dependsOn.find(field.name);
    if (found == dependsOn.end()) continue;
    const auto* on = qobject_cast<const QCheckBox*>(editor(found->second));
    const bool enabled = on == nullptr || on->isChecked();
    field.editor->setEnabled(enabled);
    field.label->setEnabled(enabled);
  }
}

void TrainingOptionForm::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

QWidget* TrainingOptionForm::makeEditor(Field& field) {
  const nlohmann::json& value = field.defaultValue;
  const QStringList choices = choicesOf(field.name);
  QWidget* editor = nullptr;
  QWidget* shown = nullptr;  // the editor, or a row holding it and a Browse button
  if (!choices.isEmpty()) {
    auto* box = new QComboBox;
    for (const QString& choice : choices)
      box->addItem(choice, choice);  // the value is the item's data; an empty one is labelled
    if (const int unset = box->findData(QString()); unset >= 0) {
      translations_.add([box, unset] { box->setItemText(unset, tr("(the model's own setting)")); });
    }
    connect(box, &QComboBox::currentIndexChanged, this, &TrainingOptionForm::changed);
    editor = box;
  } else if (value.is_boolean()) {
    auto* box = new QCheckBox;
    connect(box, &QCheckBox::toggled, this, &TrainingOptionForm::changed);
    editor = box;
  } else if (value.is_number_integer() || value.is_number_unsigned()) {
    auto* box = new QSpinBox;
    box->setRange(field.name == "max_steps" ? -1 : 0, 1'000'000'000);
    connect(box, &QSpinBox::valueChanged, this, &TrainingOptionForm::changed);
    editor = box;
  } else if (value.is_number()) {
    auto* line = new QLineEdit;
    auto* validator = new QDoubleValidator(line);
    validator->setLocale(QLocale::c());  // "1e-05", as configs and the reference write it
    line->setValidator(validator);
    connect(line, &QLineEdit::textChanged, this, &TrainingOptionForm::changed);
    editor = line;
  } else {
    auto* line = new QLineEdit;
    connect(line, &QLineEdit::textChanged, this, &TrainingOptionForm::changed);
    editor = line;
    if (isFolder(field.name) || value.is_array()) {
      auto* browse = new QPushButton(QStringLiteral("..."));
      browse->setMaximumWidth(32);
      const bool folder = isFolder(field.name);
      connect(browse, &QPushButton::clicked, this, [this, line, folder] {
        if (folder) {
          const QString path = QFileDialog::getExistingDirectory(this, QString(), line->text());
          if (!path.isEmpty()) line->setText(path);
        } else {
          const QStringList files = QFileDialog::getOpenFileNames(this, QString(), QString(),
                                                                  tr("Training data (*.jsonl)"));
          if (!files.isEmpty()) line->setText(files.join(';'));
        }
      });
      shown = new QWidget;
      auto* row = new QHBoxLayout(shown);
      row->setContentsMargins(0, 0, 0, 0);
      row->addWidget(line, 1);
      row->addWidget(browse);
    }
  }
  field.editor = editor;
  setValue(field, value);
  return shown != nullptr ? shown : editor;
}

nlohmann::json TrainingOptionForm::valueOf(const Field& field) const {
  const nlohmann::json& like = field.defaultValue;
  if (auto* combo = qobject_cast<QComboBox*>(field.editor))
    return combo->currentData().toString().toStdString();
  if (auto* check = qobject_cast<QCheckBox*>(field.editor)) return check->isChecked();
  if (auto* spin = qobject_cast<QSpinBox*>(field.editor)) {
    if (like.is_number_unsigned()) return static_cast<std::uint64_t>(std::max(0, spin->value()));
    return spin->value();
  }
  auto* line = qobject_cast<QLineEdit*>(field.editor);
  const QString text = line->text().trimmed();
  if (like.is_number()) return QLocale::c().toDouble(text);
  if (like.is_array()) {
    nlohmann::json list = nlohmann::json::array();
    for (const QString& item : text.split(';', Qt::SkipEmptyParts))
      list.push_back(item.trimmed().toStdString());
    return list;
  }
  return line->text().toStdString();  // instructions keep their spaces
}

void TrainingOptionForm::setValue(Field& field, const nlohmann::json& value) {
  if (auto* combo = qobject_cast<QComboBox*>(field.editor)) {
    const QString text = QString::fromStdString(value.is_string() ? value.get<std::string>() : "");
    if (combo->findData(text) < 0) combo->addItem(text, text);
    combo->setCurrentIndex(combo->findData(text));
  } else if (auto* check = qobject_cast<QCheckBox*>(field.editor)) {
    check->setChecked(value.is_boolean() && value.get<bool>());
  } else if (auto* spin = qobject_cast<QSpinBox*>(field.editor)) {
    spin->setValue(value.is_number() ? value.get<int>() : 0);
  } else if (auto* line = qobject_cast<QLineEdit*>(field.editor)) {
    if (value.is_number()) {
      line->setText(QLocale::c().toString(value.get<double>(), 'g', 8));
    } else if (value.is_array()) {
      QStringList items;
      for (const auto& item : value)
        items << QString::fromStdString(item.is_string() ? item.get<std::string>() : item.dump());
      line->setText(items.join(';'));
    } else {
      line->setText(QString::fromStdString(value.is_string() ? value.get<std::string>() : ""));
    }
  }
}

nlohmann::json TrainingOptionForm::values() const {
  nlohmann::json result = nlohmann::json::object();
  for (const Field& field : fields_)
    result[field.name] = valueOf(field);
  return result;
}

void TrainingOptionForm::setValues(const nlohmann::json& values) {
  for (Field& field : fields_) {
    const auto found = values.find(field.name);
    if (found != values.end()) setValue(field, *found);
  }
  emit changed();
}

QString TrainingOptionForm::problemOf(const nlohmann::json& values) {
  try {
    const train::TrainingOptions options = train::TrainingOptions::fromJson(values, "the form");
    if (options.modelNameOrPath.empty()) return tr("model_name_or_path: choose a model folder.");
    if (options.trainData.empty()) return tr("train_data: choose a training file.");
    if (options.outputDir.empty()) return tr("output_dir: choose a run folder.");
    train::validate(options);
  } catch (const std::exception& error) {
    return QString::fromStdString(error.what());
  }
  return {};
}

bool TrainingOptionForm::savePreset(const QString& file) const {
  QFile out(file);
  if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  const std::string text = values().dump(2) + "\n";
  return out.write(text.data(), static_cast<qint64>(text.size())) ==
         static_cast<qint64>(text.size());
}

QString TrainingOptionForm::loadPreset(const QString& file) {
  QFile in(file);
  if (!in.open(QIODevice::ReadOnly)) return tr("Cannot read %1.").arg(file);
  const nlohmann::json values = nlohmann::json::parse(in.readAll().toStdString(), nullptr, false);
  if (!values.is_object()) return tr("%1 is not a JSON object of training options.").arg(file);
  setValues(values);
  return {};
}

QWidget* TrainingOptionForm::editor(const std::string& name) const {
  for (const Field& field : fields_) {
    if (field.name == name) return field.editor;
  }
  return nullptr;
}

}  // namespace embedlab::widgets

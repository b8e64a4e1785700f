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
#include "widgets/option_help.h"
#include "widgets/path_choices.h"

namespace embedlab::widgets {

namespace {

bool isFolder(const std::string& name) {
  return name == "output_dir" || name == "model_name_or_path" || name == "resume_from_checkpoint" ||
         name == "eval_data";
}

}  // namespace

TrainingOptionForm::TrainingOptionForm(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  // One box per group of core's table, in the order the table lists options (most important
  // first), and the options in each in the same order.
  std::vector<std::pair<const char*, QFormLayout*>> groups;
  for (const OptionDescription& row : train::TrainingOptions::table()) {
    Field field;
    field.row = row;
    fields_.push_back(std::move(field));
  }
  for (Field& field : fields_) {
    const char* group = field.row.info.group;
    auto found = std::find_if(groups.begin(), groups.end(), [group](const auto& entry) {
      return std::string_view(entry.first) == group;
    });
    if (found == groups.end()) {
      auto* box = new QGroupBox;
      auto* form = new QFormLayout(box);
      form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
      layout->addWidget(box);
      translations_.add([box, group] { box->setTitle(optionText(group)); });
      groups.emplace_back(group, form);
      found = groups.end() - 1;
    }
    QWidget* editor = makeEditor(field);
    field.label = new QLabel(QString::fromStdString(field.row.info.name) + QStringLiteral(":"));
    found->second->addRow(field.label, editor);
  }
  layout->addStretch(1);
  connect(this, &TrainingOptionForm::changed, this, &TrainingOptionForm::enableDependentFields);
  connect(this, &TrainingOptionForm::changed, this, &TrainingOptionForm::updatePathTooltips);
  enableDependentFields();
  translations_.add([this] {
    for (Field& field : fields_) {
      const QString tip = tooltipOf(field);
      field.label->setToolTip(tip);
      field.editor->setToolTip(tip);
    }
    updatePathTooltips();
  });
}

QString TrainingOptionForm::tooltipOf(const Field& field) const {
  QString tip = optionText(field.row.info.help);
  if (field.row.type == OptionType::TextList)
    tip += QLatin1Char(' ') + tr("Separate several with ';'.");
  return tip;
}

unsigned TrainingOptionForm::task() const {
  const auto* box = qobject_cast<const QComboBox*>(editor("task"));
  return train::taskBit(box == nullptr ? std::string()
                                       : box->currentData().toString().toStdString());
}

void TrainingOptionForm::setBaseFolder(const std::filesystem::path& folder) {
  baseFolder_ = folder;
  updatePathTooltips();
}

void TrainingOptionForm::updatePathTooltips() {
  for (Field& field : fields_) {
    if (!isFolder(field.name()) && field.name() != "train_data" && field.name() != "eval_corpus")
      continue;
    const nlohmann::json value = valueOf(field);
    QStringList paths;
    for (const auto& item : value.is_array() ? value : nlohmann::json::array({value})) {
      const std::string text = item.is_string() ? item.get<std::string>() : std::string();
      if (!text.empty() && text != "latest")
        paths << QString::fromStdString(inWorkspace(baseFolder_, text).string());
    }
    const QString tip = tooltipOf(field);
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
  const unsigned currentTask = task();
  for (Field& field : fields_) {
    bool enabled = field.row.appliesTo(currentTask);  // temperature means nothing to a reranker
    if (const auto found = dependsOn.find(field.name()); found != dependsOn.end()) {
      const auto* on = qobject_cast<const QCheckBox*>(editor(found->second));
      enabled = enabled && (on == nullptr || on->isChecked());
    }
    field.editor->setEnabled(enabled);
    field.label->setEnabled(enabled);
  }
}

void TrainingOptionForm::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

QWidget* TrainingOptionForm::makeEditor(Field& field) {
  const nlohmann::json& value = field.row.defaultValue;
  QStringList choices;
  for (const std::string& choice : field.row.choiceList())
    choices << QString::fromStdString(choice);
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
    box->setRange(field.name() == "max_steps" ? -1 : 0, 1'000'000'000);
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
    if (isFolder(field.name()) || value.is_array()) {
      auto* browse = new QPushButton(QStringLiteral("..."));
      browse->setMaximumWidth(32);
      const bool folder = isFolder(field.name());
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
  const nlohmann::json& like = field.row.defaultValue;
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
  // Only the current task's options: a greyed-out one is not part of the run.
  const unsigned currentTask = task();
  nlohmann::json result = nlohmann::json::object();
  for (const Field& field : fields_) {
    if (field.row.appliesTo(currentTask)) result[field.name()] = valueOf(field);
  }
  return result;
}

void TrainingOptionForm::setValues(const nlohmann::json& values) {
  for (Field& field : fields_) {
    const auto found = values.find(field.name());
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
    if (field.name() == name) return field.editor;
  }
  return nullptr;
}

}  // namespace embedlab::widgets

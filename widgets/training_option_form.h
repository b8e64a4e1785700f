// Every option of `embedlab-cli train` as a form, made from core's options table
// (TrainingOptions::table()): its groups, order, editors (choices as lists) and tooltips (the
// help sentence --help prints, translated); the other task's options greyed out and left out of
// the values. The form reads and writes the JSON a `--config` file
// holds (core's TrainingOptions names and defaults), so a preset is a config file and a run
// folder's training_options.json loads as one; before a launch core's own validation says what
// is wrong.
#pragma once

#include <QWidget>
#include <map>
#include <nlohmann/json.hpp>

#include "core/common/option_table.h"
#include "widgets/translations.h"

class QCheckBox;
class QLineEdit;
class QGroupBox;
class QLabel;

namespace embedlab::widgets {

class TrainingOptionForm : public QWidget {
  Q_OBJECT

 public:
  explicit TrainingOptionForm(QWidget* parent = nullptr);

  /// The options as a --config JSON object (every option of the chosen task, defaults
  /// included).
  nlohmann::json values() const;
  /// Sets the options named in `values` (others keep their value); unknown names are ignored.
  void setValues(const nlohmann::json& values);
  /// Empty when the options would start a run, else what is wrong (core's validation).
  QString problem() const { return problemOf(values()); }
  static QString problemOf(const nlohmann::json& options);

  /// Writes the options to a preset file (JSON); false when it cannot be written.
  bool savePreset(const QString& file) const;
  /// Reads a preset (or a run's training_options.json); an error message, or empty.
  QString loadPreset(const QString& file);

  /// The folder relative paths are resolved in (the workspace): path fields show the full path
  /// they stand for in their tooltips.
  void setBaseFolder(const std::filesystem::path& folder);

  /// The editor of option `name` (tests).
  QWidget* editor(const std::string& name) const;

 signals:
  void changed();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Field {
    OptionDescription row;  ///< core's row: name, group, help, tasks, type, default
    QWidget* editor = nullptr;
    QLabel* label = nullptr;
    std::string name() const { return row.info.name; }
  };
  /// The option's help sentence from core's table, translated.
  QString tooltipOf(const Field& field) const;
  /// The task the form's "task" field names (train::kEmbeddingTask or kRerankerTask).
  unsigned task() const;
  QWidget* makeEditor(Field& field);
  nlohmann::json valueOf(const Field& field) const;
  void setValue(Field& field, const nlohmann::json& value);
  /// Greys out the options of the other task (temperature for a reranker) and those that only
  /// matter when another one is on (the distillation options without knowledge_distillation,
  /// gc_chunk_size without grad_cache).
  void enableDependentFields();
  /// The tooltips of the path fields: what the option is, and the full path the text means.
  void updatePathTooltips();

  Translations translations_;
  std::vector<Field> fields_;
  std::filesystem::path baseFolder_;
};

}  // namespace embedlab::widgets

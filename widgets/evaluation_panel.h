// The Evaluation panel: choose models and an evaluation set, run `embedlab-cli eval` (progress,
// Stop), and read the results: one metrics table across the models (with and without the query
// instruction when asked), and a query-by-query comparison of two of them: the rank of the first
// relevant document in each, sorted by the biggest gains or losses, with the query and its
// relevant document in full. Every evaluation is recorded in the workspace's history.
#pragma once

#include <QFutureWatcher>
#include <QWidget>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "core/data/eval_set.h"

#include "widgets/encoding_precision_boxes.h"
#include "widgets/translations.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;
class QTemporaryFile;

namespace embedlab::widgets {

class JobControls;
class MergeSweepView;

class EvaluationPanel : public QWidget {
  Q_OBJECT

 public:
  explicit EvaluationPanel(QWidget* parent = nullptr);
  ~EvaluationPanel() override;

  /// Offers the workspace's models (checked: all of them) and evaluation sets.
  void setWorkspace(const std::filesystem::path& workspace);
  /// Checks exactly these model folders (added to the list when not there).
  void setModels(const std::vector<std::filesystem::path>& folders);
  /// Chooses the evaluation set folder (added to the list when not there).
  void setEvaluationSet(const std::filesystem::path& folder);
  /// --max_len and --query_max_len, in tokens.
  void setMaxLengths(std::size_t passages, std::size_t queries);

  /// Runs the evaluation; evaluated() follows.
  void run();
  void stop();

  // For tests.
  QTableWidget* metricsTable() const { return metrics_; }
  QTableWidget* perQueryTable() const { return perQuery_; }
  QComboBox* firstModel() const { return modelA_; }
  QComboBox* secondModel() const { return modelB_; }
  QComboBox* order() const { return order_; }
  QPlainTextEdit* queryDetail() const { return detail_; }
  QLabel* status() const;
  JobControls* jobControls() const { return controls_; }
  QLineEdit* instruction() const { return instruction_; }
  QCheckBox* compareInstruction() const { return compareInstruction_; }
  QCheckBox* bm25() const { return bm25_; }
  QCheckBox* bf16() const { return precision_->bf16(); }
  QCheckBox* int8() const { return precision_->int8(); }
  MergeSweepView* mergeSweep() const { return sweep_; }

 signals:
  /// The evaluation ended; `error` is empty when it succeeded.
  void evaluated(const QString& error);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct QueryRow {
    QString id;
    QString query;
    std::map<QString, int> firstRelevantRank;  // by model tag; 0: not in the top k
  };
  void onFinished(int exitCode, const QString& error);
  void loadResults();
  void fillComparison();
  void showQuery(int row);
  QString relevantText(const QString& queryId) const;

  Translations translations_;
  std::filesystem::path workspace_;
  std::filesystem::path metricsFile_;
  std::filesystem::path perQueryFile_;
  std::unique_ptr<QTemporaryFile> jobConfig_;  // the running job's options
  std::filesystem::path evalFolder_;
  std::vector<QueryRow> rows_;
  std::shared_ptr<const EvalSet> texts_;  // the set's queries and documents, read in the background
  QFutureWatcher<std::shared_ptr<const EvalSet>> textsWatcher_;
  QStringList tags_;

  MergeSweepView* sweep_ = nullptr;  ///< the workspace's merge sweeps, when it has any
  QListWidget* models_ = nullptr;
  QComboBox* evalSet_ = nullptr;
  QLineEdit* split_ = nullptr;
  QSpinBox* maxLength_ = nullptr;
  QSpinBox* queryMaxLength_ = nullptr;
  QLineEdit* instruction_ = nullptr;
  QCheckBox* compareInstruction_ = nullptr;
  QCheckBox* bm25_ = nullptr;                    ///< add the BM25 row (eval --bm25)
  EncodingPrecisionBoxes* precision_ = nullptr;  ///< --bf16 / --int8
  JobControls* controls_ = nullptr;              ///< run, stop, progress and status of the eval job
  QTableWidget* metrics_ = nullptr;
  QComboBox* modelA_ = nullptr;
  QComboBox* modelB_ = nullptr;
  QComboBox* order_ = nullptr;
  QTableWidget* perQuery_ = nullptr;
  QPlainTextEdit* detail_ = nullptr;
};

}  // namespace embedlab::widgets

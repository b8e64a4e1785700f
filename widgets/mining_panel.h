// The Mining panel: tune the range and the false-negative filters on a sample before mining a
// whole file. A model, a training file and optionally a candidate pool are chosen; a sample of
// queries (50, seeded) is searched once in the background. Each query's ranked candidates then
// show, for the current settings, the positives, the range_for_sampling window, the negatives
// chosen and those a margin would drop as probable false negatives, with a histogram of positive
// against chosen-negative scores; every change of a setting re-selects from the search at once
// (nothing is encoded again). "Mine all" runs `embedlab-cli mine` with the same settings, with
// progress, ETA and Stop, and shows its report; the mined file is offered to the Datasets panel.
#pragma once

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>
#include <filesystem>
#include <memory>

#include "core/common/progress.h"
#include "core/mine/mining_options.h"
#include "core/mine/mining_preview.h"
#include "core/mine/negative_selection.h"
#include "widgets/encoding_precision_boxes.h"
#include "widgets/translations.h"

class QCheckBox;
class QJsonObject;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTemporaryFile;
class QTableWidget;

namespace embedlab::widgets {

class JobControls;

class MiningPanel : public QWidget {
  Q_OBJECT

 public:
  explicit MiningPanel(QWidget* parent = nullptr);
  ~MiningPanel() override;

  /// Offers the workspace's models, training files and pools.
  void setWorkspace(const std::filesystem::path& workspace);
  /// Chooses the inputs (added to the lists when not there).
  void setModel(const std::filesystem::path& folder);
  void setTrainingFile(const std::filesystem::path& file);

  /// Searches a sample of the training file in the background; previewReady() follows.
  void preview();
  /// The selection settings of the controls; setting them re-selects at once.
  mine::SelectionOptions selectionOptions() const;
  /// The whole job the controls describe (what "Mine all" runs), writing to `output`.
  mine::MiningOptions miningOptions(const std::filesystem::path& output) const;
  void setRange(std::size_t start, std::size_t end);
  /// Negatives chosen per query (--negative_number); re-selects at once.
  void setNegativeNumber(std::size_t count);
  /// Tokens per text when encoding (--max_len): for the next preview and Mine all.
  void setEncodingLength(std::size_t tokens);
  /// Runs `embedlab-cli mine` on the whole file into `output`; mined() follows.
  void mineAll(const std::filesystem::path& output);
  void stopMining();

  // For tests.
  int searchesRun() const { return searchesRun_; }
  /// Texts the previews have run through the encoder (those from the embedding cache not counted).
  std::size_t textsEncoded() const { return textsEncoded_; }
  bool previewing() const { return watcher_.isRunning(); }
  const mine::Selection& selection() const { return selection_; }
  const mine::MiningPreview* currentPreview() const { return preview_.get(); }
  QListWidget* queryList() const { return queries_; }
  QTableWidget* rankingTable() const { return ranking_; }
  QCustomPlot* scorePlot() const { return plot_; }
  QLabel* statisticsLabel() const { return statistics_; }
  QLabel* jobStatus() const;
  JobControls* jobControls() const { return controls_; }
  QCheckBox* bf16() const { return precision_->bf16(); }
  QCheckBox* int8() const { return precision_->int8(); }
  QPlainTextEdit* jobReport() const { return jobReport_; }

 signals:
  void previewReady();
  /// `embedlab-cli mine` finished: `output` holds the mined file when `error` is empty.
  void mined(const QString& output, const QString& error);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  /// Shows the finished job's statistics report (its "done" event).
  void showMiningReport(const QJsonObject& line);
  struct Built {
    std::shared_ptr<mine::MiningPreview> preview;
    QString error;
  };
  void onPreviewBuilt();
  void reselect();
  void showQuery(int row);
  /// Says where the query's positives rank when they are deeper than the hits listed.
  void notePositiveRank(std::size_t query, const std::vector<mine::RankedHit>& hits);
  void drawScores();
  void updateStatistics();
  /// `mine --config FILE` with the options written to jobConfig_; empty when it cannot be written.
  QStringList mineArguments(const std::filesystem::path& output);
  void chooseFile(QComboBox* box, bool folder);

  Translations translations_;
  std::filesystem::path workspace_;
  std::shared_ptr<mine::MiningPreview> preview_;
  std::unique_ptr<QTemporaryFile> jobConfig_;  // the running job's options
  mine::Selection selection_;
  int searchesRun_ = 0;
  std::size_t textsEncoded_ = 0;
  std::shared_ptr<PercentProgress> progressState_;
  std::shared_ptr<CancellationToken> cancel_;
  QFutureWatcher<std::shared_ptr<Built>> watcher_;
  QTimer poll_;
  QString jobOutput_;

  QComboBox* model_ = nullptr;
  QComboBox* trainingFile_ = nullptr;
  QComboBox* pool_ = nullptr;
  QSpinBox* sampleSize_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QSpinBox* maxLength_ = nullptr;
  EncodingPrecisionBoxes* precision_ = nullptr;  ///< --bf16 / --int8
  QPushButton* previewButton_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QSpinBox* rangeStart_ = nullptr;
  QSpinBox* rangeEnd_ = nullptr;
  QSpinBox* negativeNumber_ = nullptr;
  QComboBox* sampling_ = nullptr;
  QCheckBox* useRelativeMargin_ = nullptr;
  QDoubleSpinBox* relativeMargin_ = nullptr;
  QCheckBox* useAbsoluteMargin_ = nullptr;
  QDoubleSpinBox* absoluteMargin_ = nullptr;
  QCheckBox* useMaxScore_ = nullptr;
  QDoubleSpinBox* maxScore_ = nullptr;
  JobControls* controls_ = nullptr;      ///< "Mine all": run, stop, progress and status
  QPlainTextEdit* jobReport_ = nullptr;  ///< the finished job's statistics report
  QListWidget* queries_ = nullptr;
  QTableWidget* ranking_ = nullptr;
  QCustomPlot* plot_ = nullptr;
  QLabel* statistics_ = nullptr;
  QLabel* positiveNote_ = nullptr;  ///< where the positive ranks when it is not listed
};

}  // namespace embedlab::widgets

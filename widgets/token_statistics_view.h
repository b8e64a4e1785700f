// The dataset browser's Statistics tab: how a dataset looks to the model. Query and passage
// lengths in tokens, counted in the background with the tokenizer of a model folder (the
// workspace's, a recent one, or one the user browses to), each with a line at query_max_len or
// passage_max_len and the share of texts that limit would truncate (bars beyond it in red); moving
// a limit redraws at once, without counting again. Beside them the negatives per query and the
// duplicates (repeated queries, passages that recur).
#pragma once

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/common/progress.h"
#include "core/data/token_statistics.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace embedlab::widgets {

class TokenStatisticsView : public QWidget {
  Q_OBJECT

 public:
  /// One file to count; an evaluation set is its queries file and its corpus.
  struct Input {
    std::filesystem::path file;
    DataKind kind = DataKind::Training;
    bool operator==(const Input& other) const { return file == other.file && kind == other.kind; }
  };

  explicit TokenStatisticsView(QWidget* parent = nullptr);
  ~TokenStatisticsView() override;

  /// Offers the model folders of `workspace` (and recently used ones) as tokenizers.
  void setWorkspace(const std::filesystem::path& workspace);
  /// The dataset to describe; counted when the view is (or next becomes) visible. The same
  /// inputs again change nothing.
  void setInputs(std::vector<Input> inputs);
  /// Counts with the tokenizer of `folder` (added to the choices and remembered).
  void setTokenizerFolder(const std::filesystem::path& folder);
  /// Moves the truncation lines (remembered); no recount.
  void setMaxLengths(int queryMaxLength, int passageMaxLength);

  bool computing() const { return watcher_.isRunning(); }
  /// What was counted last (complete once computed() was emitted).
  const TokenStatistics& statistics() const { return statistics_; }

  // For tests and screenshots.
  QCustomPlot* queryPlot() const { return queryPlot_; }
  QCustomPlot* passagePlot() const { return passagePlot_; }
  QCustomPlot* negativesPlot() const { return negativesPlot_; }
  QLabel* summary() const { return summary_; }
  QLabel* queryTruncation() const { return queryTruncation_; }
  QLabel* passageTruncation() const { return passageTruncation_; }
  QComboBox* tokenizerChooser() const { return tokenizer_; }

 signals:
  /// Counting finished (or failed: the summary says why).
  void computed();

 protected:
  void showEvent(QShowEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  struct Outcome {
    TokenStatistics statistics;
    QString error;
    bool cancelled = false;
  };
  struct Live;  // the latest snapshot, shared with the counting thread

  void retranslate();
  void start();
  void cancel();
  void onFinished();
  void pollSnapshot();
  void display();  // draws statistics_
  /// Whether `pixelX` is on (within a few pixels of) the truncation line of `plot`.
  bool nearLimitLine(QCustomPlot* plot, double pixelX) const;
  void drawLengths(QCustomPlot* plot, const IntegerDistribution& lengths, int maxLength,
                   QLabel* truncation, bool query);
  void drawNegatives(const IntegerDistribution& negatives);
  void updateSummary();
  void chooseTokenizerFolder();
  void fillTokenizerChoices();
  void addFolderChoice(const QString& path);
  std::filesystem::path tokenizerFolder() const;

  std::filesystem::path workspace_;
  std::vector<Input> inputs_;
  QCustomPlot* draggedPlot_ = nullptr;  ///< the plot whose limit line is being dragged
  bool stale_ = false;                  // inputs or tokenizer changed since the last count
  TokenStatistics statistics_;
  QString error_;

  std::shared_ptr<Live> live_;
  std::shared_ptr<PercentProgress> progressState_;
  std::shared_ptr<CancellationToken> cancel_;
  QFutureWatcher<std::shared_ptr<Outcome>> watcher_;
  QTimer poll_;

  QLabel* tokenizerLabel_ = nullptr;
  QComboBox* tokenizer_ = nullptr;
  QPushButton* browse_ = nullptr;
  QLabel* queryMaxLabel_ = nullptr;
  QSpinBox* queryMaxLength_ = nullptr;
  QLabel* passageMaxLabel_ = nullptr;
  QSpinBox* passageMaxLength_ = nullptr;
  QLabel* instructionLabel_ = nullptr;
  QLineEdit* queryInstruction_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QStackedWidget* pages_ = nullptr;  // a hint until there is a tokenizer, then the plots
  QLabel* hint_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* queryTruncation_ = nullptr;
  QLabel* passageTruncation_ = nullptr;
  QCustomPlot* queryPlot_ = nullptr;
  QCustomPlot* passagePlot_ = nullptr;
  QCustomPlot* negativesPlot_ = nullptr;
};

}  // namespace embedlab::widgets

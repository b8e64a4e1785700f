#include "widgets/run_table_model.h"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QStringList>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

namespace embedlab::widgets {

namespace {

QString text(const std::string& value) {
  return QString::fromStdString(value);
}

QString optionText(const nlohmann::json& value) {
  if (value.is_string()) return text(value.get<std::string>());
  // A range ([A, B], as mining records range_for_sampling) reads as the CLI writes it.
  if (value.is_array() && value.size() == 2 && value[0].is_number_integer() &&
      value[1].is_number_integer())
    return QStringLiteral("%1-%2").arg(value[0].get<long long>()).arg(value[1].get<long long>());
  return text(value.dump());
}

double now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

QString durationText(const store::Run& run) {
  const double end =
      run.endedAt.value_or(run.status == store::RunStatus::Running ? now() : run.heartbeatAt);
  const auto seconds = static_cast<long long>(std::max(0.0, end - run.startedAt));
  if (seconds >= 3600)
    return QStringLiteral("%1 h %2 min")
        .arg(seconds / 3600)
        .arg(seconds % 3600 / 60, 2, 10, QChar('0'));
  if (seconds >= 60) return QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
  return QStringLiteral("%1 s").arg(seconds);
}

// The options people scan a run list for, by kind.
QString keyOptions(const store::Run& run) {
  static const std::vector<std::pair<const char*, const char*>> train{
      {"learning_rate", "lr"},
      {"temperature", "T"},
      {"per_device_train_batch_size", "B"},
      {"train_group_size", "G"},
      {"num_train_epochs", "epochs"}};
  static const std::vector<std::pair<const char*, const char*>> mine{
      {"range_for_sampling", "range"}, {"negative_number", "N"}, {"relative_margin", "margin"}};
  static const std::vector<std::pair<const char*, const char*>> eval{{"k", "k"},
                                                                     {"split", "split"}};
  static const std::vector<std::pair<const char*, const char*>> threshold{
      {"target_precision", "target P"}};
  static const std::vector<std::pair<const char*, const char*>> merge{};
  static const std::vector<std::pair<const char*, const char*>> pretrain{
      {"method", "method"},
      {"learning_rate", "lr"},
      {"per_device_train_batch_size", "B"},
      {"num_train_epochs", "epochs"}};
  const auto kind = store::parseRunKind(run.kind);
  if (!kind) return {};
  const auto& keys = [&]() -> const std::vector<std::pair<const char*, const char*>>& {
    switch (*kind) {
      case store::RunKind::Train:
      case store::RunKind::TrainReranker: return train;  // a reranker has no temperature
      case store::RunKind::Pretrain: return pretrain;
      case store::RunKind::Mine: return mine;
      case store::RunKind::Eval: return eval;
      case store::RunKind::Threshold: return threshold;
      case store::RunKind::Merge: return merge;
    }
    return merge;
  }();
  QStringList parts;
  for (const auto& [key, label] : keys) {
    const auto found = run.options.find(key);
    if (found != run.options.end() && !found->is_null())
      parts << QStringLiteral("%1 %2").arg(QString::fromLatin1(label), optionText(*found));
  }
  return parts.join(QStringLiteral(", "));
}

/// An evaluation's headline metrics with every model it compared, in the order it compared them:
/// "MRR@10 0.1399" for one model, "MRR@10 base 0.1399 / first 0.4336" for several.
QStringList evalMetrics(const std::vector<store::EvalResult>& results) {
  std::vector<std::string> models;
  std::set<std::string> datasets;
  for (const store::EvalResult& r : results) {
    if (std::find(models.begin(), models.end(), r.model) == models.end()) models.push_back(r.model);
    datasets.insert(r.dataset);
  }
  QStringList parts;
  for (const char* metric : {"MRR@10", "nDCG@10"}) {
    QStringList values;
    for (const std::string& model : models) {
      for (const store::EvalResult& r : results) {
        if (r.model != model || r.metric != metric) continue;
        QString value = QString::number(r.value, 'g', 4);
        if (models.size() > 1) value = QString::fromStdString(model) + QLatin1Char(' ') + value;
        if (datasets.size() > 1) {
          value = QString::fromStdString(std::filesystem::path(r.dataset).filename().string()) +
                  QLatin1Char(' ') + value;
        }
        values << value;
      }
    }
    if (!values.isEmpty())
      parts << QStringLiteral("%1 %2").arg(QLatin1String(metric),
                                           values.join(QStringLiteral(" / ")));
  }
  return parts;
}

QString keyMetrics(store::History& history, const store::Run& run) {
  // Thresholds record their fits as evaluation results too: those go through the finals below.
  const QStringList evaluated = evalMetrics(history.evalResults(run.id));
  if (!evaluated.isEmpty()) return evaluated.join(QStringLiteral(", "));
  const std::map<std::string, double> finals = history.finalMetrics(run.id);
  QStringList parts;
  const auto add = [&](const std::string& suffix, const QString& label) {
    for (const auto& [name, value] : finals) {
      if (name.size() >= suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        parts << QStringLiteral("%1 %2").arg(label).arg(value, 0, 'g', 4);
        return;
      }
    }
  };
  add("loss", QStringLiteral("loss"));
  add("MRR@10", QStringLiteral("MRR@10"));
  add("nDCG@10", QStringLiteral("nDCG@10"));
  add("best_f1_threshold", QStringLiteral("threshold"));
  add("best_f1_held_out", QStringLiteral("F1"));
  if (run.kind == "mine") {
    const nlohmann::json stats =
        history.summaries(run.id).value("mining_statistics", nlohmann::json());
    if (stats.is_object()) {
      parts << RunTableModel::tr("%1 negatives, %2 queries short")
                   .arg(stats.value("negatives_chosen", 0))
                   .arg(stats.value("queries_short", 0));
    }
  }
  return parts.join(QStringLiteral(", "));
}

}  // namespace

RunTableModel::RunTableModel(QObject* parent) : QAbstractTableModel(parent) {}

QString RunTableModel::statusText(store::RunStatus status) {
  switch (status) {
    case store::RunStatus::Running: return tr("running");
    case store::RunStatus::Finished: return tr("finished");
    case store::RunStatus::Failed: return tr("failed");
    case store::RunStatus::Stopped: return tr("stopped");
    case store::RunStatus::Interrupted: return tr("interrupted");
  }
  return {};
}

void RunTableModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
  signature_.clear();  // the key metrics are text in the interface's language
  reload();
}
RunTableModel::~RunTableModel() = default;

void RunTableModel::setHistory(store::History* history) {
  history_ = history;
  signature_.clear();
  beginResetModel();
  rows_.clear();
  endResetModel();
  reload();
}

RunTableModel::Row RunTableModel::makeRow(store::Run run) const {
  Row row;
  row.keyOptions = keyOptions(run);
  row.keyMetrics = keyMetrics(*history_, run);
  row.run = std::move(run);
  return row;
}

bool RunTableModel::reload() {
  if (history_ == nullptr) return false;
  std::vector<store::Run> runs = history_->listRuns();
  std::string signature;
  for (const store::Run& run : runs) {
    signature += std::to_string(run.id) + ":" + std::string(runStatusName(run.status)) + ":" +
                 std::to_string(run.heartbeatAt) + ":" + run.notes + ":";
    for (const std::string& tag : run.tags)
      signature += tag + ",";
    signature += ";";
  }
  if (signature == signature_) return false;
  signature_ = signature;
  beginResetModel();
  rows_.clear();
  for (store::Run& run : runs)
    rows_.push_back(makeRow(std::move(run)));
  endResetModel();
  return true;
}

int RunTableModel::rowOf(std::int64_t id) const {
  for (std::size_t row = 0; row < rows_.size(); ++row) {
    if (rows_[row].run.id == id) return static_cast<int>(row);
  }
  return -1;
}

int RunTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int RunTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

QVariant RunTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const Row& row = rows_[static_cast<std::size_t>(index.row())];
  const store::Run& run = row.run;
  if (role == Qt::DisplayRole || role == Qt::EditRole) {
    switch (index.column()) {
      case Id:
        return role == Qt::EditRole ? QVariant(static_cast<qlonglong>(run.id))
                                    : QVariant(QString::number(run.id));
      case Kind: return text(run.kind);
      case Name: return text(run.name);
      case Status: return statusText(run.status);
      case Started:
        return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(run.startedAt))
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
      case Duration: return durationText(run);
      case KeyOptions: return row.keyOptions;
      case KeyMetrics: return row.keyMetrics;
      case Tags: {
        QStringList tags;
        for (const std::string& tag : run.tags)
          tags << text(tag);
        return tags.join(QStringLiteral(", "));
      }
      case Notes: return text(run.notes);
      default: return {};
    }
  }
  if (role == kRawRole) {
    if (index.column() == Kind) return text(run.kind);
    if (index.column() == Status) return text(std::string(runStatusName(run.status)));
    return data(index, Qt::DisplayRole);
  }
  if (role == Qt::UserRole) {  // sort keys
    switch (index.column()) {
      case Id: return static_cast<qlonglong>(run.id);
      case Started: return run.startedAt;
      case Duration: return run.endedAt.value_or(run.heartbeatAt) - run.startedAt;
      default: return data(index, Qt::DisplayRole);
    }
  }
  if (role == Qt::ToolTipRole) {
    if (index.column() == Status && !run.error.empty()) return text(run.error);
    if (index.column() == Name) {  // the whole name (the column may elide it) and where it wrote
      const QString name = data(index, Qt::DisplayRole).toString();
      return run.outputPath.empty() ? name : name + QLatin1Char('\n') + text(run.outputPath);
    }
    // The long columns may be narrower than their text (the table keeps them to a share of its
    // width): the whole text on hover.
    if (index.column() == KeyOptions || index.column() == KeyMetrics)
      return data(index, Qt::DisplayRole);
  }
  if (role == Qt::ForegroundRole && index.column() == Status) {
    switch (run.status) {
      case store::RunStatus::Failed:
      case store::RunStatus::Interrupted: return QColor(0xc0, 0x20, 0x20);
      case store::RunStatus::Running: return QColor(0x2b, 0x57, 0x97);
      default: return {};
    }
  }
  return {};
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Id: return tr("ID");
    case Kind: return tr("Kind");
    case Name: return tr("Name");
    case Status: return tr("Status");
    case Started: return tr("Started");
    case Duration: return tr("Duration");
    case KeyOptions: return tr("Key options");
    case KeyMetrics: return tr("Key metrics");
    case Tags: return tr("Tags");
    case Notes: return tr("Notes");
    default: return {};
  }
}

Qt::ItemFlags RunTableModel::flags(const QModelIndex& index) const {
  Qt::ItemFlags flags = QAbstractTableModel::flags(index);
  if (index.column() == Tags || index.column() == Notes) flags |= Qt::ItemIsEditable;
  return flags;
}

bool RunTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (role != Qt::EditRole || history_ == nullptr || !index.isValid()) return false;
  Row& row = rows_[static_cast<std::size_t>(index.row())];
  try {
    if (index.column() == Notes) {
      history_->setNote(row.run.id, value.toString().toStdString());
      row.run.notes = value.toString().toStdString();
    } else if (index.column() == Tags) {
      std::vector<std::string> wanted;
      for (const QString& tag : value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!tag.trimmed().isEmpty()) wanted.push_back(tag.trimmed().toStdString());
      }
      for (const std::string& tag : row.run.tags) {
        if (std::find(wanted.begin(), wanted.end(), tag) == wanted.end())
          history_->removeTag(row.run.id, tag);
      }
      for (const std::string& tag : wanted)
        history_->addTag(row.run.id, tag);
      std::sort(wanted.begin(), wanted.end());
      wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
      row.run.tags = wanted;
    } else {
      return false;
    }
  } catch (const std::exception& error) {
    emit editFailed(text(error.what()));
    return false;
  }
  emit dataChanged(index, index);
  return true;
}

}  // namespace embedlab::widgets

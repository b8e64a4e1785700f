#include "widgets/record_table_model.h"

#include <QColor>

#include <cctype>

#include "core/common/error.h"
#include "core/common/utf8.h"
#include "core/data/line_reader.h"

namespace embedlab::widgets {

namespace {

QString shortened(const std::string& text) {
  // The table shows one line of the text; the detail pane shows all of it.
  QString value = QString::fromStdString(text.size() > 400 ? text.substr(0, 400) : text);
  value.replace(QLatin1Char('\n'), QLatin1Char(' '));
  return value;
}

int listSize(const nlohmann::json& record, const char* key) {
  const auto found = record.find(key);
  return found != record.end() && found->is_array() ? static_cast<int>(found->size()) : -1;
}

// The fields a record's main text can be in, in order of preference.
constexpr const char* kTextKeys[] = {"query", "text", "content", "_id"};
// The lists that hold passages.
constexpr const char* kPassageKeys[] = {"pos", "neg", "positive"};

const std::string* mainText(const nlohmann::json& record) {
  for (const char* key : kTextKeys) {
    const auto found = record.find(key);
    if (found != record.end() && found->is_string()) return &found->get_ref<const std::string&>();
  }
  return nullptr;
}

// Calls fn(text) for each passage of the record's lists; stops when it returns true.
template <typename Fn>
bool anyPassage(const nlohmann::json& record, Fn fn) {
  for (const char* key : kPassageKeys) {
    const auto found = record.find(key);
    if (found == record.end() || !found->is_array()) continue;
    for (const auto& item : *found) {
      if (item.is_string() && fn(item.get_ref<const std::string&>())) return true;
    }
  }
  return false;
}

}  // namespace

RecordRow parseRecordRow(std::uint64_t line, std::string raw) {
  RecordRow row;
  row.line = line;
  const nlohmann::json record = nlohmann::json::parse(raw, nullptr, false);
  row.raw = std::move(raw);
  if (record.is_discarded() || !record.is_object()) {
    row.invalid = !row.raw.empty();
    row.text = shortened(row.raw);  // a TSV line, or what could not be parsed
    row.length = static_cast<int>(utf8::codePointCount(row.raw));
    return row;
  }
  if (const std::string* text = mainText(record)) {
    row.text = shortened(*text);
    row.length = static_cast<int>(utf8::codePointCount(*text));
  }
  row.positives = listSize(record, "pos");
  row.negatives = listSize(record, "neg");
  anyPassage(record, [&row](const std::string& passage) {
    row.longestPassage =
        std::max(row.longestPassage, static_cast<int>(utf8::codePointCount(passage)));
    return false;
  });
  return row;
}

RecordMatcher::RecordMatcher(const RecordQuery& query) : query_(query) {
  if (query.regex) {
    pattern_ = QRegularExpression(query.text, QRegularExpression::CaseInsensitiveOption);
    if (!pattern_.isValid())
      throw UsageError("invalid regular expression: " + pattern_.errorString().toStdString());
  } else {
    lowered_ = query.text.toLower().toStdString();
  }
}

bool RecordMatcher::matchesText(const std::string& text) const {
  if (query_.regex) return pattern_.match(QString::fromStdString(text)).hasMatch();
  if (lowered_.empty()) return true;
  // ASCII fast path; other text through Qt's Unicode case folding.
  std::string lowered(text);
  bool ascii = true;
  for (char& c : lowered) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!ascii) lowered = QString::fromStdString(text).toLower().toStdString();
  return lowered.find(lowered_) != std::string::npos;
}

bool RecordMatcher::matches(std::string_view raw) const {
  const nlohmann::json record = nlohmann::json::parse(raw, nullptr, false);
  const bool invalid = record.is_discarded() || !record.is_object();
  if (query_.invalidOnly) {
    return invalid && !raw.empty() && (query_.text.isEmpty() || matchesText(std::string(raw)));
  }
  const bool lengths = query_.queryLength.limits() || query_.passageLength.limits();
  if (invalid) {
    return !lengths && (query_.text.isEmpty() || matchesText(std::string(raw)));
  }
  if (query_.queryLength.limits()) {
    const std::string* text = mainText(record);
    if (text == nullptr || !query_.queryLength.contains(utf8::codePointCount(*text))) return false;
  }
  if (query_.passageLength.limits() && !anyPassage(record, [this](const std::string& passage) {
        return query_.passageLength.contains(utf8::codePointCount(passage));
      })) {
    return false;
  }
  if (query_.text.isEmpty()) return true;
  for (const auto& [key, value] : record.items()) {
    if (value.is_string() && matchesText(value.get_ref<const std::string&>())) return true;
    if (value.is_array() && (key == "pos" || key == "neg" || key == "positive")) {
      for (const auto& item : value) {
        if (item.is_string() && matchesText(item.get_ref<const std::string&>())) return true;
      }
    }
  }
  return false;
}

RecordTableModel::RecordTableModel(QObject* parent) : QAbstractTableModel(parent) {
  failed_.text = tr("(the file changed on disk; reopen it)");
  failed_.invalid = true;
  showMore_.setInterval(0);
  connect(&showMore_, &QTimer::timeout, this, &RecordTableModel::showMoreRows);
}

void RecordTableModel::endResetShowingRows() {
  shown_ = std::min(totalRows(), kRowsPerStep);
  endResetModel();
  if (!showingAllRows()) {
    showMore_.start();
  } else if (showMore_.isActive()) {
    showMore_.stop();
    emit allRowsShown();  // a reset that shows everything ends the steps of the one before
  }
}

void RecordTableModel::showMoreRows() {
  const int total = totalRows();
  const int next = total - shown_ > kRowsPerStep ? shown_ + kRowsPerStep : total;
  if (next > shown_) {
    beginInsertRows({}, shown_, next - 1);
    shown_ = next;
    endInsertRows();
  }
  if (showingAllRows()) {
    showMore_.stop();
    emit allRowsShown();
  }
}

void RecordTableModel::setPreview(const std::filesystem::path& path, std::size_t lines) {
  beginResetModel();
  file_.reset();
  pages_.clear();
  preview_.clear();
  try {
    LineReader reader(path);
    TextLine line;
    while (preview_.size() < lines && reader.next(line)) {
      if (line.tooLong) {
        RecordRow row;
        row.line = line.number;
        row.invalid = true;
        row.text = tr("(a line of %1 bytes, too long to show)").arg(line.length);
        preview_.push_back(std::move(row));
        continue;
      }
      preview_.push_back(parseRecordRow(line.number, std::string(line.text)));
    }
  } catch (const std::exception&) {
    preview_.clear();  // the indexed file will say what is wrong
  }
  endResetShowingRows();
}

void RecordTableModel::setIndexedFile(std::unique_ptr<IndexedLineFile> file) {
  beginResetModel();
  file_ = std::move(file);
  filter_.reset();
  pages_.clear();
  preview_.clear();
  endResetShowingRows();
}

void RecordTableModel::setFilter(std::vector<std::uint64_t> lines) {
  beginResetModel();
  filter_ = std::move(lines);
  endResetShowingRows();
}

void RecordTableModel::clearFilter() {
  beginResetModel();
  filter_.reset();
  endResetShowingRows();
}

void RecordTableModel::clear() {
  beginResetModel();
  filter_.reset();
  file_.reset();
  pages_.clear();
  preview_.clear();
  endResetShowingRows();
}

const RecordRow& RecordTableModel::record(int row) const {
  if (!file_) return preview_[static_cast<std::size_t>(row)];
  const auto index =
      filter_ ? (*filter_)[static_cast<std::size_t>(row)] : static_cast<std::uint64_t>(row);
  const std::uint64_t first = index / kPageLines * kPageLines;
  for (std::size_t at = 0; at < pages_.size(); ++at) {
    if (pages_[at].first != first) continue;
    if (at > 0) {  // most recently used to the front
      Page used = std::move(pages_[at]);
      pages_.erase(pages_.begin() + static_cast<std::ptrdiff_t>(at));
      pages_.push_front(std::move(used));
    }
    return pages_.front().rows[index - first];
  }
  Page page;
  page.first = first;
  try {
    std::vector<std::string> lines = file_->lines(first, kPageLines);
    for (std::size_t i = 0; i < lines.size(); ++i)
      page.rows.push_back(parseRecordRow(first + i + 1, std::move(lines[i])));
  } catch (const std::exception&) {
    return failed_;
  }
  if (index - first >= page.rows.size()) return failed_;
  pages_.push_front(std::move(page));
  if (pages_.size() > kPagesKept) pages_.pop_back();
  return pages_.front().rows[index - first];
}

int RecordTableModel::lineCount() const {
  return file_ ? static_cast<int>(std::min<std::uint64_t>(file_->lineCount(), INT32_MAX))
               : static_cast<int>(preview_.size());
}

int RecordTableModel::totalRows() const {
  return filter_ ? static_cast<int>(std::min<std::size_t>(filter_->size(), INT32_MAX))
                 : lineCount();
}

int RecordTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : shown_;
}

int RecordTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

QVariant RecordTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const RecordRow& row = record(index.row());
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case Line: return QVariant::fromValue<qulonglong>(row.line);
      case Text: return row.text;
      case Positives: return row.positives < 0 ? QVariant() : QVariant(row.positives);
      case Negatives: return row.negatives < 0 ? QVariant() : QVariant(row.negatives);
      case Length: return row.length;
      case LongestPassage:
        return row.longestPassage < 0 ? QVariant() : QVariant(row.longestPassage);
      default: return {};
    }
  }
  if (role == Qt::ForegroundRole && row.invalid) return QColor(0xc0, 0x20, 0x20);
  if (role == Qt::TextAlignmentRole && index.column() != Text)
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Line: return tr("Line");
    case Text: return tr("Query / text");
    case Positives: return tr("Positives");
    case Negatives: return tr("Negatives");
    case Length: return tr("Characters");
    case LongestPassage: return tr("Longest passage");
    default: return {};
  }
}

}  // namespace embedlab::widgets

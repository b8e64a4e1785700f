#include "core/data/record_parsers.h"

#include <fmt/format.h>

#include <charconv>
#include <unordered_map>
#include <unordered_set>

#include "core/data/json_fields.h"

namespace embedlab {

namespace jf = json_fields;

struct RecordParser::Impl {
  simdjson::dom::parser parser;
};

namespace {

bool hasError(const std::vector<Problem>& problems, std::size_t from) {
  for (std::size_t i = from; i < problems.size(); ++i) {
    if (problems[i].severity() == Severity::Error) {
      return true;
    }
  }
  return false;
}

std::string rawJson(simdjson::dom::element element) {
  return simdjson::minify(element);
}

// Reports texts that occur twice in `texts` (1-based positions in the messages).
void checkDuplicates(const std::vector<std::string_view>& texts, std::string_view field,
                     ProblemKind kind, std::uint64_t line, std::vector<Problem>& problems) {
  std::unordered_map<std::string_view, std::size_t> firstSeen;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto [at, inserted] = firstSeen.emplace(texts[i], i);
    if (!inserted) {
      problems.push_back({kind, line,
                          fmt::format("{} {} repeats {} {} (the same text twice)", field, i + 1,
                                      field, at->second + 1)});
    }
  }
}

// The layout a corpus or queries file's first record uses: MS MARCO-style records have
// `msMarcoKey` ("content" or "query") and no "_id".
EvalLayout layoutOf(simdjson::dom::object object, std::string_view msMarcoKey) {
  const bool hasKey = object.at_key(msMarcoKey).error() == simdjson::SUCCESS;
  const bool hasId = object.at_key("_id").error() == simdjson::SUCCESS;
  return hasKey && !hasId ? EvalLayout::MsMarco : EvalLayout::Beir;
}

// BEIR separates qrels columns with tabs; TREC qrels ("qid 0 docid rel") with any whitespace.
std::vector<std::string_view> splitColumns(std::string_view text) {
  std::vector<std::string_view> columns;
  const bool tabbed = text.find('\t') != std::string_view::npos;
  const char* separators = tabbed ? "\t" : " \t";
  std::size_t position = tabbed ? 0 : text.find_first_not_of(separators);
  while (position != std::string_view::npos && position <= text.size()) {
    const std::size_t end = text.find_first_of(separators, position);
    std::string_view column = text.substr(
        position, end == std::string_view::npos ? std::string_view::npos : end - position);
    while (!column.empty() && column.back() == ' ')
      column.remove_suffix(1);
    while (!column.empty() && column.front() == ' ')
      column.remove_prefix(1);
    columns.push_back(column);
    if (end == std::string_view::npos) break;
    position = tabbed ? end + 1 : text.find_first_not_of(separators, end);
  }
  return columns;
}

bool parseWholeNumber(std::string_view text, int& value) {
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  return result.ec == std::errc() && result.ptr == end && !text.empty();
}

}  // namespace

std::string documentText(const CorpusDocument& document) {
  if (document.title.empty()) return document.text;
  if (document.text.empty()) return document.title;
  return document.title + " " + document.text;
}

RecordParser::RecordParser(std::uint64_t maxLineBytes)
    : impl_(std::make_unique<Impl>()), maxLineBytes_(maxLineBytes) {}

RecordParser::~RecordParser() = default;

std::optional<TrainingExample> RecordParser::training(const TextLine& line,
                                                      std::vector<Problem>& problems) {
  const std::size_t before = problems.size();
  const auto object = jf::parseObjectLine(impl_->parser, line, maxLineBytes_, problems);
  if (!object) {
    return std::nullopt;
  }
  const std::uint64_t n = line.number;
  jf::checkKnownFields(*object, {"query", "pos", "neg", "pos_scores", "neg_scores", "prompt"}, n,
                       problems);
  const auto query = jf::requiredString(*object, "query", n, problems);
  if (query && jf::isBlank(*query)) {
    problems.push_back({ProblemKind::EmptyQuery, n, "field \"query\" is empty"});
  }
  const auto positives = jf::stringList(*object, "pos", true, n, problems);
  const auto negatives = jf::stringList(*object, "neg", false, n, problems);
  const auto positiveScores = jf::numberList(*object, "pos_scores", n, problems);
  const auto negativeScores = jf::numberList(*object, "neg_scores", n, problems);
  const auto prompt = jf::optionalString(*object, "prompt", n, problems);

  if (positives) {
    if (positives->empty()) {
      problems.push_back({ProblemKind::EmptyPositives, n,
                          "field \"pos\" is an empty list; every query needs at least one "
                          "positive passage"});
    }
    for (std::size_t i = 0; i < positives->size(); ++i) {
      if (jf::isBlank((*positives)[i])) {
        problems.push_back(
            {ProblemKind::EmptyText, n, fmt::format("positive {} (\"pos\") is empty", i + 1)});
      }
    }
    checkDuplicates(*positives, "positive", ProblemKind::DuplicatePositive, n, problems);
    if (positiveScores && !positiveScores->empty() && positiveScores->size() != positives->size()) {
      problems.push_back({ProblemKind::ScoresLengthMismatch, n,
                          fmt::format("\"pos_scores\" has {} scores for {} positives; give one "
                                      "score per text",
                                      positiveScores->size(), positives->size())});
    }
  }
  if (negatives) {
    for (std::size_t i = 0; i < negatives->size(); ++i) {
      if (jf::isBlank((*negatives)[i])) {
        problems.push_back(
            {ProblemKind::EmptyText, n, fmt::format("negative {} (\"neg\") is empty", i + 1)});
      }
    }
    checkDuplicates(*negatives, "negative", ProblemKind::DuplicateNegative, n, problems);
    if (negativeScores && !negativeScores->empty() && negativeScores->size() != negatives->size()) {
      problems.push_back({ProblemKind::ScoresLengthMismatch, n,
                          fmt::format("\"neg_scores\" has {} scores for {} negatives; give one "
                                      "score per text",
                                      negativeScores->size(), negatives->size())});
    }
  }
  if (positives && negatives && !negatives->empty()) {
    std::unordered_map<std::string_view, std::size_t> positiveAt;
    for (std::size_t i = 0; i < positives->size(); ++i) {
      positiveAt.emplace((*positives)[i], i);
    }
    for (std::size_t i = 0; i < negatives->size(); ++i) {
      if (const auto found = positiveAt.find((*negatives)[i]); found != positiveAt.end()) {
        problems.push_back({ProblemKind::PositiveAlsoNegative, n,
                            fmt::format("negative {} is the same text as positive {}; a text "
                                        "cannot be both",
                                        i + 1, found->second + 1)});
      }
    }
  }
  if (hasError(problems, before)) {
    return std::nullopt;
  }

  TrainingExample example;
  example.line = n;
  example.query = std::string(*query);
  example.positives.assign(positives->begin(), positives->end());
  example.negatives.assign(negatives->begin(), negatives->end());
  example.positiveScores = *positiveScores;
  example.negativeScores = *negativeScores;
  if (prompt) {
    example.prompt = std::string(*prompt);
  }
  for (const auto field : *object) {
    const std::string_view key = field.key;
    if (key != "query" && key != "pos" && key != "neg" && key != "pos_scores" &&
        key != "neg_scores" && key != "prompt") {
      example.extraFields.emplace_back(std::string(key), rawJson(field.value));
    }
  }
  ++recordsAccepted_;
  return example;
}

std::optional<PoolText> RecordParser::pool(const TextLine& line, std::vector<Problem>& problems) {
  const std::size_t before = problems.size();
  const auto object = jf::parseObjectLine(impl_->parser, line, maxLineBytes_, problems);
  if (!object) {
    return std::nullopt;
  }
  jf::checkKnownFields(*object, {"text"}, line.number, problems);
  const auto text = jf::requiredString(*object, "text", line.number, problems);
  if (text && jf::isBlank(*text)) {
    problems.push_back({ProblemKind::EmptyText, line.number, "field \"text\" is empty"});
  }
  if (hasError(problems, before)) {
    return std::nullopt;
  }
  ++recordsAccepted_;
  return PoolText{std::string(*text), line.number};
}

std::optional<simdjson::dom::object> RecordParser::evalObject(const TextLine& line,
                                                              EvalLayout& layout,
                                                              std::string_view msMarcoKey,
                                                              std::vector<Problem>& problems) {
  auto object = jf::parseObjectLine(impl_->parser, line, maxLineBytes_, problems);
  if (object && layout == EvalLayout::Unknown) {
    layout = layoutOf(*object, msMarcoKey);
  }
  return object;
}

std::optional<CorpusDocument> RecordParser::corpus(const TextLine& line, EvalLayout& layout,
                                                   std::vector<Problem>& problems) {
  const std::size_t before = problems.size();
  const auto object = evalObject(line, layout, "content", problems);
  if (!object) {
    return std::nullopt;
  }
  const std::uint64_t n = line.number;
  CorpusDocument document;
  document.line = n;
  if (layout == EvalLayout::Beir) {
    jf::checkKnownFields(*object, {"_id", "title", "text", "metadata"}, n, problems);
    const auto id = jf::requiredId(*object, "_id", n, problems);
    const auto text = jf::requiredString(*object, "text", n, problems);
    const auto title = jf::optionalString(*object, "title", n, problems);
    if (text && jf::isBlank(*text) && (!title || jf::isBlank(*title))) {
      problems.push_back(
          {ProblemKind::EmptyText, n, "document has an empty \"text\" and no \"title\""});
    }
    if (hasError(problems, before)) {
      return std::nullopt;
    }
    document.id = *id;
    document.text = std::string(*text);
    document.title = title ? std::string(*title) : std::string();
  } else {
    jf::checkKnownFields(*object, {"content"}, n, problems);
    const auto content = jf::requiredString(*object, "content", n, problems);
    if (content && jf::isBlank(*content)) {
      problems.push_back({ProblemKind::EmptyText, n, "field \"content\" is empty"});
    }
    if (hasError(problems, before)) {
      return std::nullopt;
    }
    document.id = std::to_string(recordsAccepted_);
    document.text = std::string(*content);
  }
  ++recordsAccepted_;
  return document;
}

std::optional<EvalQuery> RecordParser::query(const TextLine& line, EvalLayout& layout,
                                             std::vector<Problem>& problems) {
  const std::size_t before = problems.size();
  const auto object = evalObject(line, layout, "query", problems);
  if (!object) {
    return std::nullopt;
  }
  const std::uint64_t n = line.number;
  EvalQuery query;
  query.line = n;
  if (layout == EvalLayout::Beir) {
    jf::checkKnownFields(*object, {"_id", "text", "metadata"}, n, problems);
    const auto id = jf::requiredId(*object, "_id", n, problems);
    const auto text = jf::requiredString(*object, "text", n, problems);
    if (text && jf::isBlank(*text)) {
      problems.push_back({ProblemKind::EmptyQuery, n, "field \"text\" (the query) is empty"});
    }
    if (hasError(problems, before)) {
      return std::nullopt;
    }
    query.id = *id;
    query.text = std::string(*text);
  } else {
    jf::checkKnownFields(*object, {"query", "positive"}, n, problems);
    const auto text = jf::requiredString(*object, "query", n, problems);
    const auto positives = jf::stringList(*object, "positive", true, n, problems);
    if (text && jf::isBlank(*text)) {
      problems.push_back({ProblemKind::EmptyQuery, n, "field \"query\" is empty"});
    }
    if (positives && positives->empty()) {
      problems.push_back({ProblemKind::EmptyPositives, n,
                          "field \"positive\" is an empty list; a query needs at least one "
                          "relevant passage"});
    }
    if (hasError(problems, before)) {
      return std::nullopt;
    }
    query.id = std::to_string(recordsAccepted_);
    query.text = std::string(*text);
    query.positives.assign(positives->begin(), positives->end());
  }
  ++recordsAccepted_;
  return query;
}

std::optional<QrelsEntry> RecordParser::qrels(const TextLine& line,
                                              std::vector<Problem>& problems) {
  if (line.tooLong) {
    problems.push_back(
        {ProblemKind::LineTooLong, line.number,
         fmt::format("line is {} bytes long; a qrels line is three short columns", line.length)});
    return std::nullopt;
  }
  if (jf::isBlank(line.text)) {
    problems.push_back({ProblemKind::BlankLine, line.number, "blank line, skipped"});
    return std::nullopt;
  }
  std::vector<std::string_view> columns = splitColumns(line.text);
  if (columns.size() == 4) {
    columns.erase(columns.begin() + 1);  // TREC's unused iteration column
  }
  int relevance = 0;
  const bool numeric = columns.size() == 3 && parseWholeNumber(columns[2], relevance);
  if (!numeric) {
    if (line.number == 1 && columns.size() == 3) {
      return std::nullopt;  // the "query-id corpus-id score" header
    }
    problems.push_back({ProblemKind::InvalidQrelsLine, line.number,
                        fmt::format("expected \"query-id<TAB>corpus-id<TAB>score\" with a whole-"
                                    "number score, found {} column{}",
                                    columns.size(), columns.size() == 1 ? "" : "s")});
    return std::nullopt;
  }
  if (columns[0].empty() || columns[1].empty()) {
    problems.push_back({ProblemKind::InvalidQrelsLine, line.number, "empty query id or corpus id"});
    return std::nullopt;
  }
  ++recordsAccepted_;
  return QrelsEntry{std::string(columns[0]), std::string(columns[1]), relevance, line.number};
}

}  // namespace embedlab

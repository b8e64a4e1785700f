// A problem found in a user's data file: what kind, where (1-based line), and a message that says
// what was expected. Validation collects them; loaders throw the first error as an InputError.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace embedlab {

enum class Severity { Warning, Error };

/// Every rule the data layer checks. The severity of each kind is fixed (severityOf) and
/// documented in the README's "Data validation" table.
enum class ProblemKind {
  InvalidJson,            ///< error: the line is not valid JSON
  InvalidUtf8,            ///< error: bytes that are not UTF-8 (often a Latin-1 file)
  NotAnObject,            ///< error: valid JSON, but not a {...} object
  MissingField,           ///< error: a required field is absent
  WrongType,              ///< error: a field (or an element of it) has the wrong JSON type
  EmptyQuery,             ///< error: "query" is empty or only whitespace
  EmptyPositives,         ///< error: "pos" is an empty list
  EmptyText,              ///< error: a passage, pool or corpus text is empty
  ScoresLengthMismatch,   ///< error: pos_scores/neg_scores length differs from pos/neg
  PositiveAlsoNegative,   ///< error: a text is listed as positive and as negative
  DuplicateId,            ///< error: an _id repeats within a corpus or queries file
  LineTooLong,            ///< error: a line longer than the reader's limit (not read into memory)
  InvalidQrelsLine,       ///< error: a qrels line is not "query-id TAB corpus-id TAB score"
  UnknownQueryId,         ///< error: qrels name a query that queries.jsonl lacks
  UnknownDocumentId,      ///< error: qrels name a document that corpus.jsonl lacks
  DuplicatePositive,      ///< warning: the same positive text twice for one query
  DuplicateNegative,      ///< warning: the same negative text twice for one query
  UnknownField,           ///< warning: a field the format does not define (typo?)
  BlankLine,              ///< warning: an empty line, skipped
  QueryWithoutJudgments,  ///< warning: a query no qrels line mentions (evaluation skips it)
  PositiveNotInCorpus,    ///< warning: an MS MARCO-style positive text absent from the corpus
};

/// Stable short code shown in reports and used in JSON output ("invalid-json").
std::string_view problemCode(ProblemKind kind);

Severity severityOf(ProblemKind kind);

std::string_view severityName(Severity severity);

struct Problem {
  ProblemKind kind = ProblemKind::InvalidJson;
  std::uint64_t line = 0;  ///< 1-based; 0 when the problem concerns the whole file
  std::string message;     ///< what is wrong and what was expected, without file and line

  Severity severity() const { return severityOf(kind); }
};

}  // namespace embedlab

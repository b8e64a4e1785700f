#include "core/data/problem.h"

namespace embedlab {

std::string_view problemCode(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::InvalidJson: return "invalid-json";
    case ProblemKind::InvalidUtf8: return "invalid-utf8";
    case ProblemKind::NotAnObject: return "not-an-object";
    case ProblemKind::MissingField: return "missing-field";
    case ProblemKind::WrongType: return "wrong-type";
    case ProblemKind::EmptyQuery: return "empty-query";
    case ProblemKind::EmptyPositives: return "empty-pos";
    case ProblemKind::EmptyText: return "empty-text";
    case ProblemKind::ScoresLengthMismatch: return "scores-length-mismatch";
    case ProblemKind::PositiveAlsoNegative: return "positive-also-negative";
    case ProblemKind::DuplicateId: return "duplicate-id";
    case ProblemKind::LineTooLong: return "line-too-long";
    case ProblemKind::InvalidQrelsLine: return "invalid-qrels-line";
    case ProblemKind::UnknownQueryId: return "unknown-query-id";
    case ProblemKind::UnknownDocumentId: return "unknown-document-id";
    case ProblemKind::DuplicatePositive: return "duplicate-positive";
    case ProblemKind::DuplicateNegative: return "duplicate-negative";
    case ProblemKind::UnknownField: return "unknown-field";
    case ProblemKind::BlankLine: return "blank-line";
    case ProblemKind::QueryWithoutJudgments: return "query-without-judgments";
    case ProblemKind::PositiveNotInCorpus: return "positive-not-in-corpus";
  }
  return "unknown";
}

Severity severityOf(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::DuplicatePositive:
    case ProblemKind::DuplicateNegative:
    case ProblemKind::UnknownField:
    case ProblemKind::BlankLine:
    case ProblemKind::QueryWithoutJudgments:
    case ProblemKind::PositiveNotInCorpus: return Severity::Warning;
    default: return Severity::Error;
  }
}

std::string_view severityName(Severity severity) {
  return severity == Severity::Error ? "error" : "warning";
}

}  // namespace embedlab

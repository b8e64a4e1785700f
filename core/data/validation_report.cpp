#include "core/data/validation_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace embedlab {

namespace {

std::string distributionLine(std::string_view label, const IntegerDistribution& d) {
  if (d.empty()) {
    return fmt::format("  {:<28} none\n", label);
  }
  return fmt::format("  {:<28} min {}  median {}  p95 {}  max {}  mean {:.1f}\n", label, d.min(),
                     d.median(), d.quantile(0.95), d.max(), d.mean());
}

nlohmann::ordered_json distributionJson(const IntegerDistribution& d) {
  return {{"count", d.count()},      {"min", d.min()}, {"median", d.median()},
          {"p95", d.quantile(0.95)}, {"max", d.max()}, {"mean", d.mean()}};
}

std::string_view layoutName(EvalLayout layout) {
  switch (layout) {
    case EvalLayout::Beir: return "BEIR";
    case EvalLayout::MsMarco: return "MS MARCO-style";
    case EvalLayout::Unknown: break;
  }
  return "unknown";
}

std::string_view kindTitle(DataKind kind) {
  switch (kind) {
    case DataKind::Training: return "training data";
    case DataKind::Pool: return "candidate pool";
    case DataKind::Corpus: return "corpus";
    case DataKind::Queries: return "queries";
    case DataKind::Qrels: return "qrels";
  }
  return "data";
}

std::string location(const ValidationReport& report, const Problem& problem) {
  return problem.line == 0 ? report.file : fmt::format("{}:{}", report.file, problem.line);
}

}  // namespace

std::string formatValidationReport(const ValidationReport& report, std::size_t showProblems) {
  std::string out = fmt::format("{}: {}", report.file, kindTitle(report.kind));
  if (report.layout != EvalLayout::Unknown) {
    out += fmt::format(" ({} layout)", layoutName(report.layout));
  }
  out += fmt::format(", {} lines, {} bytes\n", report.lines, report.bytes);

  const std::size_t shown = std::min(showProblems, report.problems.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const Problem& problem = report.problems[i];
    out +=
        fmt::format("  {}: {} [{}] {}\n", location(report, problem),
                    severityName(problem.severity()), problemCode(problem.kind), problem.message);
  }
  const std::uint64_t total = report.errors + report.warnings;
  if (total > shown) {
    out += fmt::format("  ... and {} more problem{} (counts below)\n", total - shown,
                       total - shown == 1 ? "" : "s");
  }
  if (!report.problemCounts.empty()) {
    out += "Problems by kind:\n";
    for (const auto& [kind, count] : report.problemCounts) {
      out += fmt::format("  {:<28} {:>8} {}{}\n", problemCode(kind), count,
                         severityName(severityOf(kind)), count == 1 ? "" : "s");
    }
  }

  out += "Summary:\n";
  out += fmt::format("  {:<28} {} valid, {} invalid, {} blank\n", "records", report.records,
                     report.invalidLines, report.blankLines);
  if (report.bom || report.crlfLines > 0) {
    out += fmt::format(
        "  {:<28} {}{}{}\n", "encoding notes (accepted)", report.bom ? "UTF-8 byte-order mark" : "",
        report.bom && report.crlfLines > 0 ? ", " : "",
        report.crlfLines > 0 ? fmt::format("{} CRLF line ends", report.crlfLines) : "");
  }
  switch (report.kind) {
    case DataKind::Training: {
      out += distributionLine("positives per query", report.positivesPerQuery);
      out += distributionLine("negatives per query", report.negativesPerQuery);
      const std::uint64_t withoutNegatives = report.negativesPerQuery.counts().count(0) != 0
                                                 ? report.negativesPerQuery.counts().at(0)
                                                 : 0;
      if (withoutNegatives > 0) {
        out += fmt::format(
            "  {:<28} {} (negatives are then sampled from the corpus; `embedlab-cli "
            "mine` finds hard ones)\n",
            "queries without negatives", withoutNegatives);
      }
      out += distributionLine("query length (chars)", report.queryLength);
      out += distributionLine("positive length (chars)", report.positiveLength);
      out += distributionLine("negative length (chars)", report.negativeLength);
      if (report.queriesWithScores > 0) {
        out +=
            fmt::format("  {:<28} {}\n", "queries with teacher scores", report.queriesWithScores);
      }
      if (report.queriesWithPrompt > 0) {
        out += fmt::format("  {:<28} {}\n", "queries with a prompt", report.queriesWithPrompt);
      }
      break;
    }
    case DataKind::Queries:
      out += distributionLine("query length (chars)", report.textLength);
      if (report.layout == EvalLayout::MsMarco) {
        out += distributionLine("positives per query", report.positivesPerQuery);
      }
      break;
    case DataKind::Pool:
    case DataKind::Corpus: out += distributionLine("text length (chars)", report.textLength); break;
    case DataKind::Qrels:
      out += fmt::format("  {:<28} {}\n", "judged queries", report.judgmentsPerQuery.count());
      out += distributionLine("judgments per query", report.judgmentsPerQuery);
      break;
  }
  out +=
      fmt::format("Result: {} ({} error{}, {} warning{})\n", report.valid() ? "VALID" : "INVALID",
                  report.errors, report.errors == 1 ? "" : "s", report.warnings,
                  report.warnings == 1 ? "" : "s");
  return out;
}

std::string validationReportJson(const ValidationReport& report, std::size_t showProblems) {
  nlohmann::ordered_json json;
  json["file"] = report.file;
  json["kind"] = std::string(dataKindName(report.kind));
  if (report.layout != EvalLayout::Unknown) {
    json["layout"] = report.layout == EvalLayout::Beir ? "beir" : "msmarco";
  }
  json["valid"] = report.valid();
  json["lines"] = report.lines;
  json["bytes"] = report.bytes;
  json["records"] = report.records;
  json["invalid_lines"] = report.invalidLines;
  json["blank_lines"] = report.blankLines;
  json["crlf_lines"] = report.crlfLines;
  json["bom"] = report.bom;
  json["errors"] = report.errors;
  json["warnings"] = report.warnings;
  nlohmann::ordered_json counts = nlohmann::ordered_json::object();
  for (const auto& [kind, count] : report.problemCounts) {
    counts[std::string(problemCode(kind))] = count;
  }
  json["problem_counts"] = counts;
  nlohmann::ordered_json problems = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < std::min(showProblems, report.problems.size()); ++i) {
    const Problem& problem = report.problems[i];
    problems.push_back({{"line", problem.line},
                        {"severity", std::string(severityName(problem.severity()))},
                        {"code", std::string(problemCode(problem.kind))},
                        {"message", problem.message}});
  }
  json["problems"] = problems;
  nlohmann::ordered_json summary;
  switch (report.kind) {
    case DataKind::Training:
      summary["positives_per_query"] = distributionJson(report.positivesPerQuery);
      summary["negatives_per_query"] = distributionJson(report.negativesPerQuery);
      summary["query_chars"] = distributionJson(report.queryLength);
      summary["positive_chars"] = distributionJson(report.positiveLength);
      summary["negative_chars"] = distributionJson(report.negativeLength);
      summary["queries_with_scores"] = report.queriesWithScores;
      summary["queries_with_prompt"] = report.queriesWithPrompt;
      break;
    case DataKind::Qrels:
      summary["judgments_per_query"] = distributionJson(report.judgmentsPerQuery);
      break;
    default:
      summary["text_chars"] = distributionJson(report.textLength);
      if (report.kind == DataKind::Queries && report.layout == EvalLayout::MsMarco) {
        summary["positives_per_query"] = distributionJson(report.positivesPerQuery);
      }
      break;
  }
  json["summary"] = summary;
  return json.dump();
}

}  // namespace embedlab

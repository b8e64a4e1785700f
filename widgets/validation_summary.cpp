#include "widgets/validation_summary.h"

#include <QLocale>
#include <utility>
#include <vector>

namespace embedlab::widgets {

namespace {

using Rows = std::vector<std::pair<QString, QString>>;

QString kindTitle(DataKind kind) {
  switch (kind) {
    case DataKind::Training: return ValidationSummary::tr("training data");
    case DataKind::Pool: return ValidationSummary::tr("candidate pool");
    case DataKind::Corpus: return ValidationSummary::tr("corpus");
    case DataKind::Queries: return ValidationSummary::tr("queries");
    case DataKind::Qrels: return ValidationSummary::tr("relevance judgments");
  }
  return {};
}

QString number(std::uint64_t value) {
  return QLocale().toString(static_cast<qulonglong>(value));
}

void addDistribution(Rows& rows, const QString& label, const IntegerDistribution& d) {
  if (d.empty()) {
    rows.emplace_back(label, ValidationSummary::tr("none"));
    return;
  }
  rows.emplace_back(label, ValidationSummary::tr("min %1  median %2  p95 %3  max %4  mean %5")
                               .arg(number(d.min()), number(d.median()), number(d.quantile(0.95)),
                                    number(d.max()), QLocale().toString(d.mean(), 'f', 1)));
}

}  // namespace

QString ValidationSummary::describe(const ValidationReport& report, const QString& fileName) {
  QString head = tr("%1: %2").arg(fileName, kindTitle(report.kind));
  if (report.layout == EvalLayout::Beir) head += " " + tr("(BEIR layout)");
  if (report.layout == EvalLayout::MsMarco) head += " " + tr("(MS MARCO-style layout)");
  head += ", " + tr("%1 lines, %2 bytes").arg(number(report.lines), number(report.bytes));

  Rows rows;
  rows.emplace_back(tr("records"), tr("%1 valid, %2 invalid, %3 blank")
                                       .arg(number(report.records), number(report.invalidLines),
                                            number(report.blankLines)));
  if (report.bom) rows.emplace_back(tr("encoding notes"), tr("UTF-8 byte-order mark (accepted)"));
  if (report.crlfLines > 0)
    rows.emplace_back(tr("encoding notes"),
                      tr("%1 CRLF line ends (accepted)").arg(number(report.crlfLines)));
  switch (report.kind) {
    case DataKind::Training: {
      addDistribution(rows, tr("positives per query"), report.positivesPerQuery);
      addDistribution(rows, tr("negatives per query"), report.negativesPerQuery);
      const auto& counts = report.negativesPerQuery.counts();
      if (const auto none = counts.find(0); none != counts.end() && none->second > 0) {
        rows.emplace_back(tr("queries without negatives"),
                          tr("%1 (negatives are then sampled from the corpus; mining finds hard "
                             "ones)")
                              .arg(number(none->second)));
      }
      addDistribution(rows, tr("query length (characters)"), report.queryLength);
      addDistribution(rows, tr("positive length (characters)"), report.positiveLength);
      addDistribution(rows, tr("negative length (characters)"), report.negativeLength);
      if (report.queriesWithScores > 0)
        rows.emplace_back(tr("queries with teacher scores"), number(report.queriesWithScores));
      if (report.queriesWithPrompt > 0)
        rows.emplace_back(tr("queries with a prompt"), number(report.queriesWithPrompt));
      break;
    }
    case DataKind::Queries:
      addDistribution(rows, tr("query length (characters)"), report.textLength);
      if (report.layout == EvalLayout::MsMarco)
        addDistribution(rows, tr("positives per query"), report.positivesPerQuery);
      break;
    case DataKind::Pool:
    case DataKind::Corpus:
      addDistribution(rows, tr("text length (characters)"), report.textLength);
      break;
    case DataKind::Qrels:
      rows.emplace_back(tr("judged queries"), number(report.judgmentsPerQuery.count()));
      addDistribution(rows, tr("judgments per query"), report.judgmentsPerQuery);
      break;
  }

  qsizetype width = 0;
  for (const auto& row : rows)
    width = std::max(width, row.first.size());
  QString text = head + "\n";
  for (const auto& [label, value] : rows)
    text += "  " + label.leftJustified(width + 2) + value + "\n";
  text +=
      report.valid()
          ? tr("Valid (%1 errors, %2 warnings)").arg(number(report.errors), number(report.warnings))
          : tr("Invalid (%1 errors, %2 warnings)")
                .arg(number(report.errors), number(report.warnings));
  return text + "\n";
}

}  // namespace embedlab::widgets

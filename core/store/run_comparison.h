// Runs side by side, as `runs compare` prints them and the GUI's compare view shows them: the
// resolved options (nested keys flattened with dots) with the rows that differ marked, and the
// final metrics with the best value of each row marked (highest for retrieval metrics and F1,
// lowest for losses, none for what has no better direction: learning rate, step times...).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/store/history.h"

namespace embedlab::store {

struct OptionRow {
  std::string name;
  std::vector<std::string> values;  ///< one per run, as JSON text; empty when the run lacks it
  bool differs = false;
};

/// Every option any of the runs has, sorted by name.
std::vector<OptionRow> compareOptions(const std::vector<Run>& runs);

enum class MetricDirection { HigherIsBetter, LowerIsBetter, None };
MetricDirection metricDirection(const std::string& name);

struct MetricRow {
  std::string name;
  std::vector<std::optional<double>> values;  ///< one per run
  /// Index of the best run, when the metric has a direction and one run beats all others.
  std::optional<std::size_t> best;
};

/// Rows of the metrics any run has, sorted by name.
std::vector<MetricRow> compareMetrics(const std::vector<std::map<std::string, double>>& finals);

}  // namespace embedlab::store

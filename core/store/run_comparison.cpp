#include "core/store/run_comparison.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace embedlab::store {

namespace {

void flatten(const nlohmann::json& value, const std::string& prefix,
             std::map<std::string, std::string>& out) {
  if (value.is_object() && !value.empty()) {
    for (const auto& [key, item] : value.items())
      flatten(item, prefix.empty() ? key : prefix + "." + key, out);
    return;
  }
  out[prefix] = value.dump();
}

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::vector<OptionRow> compareOptions(const std::vector<Run>& runs) {
  std::vector<std::map<std::string, std::string>> flat(runs.size());
  std::set<std::string> names;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    flatten(runs[i].options, "", flat[i]);
    for (const auto& [name, value] : flat[i])
      names.insert(name);
  }
  std::vector<OptionRow> rows;
  for (const std::string& name : names) {
    OptionRow row{name, {}, false};
    for (const auto& options : flat) {
      const auto found = options.find(name);
      row.values.push_back(found == options.end() ? std::string() : found->second);
    }
    row.differs = std::adjacent_find(row.values.begin(), row.values.end(), std::not_equal_to<>()) !=
                  row.values.end();
    rows.push_back(std::move(row));
  }
  return rows;
}

MetricDirection metricDirection(const std::string& name) {
  const std::string n = lowered(name);
  const auto has = [&n](const char* part) { return n.find(part) != std::string::npos; };
  if (has("threshold")) return MetricDirection::None;
  if (has("loss")) return MetricDirection::LowerIsBetter;
  for (const char* part : {"mrr", "recall", "ndcg", "map@", "f1", "precision", "accuracy",
                           "samples_per_second", "tokens_per_second"}) {
    if (has(part)) return MetricDirection::HigherIsBetter;
  }
  return MetricDirection::None;
}

std::vector<MetricRow> compareMetrics(const std::vector<std::map<std::string, double>>& finals) {
  std::set<std::string> names;
  for (const auto& metrics : finals) {
    for (const auto& [name, value] : metrics)
      names.insert(name);
  }
  std::vector<MetricRow> rows;
  for (const std::string& name : names) {
    MetricRow row{name, {}, std::nullopt};
    for (const auto& metrics : finals) {
      const auto found = metrics.find(name);
      row.values.push_back(found == metrics.end() ? std::nullopt
                                                  : std::optional<double>(found->second));
    }
    const MetricDirection direction = metricDirection(name);
    std::size_t present = 0;
    for (std::size_t i = 0; i < row.values.size(); ++i) {
      if (!row.values[i]) continue;
      ++present;
      if (direction == MetricDirection::None) continue;
      const bool better = !row.best || (direction == MetricDirection::HigherIsBetter
                                            ? *row.values[i] > *row.values[*row.best]
                                            : *row.values[i] < *row.values[*row.best]);
      if (better) row.best = i;
    }
    // Nothing to compare against, or a tie: no best.
    if (present < 2) row.best.reset();
    if (row.best) {
      const double best = *row.values[*row.best];
      for (std::size_t i = 0; i < row.values.size(); ++i) {
        if (i != *row.best && row.values[i] && *row.values[i] == best) row.best.reset();
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace embedlab::store

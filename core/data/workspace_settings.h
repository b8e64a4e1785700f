// The settings a workspace carries for the jobs run on it: `embedlab-workspace.json` at its root,
// one object per job under the job's name ("mine", "train", "eval"), holding that job's options
// under their command-line names (what its --config file holds). The GUI's panels start from
// them, so that a workspace (the demo's, a team's shared one) opens with the lengths, ranges and
// training options that suit its data; the CLI does not read them. Qt-free.
//
//   {"mine":  {"max_len": 64, "range_for_sampling": "2-60", "negative_number": 7},
//    "train": {"per_device_train_batch_size": 32, "query_max_len": 32, ...},
//    "eval":  {"max_len": 64, "query_max_len": 32}}
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

namespace embedlab {

class WorkspaceSettings {
 public:
  static constexpr const char* kFileName = "embedlab-workspace.json";

  /// The settings of `workspace` (none when it has no settings file). Throws InputError naming
  /// the file when it is not a JSON object of objects.
  static WorkspaceSettings load(const std::filesystem::path& workspace);

  /// Job `job`'s options ("mine", "train", "eval"): an object, empty when the file sets none.
  const nlohmann::json& job(const std::string& name) const;
  /// A whole number option of `job`, when set (and a whole number).
  std::optional<int> integer(const std::string& job, const std::string& option) const;
  /// `mine`'s range_for_sampling, given as "A-B" (the CLI's form) or [A, B].
  std::optional<std::pair<int, int>> miningRange() const;

 private:
  nlohmann::json json_ = nlohmann::json::object();
};

}  // namespace embedlab

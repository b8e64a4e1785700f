#include "core/data/workspace_settings.h"

#include <fstream>

#include "core/common/error.h"

namespace embedlab {

WorkspaceSettings WorkspaceSettings::load(const std::filesystem::path& workspace) {
  WorkspaceSettings settings;
  const std::filesystem::path file = workspace / kFileName;
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return settings;
  std::ifstream in(file);
  settings.json_ = nlohmann::json::parse(in, nullptr, false);
  if (settings.json_.is_discarded()) throw InputError(file.string(), "is not valid JSON");
  if (!settings.json_.is_object())
    throw InputError(file.string(), "must hold a JSON object of jobs (\"mine\", \"train\", ...)");
  for (const auto& [job, options] : settings.json_.items()) {
    if (!options.is_object())
      throw InputError(file.string(), "\"" + job + "\" must be an object of that job's options");
  }
  return settings;
}

const nlohmann::json& WorkspaceSettings::job(const std::string& name) const {
  static const nlohmann::json kNone = nlohmann::json::object();
  const auto found = json_.find(name);
  return found == json_.end() ? kNone : *found;
}

std::optional<int> WorkspaceSettings::integer(const std::string& name,
                                              const std::string& option) const {
  const nlohmann::json& options = job(name);
  const auto found = options.find(option);
  if (found == options.end() || !found->is_number_integer()) return std::nullopt;
  return found->get<int>();
}

std::optional<std::pair<int, int>> WorkspaceSettings::miningRange() const {
  const nlohmann::json& options = job("mine");
  const auto found = options.find("range_for_sampling");
  if (found == options.end()) return std::nullopt;
  if (found->is_array() && found->size() == 2 && (*found)[0].is_number_integer() &&
      (*found)[1].is_number_integer())
    return std::pair{(*found)[0].get<int>(), (*found)[1].get<int>()};
  if (found->is_string()) {
    const std::string text = found->get<std::string>();
    const auto dash = text.find('-');
    try {
      if (dash != std::string::npos)
        return std::pair{std::stoi(text.substr(0, dash)), std::stoi(text.substr(dash + 1))};
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace embedlab

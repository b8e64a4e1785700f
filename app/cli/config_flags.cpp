#include "app/cli/config_flags.h"

#include <fmt/format.h>

#include <fstream>

#include "app/cli/option_names.h"
#include "core/common/error.h"
#include "core/common/option_json.h"

namespace embedlab::cli {

void FlagTable::addConfigFlag(CLI::App& command) {
  command
      .add_option("--config", config_,
                  "JSON file of options (the names below, without dashes); flags given as well "
                  "override it (default: none)")
      ->check(CLI::ExistingFile);
}

void FlagTable::addFlags(CLI::App& command, const std::vector<OptionDescription>& table,
                         unsigned task, const std::set<std::string>& skip) {
  for (const OptionDescription& row : table) {
    if (row.appliesTo(task) && skip.count(row.info.name) == 0) addFlag(command, row);
  }
}

void FlagTable::addOverride(CLI::Option* option, std::function<void(nlohmann::json&)> apply) {
  overrides_.emplace_back(option, std::move(apply));
}

void FlagTable::addFlag(CLI::App& command, const OptionDescription& row) {
  std::string names = bothSpellings(row.info.name);
  for (const std::string& alias : row.aliasList())
    names += "," + bothSpellings(alias);
  std::string help = row.info.help;
  if (row.type == OptionType::Boolean) {  // inside the sentence: "... (default: false; ...)."
    const bool period = !help.empty() && help.back() == '.';
    if (period) help.pop_back();
    help += fmt::format(" (default: {}; the flag alone means true){}",
                        row.defaultValue.get<bool>() ? "true" : "false", period ? "." : "");
  }
  if (row.info.required) help += " Required (here or in --config).";
  Value& value = values_.emplace_back();
  CLI::Option* option = nullptr;
  std::function<nlohmann::json()> read;
  switch (row.type) {
    case OptionType::Boolean:
      option = command.add_option(names, value.boolean, help);
      option->expected(0, 1)->default_str("true")->option_text("[BOOLEAN]");
      read = [&value] { return nlohmann::json(value.boolean); };
      break;
    case OptionType::Integer:
      option = command.add_option(names, value.integer, help);
      read = [&value] { return nlohmann::json(value.integer); };
      break;
    case OptionType::Count:
      option = command.add_option(names, value.count, help);
      read = [&value] { return nlohmann::json(value.count); };
      break;
    case OptionType::Number:
      option = command.add_option(names, value.number, help);
      read = [&value] { return nlohmann::json(value.number); };
      break;
    case OptionType::Text:
    case OptionType::Range:  // "A-B", which the options' fromJson reads
      option = command.add_option(names, value.text, help);
      read = [&value] { return nlohmann::json(value.text); };
      break;
    case OptionType::TextList:
      option = command.add_option(names, value.texts, help)->expected(1, -1);
      read = [&value] { return nlohmann::json(value.texts); };
      break;
    case OptionType::NumberList:
      option = command.add_option(names, value.numbers, help)->expected(1, -1);
      read = [&value] { return nlohmann::json(value.numbers); };
      break;
  }
  if (row.type != OptionType::TextList && row.type != OptionType::NumberList)
    option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // a later flag wins
  // The default as --help shows it (none for an unset optional or an empty text).
  const nlohmann::json& fallback = row.defaultValue;
  if (row.type == OptionType::Range && fallback.is_array() && fallback.size() == 2) {
    option->default_str(
        fmt::format("{}-{}", fallback[0].get<std::size_t>(), fallback[1].get<std::size_t>()));
  } else if (fallback.is_string()) {
    if (!fallback.get<std::string>().empty()) option->default_str(fallback.get<std::string>());
  } else if (fallback.is_number_float()) {
    option->default_str(fmt::format("{}", fallback.get<double>()));
  } else if (fallback.is_number()) {
    option->default_str(fallback.dump());
  } else if (fallback.is_array() && !fallback.empty()) {
    std::string joined;
    for (const auto& item : fallback)
      joined +=
          (joined.empty() ? "" : " ") + (item.is_string() ? item.get<std::string>() : item.dump());
    option->default_str(joined);
  }
  if (const std::vector<std::string> choices = row.choiceList(); !choices.empty()) {
    option->check(CLI::IsMember(choices));
  }
  const std::string name = row.info.name;
  const std::vector<std::string> aliases = row.aliasList();
  addOverride(option, [name, aliases, read](nlohmann::json& json) {
    for (const std::string& alias : aliases)
      json.erase(alias);  // the flag wins over the file, whichever name the file used
    json[name] = read();
  });
}

nlohmann::json FlagTable::resolveJson(
    std::string& source,
    const std::function<void(const nlohmann::json&, const std::string&)>& checkFile) const {
  nlohmann::json json = nlohmann::json::object();
  source = "the command line";
  if (!config_.empty()) {
    std::ifstream in(config_);
    if (!in) throw InputError(config_, "cannot be read");
    try {
      json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& error) {
      throw InputError(config_, std::string("invalid JSON: ") + error.what());
    }
    requireOptionObject(json, config_, "options");
    if (checkFile) checkFile(json, config_);
    source = config_;
  }
  for (const auto& [option, apply] : overrides_) {
    if (option->count() > 0) apply(json);
  }
  return json;
}

}  // namespace embedlab::cli

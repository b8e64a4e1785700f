#include "core/common/option_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/common/option_json.h"

namespace embedlab {

namespace {

std::vector<std::string> splitCommas(const char* text) {
  std::vector<std::string> parts;
  std::string_view rest = text == nullptr ? std::string_view() : std::string_view(text);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    parts.emplace_back(rest.substr(0, comma));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return parts;
}

bool parseCount(std::string_view text, std::size_t& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

std::vector<std::string> optionAliases(const OptionInfo& info) {
  return splitCommas(info.aliases);
}

std::vector<std::string> optionChoices(const OptionInfo& info) {
  return splitCommas(info.choices);
}

std::vector<std::string> optionNames(const OptionInfo& info) {
  std::vector<std::string> names = optionAliases(info);
  names.insert(names.begin(), info.name);
  return names;
}

std::vector<std::string> OptionDescription::aliasList() const {
  return optionAliases(info);
}

std::vector<std::string> OptionDescription::choiceList() const {
  return optionChoices(info);
}

const OptionDescription* findOption(const std::vector<OptionDescription>& table,
                                    std::string_view name) {
  for (const OptionDescription& row : table) {
    const std::vector<std::string> names = optionNames(row.info);
    if (std::find(names.begin(), names.end(), name) != names.end()) return &row;
  }
  return nullptr;
}

void readOptionValue(const std::string& source, const char* name, const nlohmann::json& value,
                     RangeMember member) {
  const auto wrong = [&] {
    return UsageError(
        fmt::format("{}: option \"{}\" must be [A, B] or \"A-B\" (two whole "
                    "numbers), got {}",
                    source, name, value.dump()));
  };
  if (value.is_string()) {
    std::string text = value.get<std::string>();
    text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == ' '; }),
               text.end());
    const std::size_t dash = text.find('-');
    std::size_t start = 0;
    std::size_t end = 0;
    if (dash == std::string::npos || !parseCount(std::string_view(text).substr(0, dash), start) ||
        !parseCount(std::string_view(text).substr(dash + 1), end))
      throw wrong();
    member.start = start;
    member.end = end;
  } else if (value.is_array() && value.size() == 2) {
    readOptionValue(source, name, value[0], member.start);
    readOptionValue(source, name, value[1], member.end);
  } else {
    throw wrong();
  }
}

void readOptionValue(const std::string& source, const char* name, const nlohmann::json& value,
                     NamedMember& member) {
  std::string text;
  readOptionValue(source, name, value, text);
  member.set(text);
  member.name = text;
}

void requireChoice(const std::string& source, const OptionInfo& info, const nlohmann::json& value) {
  const std::vector<std::string> choices = optionChoices(info);
  if (choices.empty() || !value.is_string()) return;
  const std::string text = value.get<std::string>();
  if (std::find(choices.begin(), choices.end(), text) != choices.end()) return;
  std::string allowed;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    allowed += i == 0 ? "" : (i + 1 == choices.size() ? " or " : ", ");
    allowed += choices[i].empty() ? "\"\"" : choices[i];
  }
  throw UsageError(
      fmt::format("{}: option \"{}\" must be {}, got \"{}\"", source, info.name, allowed, text));
}

}  // namespace embedlab

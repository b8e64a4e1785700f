// Reading a job's options from JSON (a --config file, the options a run recorded), shared by every
// options struct: each has one table of options (option_table.h), and these helpers check each
// value's type against its member's, since nlohmann/json converts between numbers and booleans
// silently, and a text against the option's choices. An error names the file or source, the
// option and what was expected.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/common/option_table.h"

namespace embedlab {

namespace option_json_detail {

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <typename T>
const char* expectedType() {
  if constexpr (std::is_same_v<T, bool>) return "true or false";
  if constexpr (std::is_same_v<T, std::string>) return "a string";
  if constexpr (std::is_same_v<T, std::vector<std::string>>) return "a list of strings";
  if constexpr (std::is_same_v<T, std::vector<double>>) return "a list of numbers";
  if constexpr (std::is_floating_point_v<T>) return "a number";
  if constexpr (std::is_unsigned_v<T>) return "a whole number >= 0";
  return "a whole number";
}

template <typename T>
bool fits(const nlohmann::json& value) {
  if constexpr (std::is_same_v<T, bool>) {
    return value.is_boolean();
  } else if constexpr (std::is_same_v<T, std::string>) {
    return value.is_string();
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    return value.is_array() &&
           std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_string(); });
  } else if constexpr (std::is_same_v<T, std::vector<double>>) {
    return value.is_array() &&
           std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_number(); });
  } else if constexpr (std::is_floating_point_v<T>) {
    return value.is_number();
  } else {
    // Whole numbers; 8.0 from a form's number field is 8.
    const bool whole = value.is_number_integer() ||
                       (value.is_number_float() &&
                        value.template get<double>() == std::floor(value.template get<double>()));
    if constexpr (std::is_unsigned_v<T>) return whole && value.template get<double>() >= 0;
    return whole;
  }
}

}  // namespace option_json_detail

/// Sets `member` from `value`, or throws UsageError naming `source` and option `name` when the
/// value's type does not fit. A std::optional member also takes null (not set).
template <typename T>
void readOptionValue(const std::string& source, const char* name, const nlohmann::json& value,
                     T& member) {
  using namespace option_json_detail;
  if constexpr (IsOptional<T>::value) {
    if (value.is_null()) {
      member.reset();
      return;
    }
    typename T::value_type inner{};
    readOptionValue(source, name, value, inner);
    member = inner;
  } else {
    if (!fits<T>(value)) {
      throw UsageError(fmt::format("{}: option \"{}\" must be {}, got {} {}", source, name,
                                   expectedType<T>(), value.type_name(), value.dump()));
    }
    member = value.template get<T>();
  }
}

/// A rank range from [A, B] or "A-B" (the command line's form); whether A < B is validate()'s.
void readOptionValue(const std::string& source, const char* name, const nlohmann::json& value,
                     RangeMember member);
/// A name; whether it is one of the choices is checked by optionsFromJson.
void readOptionValue(const std::string& source, const char* name, const nlohmann::json& value,
                     NamedMember& member);

/// Throws UsageError(`message`) unless `condition` holds: how validate() states each rule.
inline void requireOption(bool condition, const std::string& message) {
  if (!condition) throw UsageError(message);
}

/// Throws UsageError unless `json` is an object (`what`: "training options", ...).
inline void requireOptionObject(const nlohmann::json& json, const std::string& source,
                                const std::string& what) {
  if (!json.is_object()) {
    throw UsageError(
        fmt::format("{}: must hold a JSON object of {}, not {}", source, what, json.type_name()));
  }
}

/// Throws UsageError for the first key of `json` that is not in `known`.
inline void rejectUnknownOptions(const nlohmann::json& json, const std::set<std::string>& known,
                                 const std::string& source) {
  for (const auto& item : json.items()) {
    if (known.count(item.key()) == 0)
      throw UsageError(source + ": unknown option \"" + item.key() + "\"");
  }
}

/// The value of an optional member as JSON: null when not set.
template <typename T>
nlohmann::json optionToJson(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
inline nlohmann::json optionToJson(const RangeMember& range) {
  return nlohmann::json::array({range.start, range.end});
}
inline nlohmann::json optionToJson(const NamedMember& named) {
  return named.name;
}
template <typename T>
nlohmann::json optionToJson(const T& value) {
  return nlohmann::json(value);
}

/// An options struct as JSON through its table: `visitFields(options, visit)` calls
/// visit(OptionInfo, member) for every option. Options that do not apply to `task` are left out.
template <typename Options, typename VisitFields>
nlohmann::json optionsToJson(const Options& options, VisitFields visitFields,
                             unsigned task = kEveryTask) {
  nlohmann::json json = nlohmann::json::object();
  Options copy = options;
  visitFields(copy, [&](const OptionInfo& info, auto&& value) {
    if ((info.tasks & task) != 0) json[info.name] = optionToJson(value);
  });
  return json;
}

/// Throws UsageError unless `value` (the option `info`'s, from `source`) is one of its choices.
void requireChoice(const std::string& source, const OptionInfo& info, const nlohmann::json& value);

/// An options struct from JSON through its table (the defaults where an option is missing; an
/// alias stands for its option): not an object, an unknown key, a value of the wrong type or a
/// text that is not one of the option's choices is a UsageError naming `source` ("training
/// options": `what`).
template <typename Options, typename VisitFields>
Options optionsFromJson(const nlohmann::json& json, const std::string& source,
                        const std::string& what, VisitFields visitFields) {
  requireOptionObject(json, source, what);
  Options options;
  std::set<std::string> known;
  visitFields(options, [&](const OptionInfo& info, auto&& member) {
    const std::vector<std::string> names = optionNames(info);
    for (const std::string& name : names) {
      known.insert(name);
      if (!json.contains(name)) continue;
      requireChoice(source, info, json.at(name));
      readOptionValue(source, name.c_str(), json.at(name), member);
    }
  });
  rejectUnknownOptions(json, known, source);
  return options;
}

/// The rows of the table `visitFields(options, visit)`, over default-constructed Options.
template <typename Options, typename VisitFields>
std::vector<OptionDescription> describeOptions(VisitFields visitFields) {
  using namespace option_json_detail;
  std::vector<OptionDescription> table;
  Options defaults;
  visitFields(defaults, [&](const OptionInfo& info, auto&& member) {
    using T = std::decay_t<decltype(member)>;
    OptionDescription row;
    row.info = info;
    if constexpr (IsOptional<T>::value) {
      row.type = option_table_detail::typeOf<typename T::value_type>();
      row.optional = true;
    } else {
      row.type = option_table_detail::typeOf<T>();
    }
    row.defaultValue = optionToJson(member);
    table.push_back(row);
  });
  return table;
}

}  // namespace embedlab

// Reading a job's options from JSON (a --config file, the options a run recorded), shared by every
// options struct: each has one table of (JSON name, member) pairs, and these helpers check each
// value's type against its member's, since nlohmann/json converts between numbers and booleans
// silently. An error names the file or source, the option and what was expected.
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
template <typename T>
nlohmann::json optionToJson(const T& value) {
  return nlohmann::json(value);
}

/// An options struct as JSON through its field table: `visitFields(options, visit)` calls
/// visit(name, member) for every field.
template <typename Options, typename VisitFields>
nlohmann::json optionsToJson(const Options& options, VisitFields visitFields) {
  nlohmann::json json = nlohmann::json::object();
  Options copy = options;
  visitFields(copy, [&](const char* name, const auto& value) { json[name] = optionToJson(value); });
  return json;
}

/// An options struct from JSON through its field table (the defaults where a field is missing):
/// not an object, an unknown key or a value of the wrong type is a UsageError naming `source`
/// ("training options": `what`). `alsoKnown`: keys the caller reads itself afterwards.
template <typename Options, typename VisitFields>
Options optionsFromJson(const nlohmann::json& json, const std::string& source,
                        const std::string& what, VisitFields visitFields,
                        std::set<std::string> alsoKnown = {}) {
  requireOptionObject(json, source, what);
  Options options;
  visitFields(options, [&](const char* name, auto& member) {
    alsoKnown.insert(name);
    if (json.contains(name)) readOptionValue(source, name, json.at(name), member);
  });
  rejectUnknownOptions(json, alsoKnown, source);
  return options;
}

}  // namespace embedlab

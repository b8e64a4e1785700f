// Reading a field of a JSON object that another process wrote (job events, training records read
// back) leniently: a missing or mistyped field reads as the given fallback, so that a reader
// skips what it cannot use instead of failing. (Options, which must be right, are read strictly
// by option_json.h.)
#pragma once

#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

namespace embedlab {

/// `object[name]` as T (a number type or std::string), or `fallback`.
template <typename T>
T fieldOr(const nlohmann::json& object, const char* name, T fallback) {
  if (!object.is_object()) return fallback;
  const auto found = object.find(name);
  if (found == object.end()) return fallback;
  if constexpr (std::is_same_v<T, std::string>) {
    return found->is_string() ? found->template get<std::string>() : fallback;
  } else {
    return found->is_number() ? found->template get<T>() : fallback;
  }
}

}  // namespace embedlab

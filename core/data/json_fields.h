// Internal to core/data (included only by .cpp files): the checks every JSONL record parser
// shares, on top of simdjson's DOM. Each check appends a Problem with a message that names the
// field, what it found and what it expected.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/line_reader.h"
#include "core/data/problem.h"

namespace embedlab::json_fields {

/// "string", "number", "array", "object", "true/false" or "null", for messages.
std::string_view typeName(simdjson::dom::element element);

/// Parses one line as a JSON object, after the checks every JSONL line gets (too long, blank,
/// UTF-8, syntax, object). Returns nullopt and appends problems when the line has no usable
/// object; a blank line appends a BlankLine warning.
std::optional<simdjson::dom::object> parseObjectLine(simdjson::dom::parser& parser,
                                                     const TextLine& line,
                                                     std::uint64_t maxLineBytes,
                                                     std::vector<Problem>& problems);

/// Appends an UnknownField warning naming every key of `object` not in `known`.
void checkKnownFields(simdjson::dom::object object, std::initializer_list<std::string_view> known,
                      std::uint64_t line, std::vector<Problem>& problems);

/// A required string field. Missing or not a string: an error, nullopt.
std::optional<std::string_view> requiredString(simdjson::dom::object object, std::string_view key,
                                               std::uint64_t line, std::vector<Problem>& problems);

/// An optional string field: nullopt when absent; absent or wrong type both give nullopt, the
/// latter with an error (check problems to tell them apart).
std::optional<std::string_view> optionalString(simdjson::dom::object object, std::string_view key,
                                               std::uint64_t line, std::vector<Problem>& problems);

/// An identifier: a string, or an integer converted to its decimal text (BEIR files use both).
std::optional<std::string> requiredId(simdjson::dom::object object, std::string_view key,
                                      std::uint64_t line, std::vector<Problem>& problems);

/// A list of strings. `required`: missing is an error; otherwise missing gives an empty list.
/// Returns nullopt on a type error (the problem names the first bad element).
std::optional<std::vector<std::string_view>> stringList(simdjson::dom::object object,
                                                        std::string_view key, bool required,
                                                        std::uint64_t line,
                                                        std::vector<Problem>& problems);

/// An optional list of numbers: empty when absent, nullopt on a type error.
std::optional<std::vector<double>> numberList(simdjson::dom::object object, std::string_view key,
                                              std::uint64_t line, std::vector<Problem>& problems);

/// True when `text` is empty or holds only ASCII whitespace.
bool isBlank(std::string_view text);

}  // namespace embedlab::json_fields

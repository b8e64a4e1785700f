#include "core/data/json_fields.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/common/utf8.h"

namespace embedlab::json_fields {

namespace {

void add(std::vector<Problem>& problems, ProblemKind kind, std::uint64_t line,
         std::string message) {
  problems.push_back(Problem{kind, line, std::move(message)});
}

// simdjson says only *that* a document is invalid; nlohmann says where and why. Invalid lines
// are rare, so the second parse costs nothing on valid files.
std::string describeSyntaxError(std::string_view text, simdjson::error_code code) {
  try {
    const auto parsed = nlohmann::json::parse(text.begin(), text.end());
    static_cast<void>(parsed);
  } catch (const nlohmann::json::parse_error& error) {
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1,
    // column 17: syntax error while parsing ..."; keep the part from "column".
    const std::string what = error.what();
    const auto at = what.find("column");
    return at == std::string::npos ? what : what.substr(at);
  } catch (const std::exception&) {
  }
  return std::string(simdjson::error_message(code));
}

std::string previewOf(std::string_view text) {
  constexpr std::size_t kPreview = 40;
  if (text.size() <= kPreview) {
    return std::string(text);
  }
  std::size_t cut = kPreview;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;  // do not cut a UTF-8 sequence in half
  }
  return std::string(text.substr(0, cut)) + "...";
}

}  // namespace

std::string_view typeName(simdjson::dom::element element) {
  switch (element.type()) {
    case simdjson::dom::element_type::ARRAY: return "array";
    case simdjson::dom::element_type::OBJECT: return "object";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE: return "number";
    case simdjson::dom::element_type::STRING: return "string";
    case simdjson::dom::element_type::BOOL: return "true/false";
    case simdjson::dom::element_type::NULL_VALUE: return "null";
  }
  return "value";
}

bool isBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

std::optional<simdjson::dom::object> parseObjectLine(simdjson::dom::parser& parser,
                                                     const TextLine& line,
                                                     std::uint64_t maxLineBytes,
                                                     std::vector<Problem>& problems) {
  if (line.tooLong) {
    add(problems, ProblemKind::LineTooLong, line.number,
        fmt::format("line is {} bytes long, more than the limit of {} bytes for one record "
                    "(not a JSONL file, or a record with a huge field?)",
                    line.length, maxLineBytes));
    return std::nullopt;
  }
  if (isBlank(line.text)) {
    add(problems, ProblemKind::BlankLine, line.number, "blank line, skipped");
    return std::nullopt;
  }
  if (const auto bad = utf8::firstInvalidByte(line.text)) {
    add(problems, ProblemKind::InvalidUtf8, line.number,
        fmt::format("byte 0x{:02X} at column {} (counted in bytes) is not valid UTF-8; save the "
                    "file as UTF-8 (it may be Latin-1 or Windows-1252)",
                    static_cast<unsigned char>(line.text[*bad]), *bad + 1));
    return std::nullopt;
  }
  simdjson::dom::element root;
  if (const auto error = parser.parse(line.text.data(), line.text.size(), true).get(root)) {
    add(problems, ProblemKind::InvalidJson, line.number,
        "invalid JSON: " + describeSyntaxError(line.text, error));
    return std::nullopt;
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    add(problems, ProblemKind::NotAnObject, line.number,
        fmt::format("expected a JSON object {{...}} per line, found {}: {}", typeName(root),
                    previewOf(line.text)));
    return std::nullopt;
  }
  return object;
}

void checkKnownFields(simdjson::dom::object object, std::initializer_list<std::string_view> known,
                      std::uint64_t line, std::vector<Problem>& problems) {
  std::string unknown;
  for (const auto field : object) {
    bool isKnown = false;
    for (const std::string_view name : known) {
      isKnown = isKnown || field.key == name;
    }
    if (!isKnown) {
      unknown += (unknown.empty() ? "\"" : ", \"") + std::string(field.key) + "\"";
    }
  }
  if (!unknown.empty()) {
    std::string expected;
    for (const std::string_view name : known) {
      expected += (expected.empty() ? "" : ", ") + std::string(name);
    }
    add(problems, ProblemKind::UnknownField, line,
        fmt::format("unknown field {} ignored (known fields: {})", unknown, expected));
  }
}

namespace {

// The string in `value`, or nullopt with a WrongType error naming `key`.
std::optional<std::string_view> stringValue(simdjson::dom::element value, std::string_view key,
                                            std::uint64_t line, std::vector<Problem>& problems) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    add(problems, ProblemKind::WrongType, line,
        fmt::format("field \"{}\" must be a string, found {}", key, typeName(value)));
    return std::nullopt;
  }
  return text;
}

}  // namespace

std::optional<std::string_view> requiredString(simdjson::dom::object object, std::string_view key,
                                               std::uint64_t line, std::vector<Problem>& problems) {
  simdjson::dom::element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) {
    add(problems, ProblemKind::MissingField, line,
        fmt::format("missing field \"{}\" (a string)", key));
    return std::nullopt;
  }
  return stringValue(value, key, line, problems);
}

std::optional<std::string_view> optionalString(simdjson::dom::object object, std::string_view key,
                                               std::uint64_t line, std::vector<Problem>& problems) {
  simdjson::dom::element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return stringValue(value, key, line, problems);
}

std::optional<std::string> requiredId(simdjson::dom::object object, std::string_view key,
                                      std::uint64_t line, std::vector<Problem>& problems) {
  simdjson::dom::element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) {
    add(problems, ProblemKind::MissingField, line,
        fmt::format("missing field \"{}\" (the record's id, a string)", key));
    return std::nullopt;
  }
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) {
    return std::string(text);
  }
  std::int64_t signedNumber = 0;
  std::uint64_t unsignedNumber = 0;
  if (value.get_int64().get(signedNumber) == simdjson::SUCCESS) {
    return std::to_string(signedNumber);
  }
  if (value.get_uint64().get(unsignedNumber) == simdjson::SUCCESS) {
    return std::to_string(unsignedNumber);
  }
  add(problems, ProblemKind::WrongType, line,
      fmt::format("field \"{}\" must be a string (or a whole number), found {}", key,
                  typeName(value)));
  return std::nullopt;
}

std::optional<std::vector<std::string_view>> stringList(simdjson::dom::object object,
                                                        std::string_view key, bool required,
                                                        std::uint64_t line,
                                                        std::vector<Problem>& problems) {
  std::vector<std::string_view> texts;
  simdjson::dom::element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) {
    if (required) {
      add(problems, ProblemKind::MissingField, line,
          fmt::format("missing field \"{}\" (a list of strings)", key));
      return std::nullopt;
    }
    return texts;
  }
  simdjson::dom::array array;
  if (value.get_array().get(array) != simdjson::SUCCESS) {
    add(problems, ProblemKind::WrongType, line,
        fmt::format("field \"{}\" must be a list of strings, found {}", key, typeName(value)));
    return std::nullopt;
  }
  std::size_t position = 0;
  for (const simdjson::dom::element element : array) {
    ++position;
    std::string_view text;
    if (element.get_string().get(text) != simdjson::SUCCESS) {
      add(problems, ProblemKind::WrongType, line,
          fmt::format("field \"{}\" must be a list of strings, but element {} is {}", key, position,
                      typeName(element)));
      return std::nullopt;
    }
    texts.push_back(text);
  }
  return texts;
}

std::optional<std::vector<double>> numberList(simdjson::dom::object object, std::string_view key,
                                              std::uint64_t line, std::vector<Problem>& problems) {
  std::vector<double> numbers;
  simdjson::dom::element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) {
    return numbers;
  }
  simdjson::dom::array array;
  if (value.get_array().get(array) != simdjson::SUCCESS) {
    add(problems, ProblemKind::WrongType, line,
        fmt::format("field \"{}\" must be a list of numbers, found {}", key, typeName(value)));
    return std::nullopt;
  }
  std::size_t position = 0;
  for (const simdjson::dom::element element : array) {
    ++position;
    double number = 0;
    if (element.get_double().get(number) != simdjson::SUCCESS) {
      add(problems, ProblemKind::WrongType, line,
          fmt::format("field \"{}\" must be a list of numbers, but element {} is {}", key, position,
                      typeName(element)));
      return std::nullopt;
    }
    numbers.push_back(number);
  }
  return numbers;
}

}  // namespace embedlab::json_fields

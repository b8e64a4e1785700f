// What every option of a job is, declared once in its job's options table (the visitFields
// function next to each options struct): its JSON and flag name, the group it is listed under,
// one help sentence, which tasks it applies to, its other names and its choices. From the table
// come the JSON of --config files and of the history (option_json.h), the CLI's flags and their
// --help (app/cli/config_flags.h, and so docs/cli.md), the Training panel's form with its groups,
// order and tooltips, and the other panels' tooltips.
//
// A table is a function that calls `visit(OptionInfo, member)` for every option, in the order
// they are listed; describeOptions() turns it into a list that needs no template.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

/// Marks a help sentence or group name for the GUI's translations (context "Options"): lupdate
/// reads it as QT_TRANSLATE_NOOP (translations/CMakeLists.txt), and core stays free of Qt.
#define OPTION_TEXT(context, text) text

namespace embedlab {

/// Every task; TrainingOptions has two (embedding, reranker), the other jobs one.
constexpr unsigned kEveryTask = ~0u;

struct OptionInfo {
  const char* name;             ///< the JSON key and the flag (--name, and --name-with-dashes)
  const char* group;            ///< the heading it is listed under (OPTION_TEXT)
  const char* help;             ///< one or two sentences: what it does, its unit, the advice
  unsigned tasks = kEveryTask;  ///< bit set of the tasks it applies to
  /// Other names, comma-separated without dashes ("normlized", "model"): accepted as flags and
  /// as JSON keys
  const char* aliases = "";
  const char* choices = "";  ///< the allowed values, comma-separated ("" : any)
  bool required = false;     ///< a job cannot run without it (in the flags or --config)
};

/// The kind of value an option holds, for a command line or a form.
enum class OptionType {
  Boolean,     ///< true or false
  Integer,     ///< a whole number
  Count,       ///< a whole number >= 0
  Number,      ///< a floating-point number
  Text,        ///< a string
  TextList,    ///< a list of strings
  NumberList,  ///< a list of numbers
  Range,       ///< two whole numbers; "A-B" on the command line, [A, B] in JSON
};

/// One row of a job's table with what its member is: type and default.
struct OptionDescription {
  OptionInfo info;
  OptionType type = OptionType::Text;
  bool optional = false;  ///< the member may be unset (null in JSON, no default shown)
  nlohmann::json defaultValue;
  bool appliesTo(unsigned task) const { return (info.tasks & task) != 0; }
  /// The aliases as a list of names.
  std::vector<std::string> aliasList() const;
  /// The choices as a list of values (empty: any value).
  std::vector<std::string> choiceList() const;
};

/// Two members seen as one option (a rank range): [A, B] in JSON, "A-B" as a flag.
struct RangeMember {
  std::size_t& start;
  std::size_t& end;
};

/// A member whose JSON form is a name ("random", "top") while the struct holds another type.
struct NamedMember {
  std::string name;                             ///< the current value's name
  std::function<void(const std::string&)> set;  ///< stores a name (already checked)
};

namespace option_table_detail {

template <typename T>
OptionType typeOf() {
  using U = std::decay_t<T>;
  if constexpr (std::is_same_v<U, bool>) return OptionType::Boolean;
  if constexpr (std::is_same_v<U, std::string> || std::is_same_v<U, NamedMember>)
    return OptionType::Text;
  if constexpr (std::is_same_v<U, std::vector<std::string>>) return OptionType::TextList;
  if constexpr (std::is_same_v<U, std::vector<double>>) return OptionType::NumberList;
  if constexpr (std::is_same_v<U, RangeMember>) return OptionType::Range;
  if constexpr (std::is_floating_point_v<U>) return OptionType::Number;
  if constexpr (std::is_unsigned_v<U>) return OptionType::Count;
  if constexpr (std::is_integral_v<U>) return OptionType::Integer;
  return OptionType::Text;
}

}  // namespace option_table_detail

/// The option's aliases, its choices (empty: any value), and its name followed by its aliases.
std::vector<std::string> optionAliases(const OptionInfo& info);
std::vector<std::string> optionChoices(const OptionInfo& info);
std::vector<std::string> optionNames(const OptionInfo& info);

/// The row named `name` (or one of its aliases), or nullptr.
const OptionDescription* findOption(const std::vector<OptionDescription>& table,
                                    std::string_view name);

}  // namespace embedlab

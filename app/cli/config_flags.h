// A job's command line, made from its options table (core/common/option_table.h): one flag per
// option (--name and --name-with-dashes, plus its aliases), its help sentence, its default, its
// choices checked, and `--config FILE`. The options are resolved as JSON: the file's options
// first, then every flag the user gave written over them (a flag wins), read by the job's own
// Options::fromJson, so a flag and a config key are checked by the same code.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/option_table.h"

namespace embedlab::cli {

/// The flags of one command and what they were given; the options themselves come from
/// ConfigFlags<Options>::resolve().
class FlagTable {
 public:
  /// Adds `--config FILE`.
  void addConfigFlag(CLI::App& command);
  /// Adds a flag for every row of `table` that applies to `task`, but those named in `skip`
  /// (which the command declares itself, with addOverride).
  void addFlags(CLI::App& command, const std::vector<OptionDescription>& table,
                unsigned task = kEveryTask, const std::set<std::string>& skip = {});
  /// Declares that `option`, when given, writes into the options' JSON with `apply`.
  void addOverride(CLI::Option* option, std::function<void(nlohmann::json&)> apply);

  /// The options as JSON: --config's file (an object, which `checkFile` sees first on its own, so
  /// that a bad value in it is an error naming the file even when a flag overrides it), then
  /// the flags given; `source` is set to what errors should name.
  nlohmann::json resolveJson(
      std::string& source,
      const std::function<void(const nlohmann::json&, const std::string&)>& checkFile = {}) const;

 private:
  /// Storage a flag of each type parses into (a deque: addresses stay valid).
  struct Value {
    bool boolean = false;
    std::int64_t integer = 0;
    std::uint64_t count = 0;
    double number = 0;
    std::string text;
    std::vector<std::string> texts;
    std::vector<double> numbers;
  };
  void addFlag(CLI::App& command, const OptionDescription& row);

  std::string config_;
  std::deque<Value> values_;
  std::vector<std::pair<CLI::Option*, std::function<void(nlohmann::json&)>>> overrides_;
};

/// FlagTable for the options struct Options (with fromJson(json, source)).
template <typename Options>
class ConfigFlags : public FlagTable {
 public:
  /// The options: --config's file, then the flags given, read with Options::fromJson.
  Options resolve() const {
    std::string source;
    const nlohmann::json json = resolveJson(
        source,
        [](const nlohmann::json& file, const std::string& name) { Options::fromJson(file, name); });
    return Options::fromJson(json, source);
  }
};

}  // namespace embedlab::cli

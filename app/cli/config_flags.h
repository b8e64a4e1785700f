// A job's command line as a flag table over its core options struct, with `--config FILE`: the
// file's options first, then every flag the user gave on top (a flag wins). Each flag is bound to
// a member of a scratch copy of the struct (so --help shows the struct's defaults) and says how to
// copy itself over the resolved options when given.
#pragma once

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli/option_names.h"
#include "core/common/error.h"

namespace embedlab::cli {

template <typename Options>
struct ConfigFlags {
  Options given;       ///< what the flags parsed into (the defaults where not given)
  std::string config;  ///< --config FILE ("": none)
  /// For each flag: copies its value over the resolved options when the flag was given.
  std::vector<std::pair<CLI::Option*, std::function<void(Options&)>>> overrides;

  /// The options: --config's file (read with Options::fromJson), then the flags given.
  Options resolve() const {
    Options options;
    if (!config.empty()) {
      std::ifstream in(config);
      if (!in) throw InputError(config, "cannot be read");
      try {
        options = Options::fromJson(nlohmann::json::parse(in), config);
      } catch (const nlohmann::json::parse_error& error) {
        throw InputError(config, std::string("invalid JSON: ") + error.what());
      }
    }
    for (const auto& [option, apply] : overrides) {
      if (option->count() > 0) apply(options);
    }
    return options;
  }
};

/// Adds `--config FILE` to `command`.
template <typename Options>
void addConfigFlag(CLI::App& command, ConfigFlags<Options>& flags) {
  command
      .add_option("--config", flags.config,
                  "JSON file of options (the names below, without dashes); flags given as well "
                  "override it (default: none)")
      ->check(CLI::ExistingFile);
}

/// Adds the option `underscore` (both spellings, plus `aliases` such as ",--model") bound to the
/// member `access` returns. Booleans are flags that also take a value ("--x", "--x false");
/// std::optional members have no default.
template <typename Options, typename Access>
CLI::Option* addFlag(CLI::App& command, ConfigFlags<Options>& flags, const std::string& underscore,
                     Access access, const std::string& help, const std::string& aliases = {}) {
  auto& member = access(flags.given);
  using T = std::remove_reference_t<decltype(member)>;
  std::string text = help;
  if constexpr (std::is_same_v<T, bool>) {
    text += fmt::format(" (default: {}; the flag alone means true)", member ? "true" : "false");
  }
  CLI::Option* option = command.add_option(bothSpellings(underscore) + aliases, member, text);
  option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // a later flag wins
  if constexpr (std::is_same_v<T, bool>) {
    option->expected(0, 1)->default_str("true")->option_text("[BOOLEAN]");
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!member.empty()) option->capture_default_str();
  } else {
    option->capture_default_str();
  }
  flags.overrides.emplace_back(
      option, [&flags, access](Options& options) { access(options) = access(flags.given); });
  return option;
}

/// addFlag for a member of Options itself.
template <typename Options, typename T>
CLI::Option* addFlag(CLI::App& command, ConfigFlags<Options>& flags, const std::string& underscore,
                     T Options::*member, const std::string& help, const std::string& aliases = {}) {
  return addFlag(
      command, flags, underscore, [member](Options& o) -> T& { return o.*member; }, help, aliases);
}

}  // namespace embedlab::cli

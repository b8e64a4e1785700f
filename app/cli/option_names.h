// Users type the reference's flags both ways (--range_for_sampling, --range-for-sampling).
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <string>

#include "core/model/hub_cache.h"

namespace embedlab::cli {

/// "--name_x,--name-x" for "name_x" (just "--name" when it has no underscore).
inline std::string bothSpellings(const std::string& underscore) {
  std::string dashed = underscore;
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  return dashed == underscore ? "--" + underscore : "--" + underscore + ",--" + dashed;
}

/// A model folder, or a Hugging Face hub id ("org/name") that core resolves through the cache
/// (core/model/hub_cache.h), which says where it looked when the model is not there.
inline CLI::Validator modelFolderOrHubId() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        std::error_code error;
        if (std::filesystem::is_directory(value, error) || model::isHubId(value)) return {};
        return "Model folder not found: " + value + " (a folder, or a hub id such as org/name)";
      },
      "DIR|ORG/NAME");
}

}  // namespace embedlab::cli

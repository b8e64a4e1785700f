// `embedlab-cli mine`: hard-negative mining with the reference's flags (hn_mine) and filters
// against false negatives. See core/mine/negative_selection.h for the rules.
#pragma once

#include "app/cli/cli_app.h"

namespace embedlab::cli {

void addMineCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);

}  // namespace embedlab::cli

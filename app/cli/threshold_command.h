// `embedlab-cli threshold`: the similarity threshold to use, from labelled pairs, fitted on one
// part and reported on the other.
#pragma once

#include "app/cli/cli_app.h"

namespace embedlab::cli {

void addThresholdCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);

}  // namespace embedlab::cli

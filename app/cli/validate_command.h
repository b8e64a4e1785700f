// `embedlab-cli validate`: checks training data, candidate pools and evaluation sets, printing
// every problem with file and line, counts per kind and a summary. Exit 0 valid, 1 invalid.
#pragma once

#include "app/cli/cli_app.h"

namespace embedlab::cli {

void addValidateCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);

}  // namespace embedlab::cli

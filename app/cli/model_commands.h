// The model-core subcommands: `init-model` (a randomly initialised model folder), `tokenize`
// (ids, tokens, offsets of JSONL texts) and `encode` (embeddings of JSONL texts as .npy).
#pragma once

#include "app/cli/cli_app.h"

namespace embedlab::cli {

void addInitModelCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);
void addTokenizeCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);
void addEncodeCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);

}  // namespace embedlab::cli

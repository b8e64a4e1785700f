// `embedlab-cli merge`: a weighted average of models of one architecture (core/model/model_merge),
// with weights given, chosen from a few examples of the target task (LM-Cocktail's
// softmax(-loss/5)), or swept between two models while evaluating each mix on a target set and
// a general set, so that the trade-off can be seen before a weight is chosen.
#pragma once

#include "app/cli/cli_app.h"

namespace embedlab::cli {

void addMergeCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);

}  // namespace embedlab::cli

// Where the demo workspace is. It ships read-only (installed under share/embedlab/demo, or in
// the source tree's resources/demo when running from a build folder), so the window opens the
// user's own copy, $XDG_DATA_HOME/embedlab/demo-workspace, made from it on first use: the demo's
// runs, models and history are written there, never where EmbedLab is installed.
#pragma once

#include <QString>
#include <filesystem>

namespace embedlab::gui {

/// The shipped demo workspace folder, or an empty string when neither location exists.
QString shippedDemoPath();

/// The tokenizer files the demo's base model is made with (installed as the demo's tokenizer/,
/// else the source tree's tests/data/bert-base-uncased), or an empty string.
QString shippedDemoTokenizerPath();

/// The user's copy of the demo workspace, made from shippedDemoPath() (its data files, and the
/// tokenizer as tokenizer/, an empty history.sqlite and the base model) when it does not exist yet.
/// Made in a hidden sibling folder and renamed, so a failed copy leaves nothing half-made. Empty,
/// with `error` set, on failure.
QString userDemoWorkspace(QString* error);

/// Makes the demo's base model, `workspace`/models/base, from the tokenizer in
/// `workspace`/tokenizer: what scripts/demo-pipeline.sh makes with init-model (a random BERT,
/// 2 layers, hidden 64, seed 1; under a second). Throws std::exception on failure.
void createDemoBaseModel(const std::filesystem::path& workspace);

}  // namespace embedlab::gui

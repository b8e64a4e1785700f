// The combo boxes the job panels choose files and folders with: each item shows a short name and
// holds the full path (its tooltip too), so that the panels read paths, not display names.
#pragma once

#include <QString>
#include <filesystem>

#include "core/data/workspace_settings.h"

class QComboBox;

namespace embedlab::widgets {

/// Selects `path` in `box`, adding it (named by its file name) when it is not there.
void choosePath(QComboBox* box, const QString& path);

/// Replaces the items of `box` with the model folders of `workspace` that hold weights, then the
/// models of the Hugging Face cache (named by hub id).
void fillModelChoices(QComboBox* box, const std::filesystem::path& workspace);

/// The settings `workspace` carries for its jobs (embedlab-workspace.json); none when it has no
/// such file or the file cannot be read (the main window says so when it opens the workspace).
WorkspaceSettings workspaceSettings(const std::filesystem::path& workspace);

/// How a panel shows `path`: relative to `workspace` when it is inside it (what the user would
/// type, short enough to read in a field), else as it is.
std::string shownInWorkspace(const std::filesystem::path& workspace,
                             const std::filesystem::path& path);

/// A path the user typed, as a job must get it: "~/x" in the home folder, a relative path inside
/// `workspace` (not the GUI's working directory, which the user never chose), an absolute one as
/// it is; empty stays empty. Normalised lexically ("a/../b" is "b").
std::filesystem::path inWorkspace(const std::filesystem::path& workspace, const std::string& path);

}  // namespace embedlab::widgets

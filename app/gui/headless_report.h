// What `embedlab` does when there is no display to open a window on: say so, and print the
// validation report of the workspace's datasets, so that a first run over SSH still shows
// something useful.
#pragma once

#include <filesystem>

namespace embedlab::gui {

/// True when no X11 or Wayland display is available and no Qt platform was chosen explicitly.
bool displayUnavailable();

/// Prints the note and the reports to stdout; returns 0 when every dataset is valid, else 1.
int printHeadlessReport(const std::filesystem::path& workspace);

}  // namespace embedlab::gui

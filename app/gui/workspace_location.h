// Where the demo workspace is: installed under share/embedlab/demo, or in the source tree when
// running from a build folder.
#pragma once

#include <QString>

namespace embedlab::gui {

/// The demo workspace folder, or an empty string when neither location exists.
QString demoWorkspacePath();

}  // namespace embedlab::gui

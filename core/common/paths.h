// Where EmbedLab keeps per-user files, following the XDG base-directory specification.
#pragma once

#include <filesystem>

namespace embedlab {

/// $XDG_CACHE_HOME/embedlab, else ~/.cache/embedlab (not created here).
std::filesystem::path userCacheDirectory();

/// $XDG_DATA_HOME/embedlab, else ~/.local/share/embedlab (not created here).
std::filesystem::path userDataDirectory();

}  // namespace embedlab

# Compiler settings shared by every EmbedLab target: warnings, ccache, precompiled-header hygiene.

# ccache, when installed, caches object files between clean builds (CI and fresh clones).
# The sloppiness settings let it cache translation units that use precompiled headers.
find_program(EMBEDLAB_CCACHE ccache)
if(EMBEDLAB_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      "${CMAKE_COMMAND};-E;env;CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime;${EMBEDLAB_CCACHE}")
  message(STATUS "EmbedLab: using ccache at ${EMBEDLAB_CCACHE}")
endif()

# embedlab_warnings: the warning set for our own code. Third-party headers come in through
# imported targets, whose include directories are SYSTEM, so their warnings stay silent.
add_library(embedlab_warnings INTERFACE)
target_compile_options(embedlab_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough -Wformat=2 -Wmissing-declarations -Winvalid-pch
  $<$<BOOL:${EMBEDLAB_WERROR}>:-Werror>)

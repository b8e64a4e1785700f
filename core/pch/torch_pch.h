// Precompiled header for the torch-heavy core modules. <torch/torch.h> is the slowest header in
// the project; compiling it once per build tree instead of once per .cpp file is most of the
// build time saved. Only .cpp files of core see it (public headers expose no torch types).
#pragma once

#include <torch/torch.h>

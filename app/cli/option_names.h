// Users type the reference's flags both ways (--range_for_sampling, --range-for-sampling).
#pragma once

#include <algorithm>
#include <string>

namespace embedlab::cli {

/// "--name_x,--name-x" for "name_x" (just "--name" when it has no underscore).
inline std::string bothSpellings(const std::string& underscore) {
  std::string dashed = underscore;
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  return dashed == underscore ? "--" + underscore : "--" + underscore + ",--" + dashed;
}

}  // namespace embedlab::cli

// The texts of core's options tables (option_table.h: group names and help sentences) in the
// user's language, for the panels' forms and tooltips. lupdate collects them from core's
// *_options files under the context "Options" (translations/CMakeLists.txt).
#pragma once

#include <QString>
#include <string_view>
#include <vector>

#include "core/common/option_table.h"

namespace embedlab::widgets {

/// `text` (an OPTION_TEXT of core's tables) translated.
QString optionText(const char* text);
/// The help sentence of the option `name` of `table`, translated (empty when there is none).
QString optionHelp(const std::vector<OptionDescription>& table, std::string_view name);

}  // namespace embedlab::widgets

#include "widgets/option_help.h"

#include <QCoreApplication>

namespace embedlab::widgets {

QString optionText(const char* text) {
  return QCoreApplication::translate("Options", text);
}

QString optionHelp(const std::vector<OptionDescription>& table, std::string_view name) {
  const OptionDescription* row = findOption(table, name);
  return row == nullptr ? QString() : optionText(row->info.help);
}

}  // namespace embedlab::widgets

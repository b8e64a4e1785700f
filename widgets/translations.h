// Texts that follow the language the user picks in Preferences, without restarting: a widget
// registers, next to where it creates a label or button, how to set its text (a lambda that calls
// tr()); the lambda runs at once and again after every language change (QEvent::LanguageChange,
// which Qt sends to every widget when a translator is installed or removed).
#pragma once

#include <QEvent>
#include <functional>
#include <utility>
#include <vector>

namespace embedlab::widgets {

class Translations {
 public:
  /// Runs `apply` now and after each language change.
  void add(std::function<void()> apply) {
    apply();
    applies_.push_back(std::move(apply));
  }
  /// Runs every registered lambda again, in the order they were added.
  void retranslate() const {
    for (const auto& apply : applies_)
      apply();
  }
  /// For a widget's changeEvent(): retranslates when `event` is a language change.
  void handle(const QEvent* event) const {
    if (event->type() == QEvent::LanguageChange) retranslate();
  }

 private:
  std::vector<std::function<void()>> applies_;
};

}  // namespace embedlab::widgets

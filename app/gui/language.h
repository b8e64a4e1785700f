// The language of the user interface: English, German or Simplified Chinese, the system's by
// default, switchable at run time from Preferences (installing a translator makes Qt send every
// widget a LanguageChange event; see widgets/translations.h). Qt's own texts (standard dialogs)
// follow when the system has Qt's translations installed.
#pragma once

#include <QList>
#include <QString>

namespace embedlab::gui {

struct Language {
  QString code;        ///< "en", "de", "zh_CN"
  QString nativeName;  ///< as its speakers write it: "Deutsch", "简体中文"
};

/// The languages EmbedLab is translated into, English first.
QList<Language> availableLanguages();

/// The language saved in the settings ("" for the system's).
QString savedLanguage();
void saveLanguage(const QString& code);

/// Installs the translation of `code` ("": the system's language when EmbedLab has it, else
/// English), replacing the one installed before. Returns the code now in effect.
QString applyLanguage(const QString& code);

}  // namespace embedlab::gui

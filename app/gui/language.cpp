#include "app/gui/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace embedlab::gui {

namespace {

const char* kLanguageKey = "ui/language";

// The translators installed now (owned by the application object).
QTranslator* ours = nullptr;
QTranslator* qts = nullptr;

QString bestMatch(const QString& code) {
  QStringList wanted;
  if (!code.isEmpty()) {
    wanted << code;
  } else {
    wanted = QLocale().uiLanguages();  // e.g. "de-DE", "de", "en-US"
  }
  for (QString candidate : wanted) {
    candidate.replace('-', '_');
    for (const Language& language : availableLanguages()) {
      if (candidate == language.code || candidate.section('_', 0, 0) == language.code ||
          (language.code == QStringLiteral("zh_CN") &&
           (candidate.startsWith(QStringLiteral("zh_Hans")) || candidate == QStringLiteral("zh"))))
        return language.code;
    }
  }
  return QStringLiteral("en");
}

void replace(QTranslator*& slot, QTranslator* next) {
  if (slot != nullptr) {
    QCoreApplication::removeTranslator(slot);
    delete slot;
  }
  slot = next;
  if (slot != nullptr) QCoreApplication::installTranslator(slot);
}

}  // namespace

QList<Language> availableLanguages() {
  return {{QStringLiteral("en"), QStringLiteral("English")},
          {QStringLiteral("de"), QStringLiteral("Deutsch")},
          {QStringLiteral("zh_CN"),
           QString::fromUtf8("\xe7\xae\x80\xe4\xbd\x93\xe4\xb8\xad\xe6\x96\x87")}};
}

QString savedLanguage() {
  return QSettings().value(kLanguageKey).toString();
}

void saveLanguage(const QString& code) {
  QSettings().setValue(kLanguageKey, code);
}

QString applyLanguage(const QString& code) {
  const QString chosen = bestMatch(code);
  // English is translated too: its file holds the plural forms ("1 record", "2 records").
  auto* translator = new QTranslator(QCoreApplication::instance());
  if (!translator->load(QStringLiteral(":/i18n/embedlab_") + chosen)) {
    delete translator;
    translator = nullptr;
  }
  auto* qt = new QTranslator(QCoreApplication::instance());
  if (chosen == QStringLiteral("en") ||
      !qt->load(QStringLiteral("qtbase_") + chosen,
                QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    delete qt;
    qt = nullptr;
  }
  replace(qts, qt);
  replace(ours, translator);
  // Numbers and dates as the language writes them ("2.008" in German).
  QLocale::setDefault(QLocale(chosen));
  return chosen;
}

}  // namespace embedlab::gui

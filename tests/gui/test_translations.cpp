// The German and Chinese translations are complete and keep every placeholder (%1, %n, %p%) of
// their source texts, so that a new string without a translation, or a translation that drops an
// argument, fails here rather than on a user's screen. (`cmake --build build --target
// update_translations` adds new strings to the .ts files.)
#include <QtTest/QtTest>

#include <QFile>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace {

struct Message {
  QString source;
  QStringList translations;  // one, or one per plural form
  bool unfinished = false;
};

QList<Message> readMessages(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QList<Message> messages;
  QXmlStreamReader xml(&file);
  Message current;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    if (xml.name() == QLatin1String("message")) {
      current = {};
    } else if (xml.name() == QLatin1String("source")) {
      current.source = xml.readElementText();
    } else if (xml.name() == QLatin1String("translation")) {
      current.unfinished = xml.attributes().value("type") == QLatin1String("unfinished");
      // Either text, or <numerusform> children.
      QString text;
      while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
        xml.readNext();
        if (xml.isCharacters()) text += xml.text();
        if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
          current.translations << xml.readElementText();
      }
      if (current.translations.isEmpty()) current.translations << text;
      messages << current;
    }
  }
  return messages;
}

QStringList placeholders(const QString& text) {
  static const QRegularExpression pattern(QStringLiteral("%(\\d|n|p%)"));
  QStringList found;
  for (const auto& match : pattern.globalMatch(text))
    found << match.captured(0);
  found.sort();
  found.removeDuplicates();
  return found;
}

}  // namespace

class TestTranslations : public QObject {
  Q_OBJECT

 private slots:
  void complete_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("de") << EMBEDLAB_SOURCE_DIR "/translations/embedlab_de.ts";
    QTest::newRow("zh_CN") << EMBEDLAB_SOURCE_DIR "/translations/embedlab_zh_CN.ts";
  }

  void complete() {
    QFETCH(QString, file);
    const QList<Message> messages = readMessages(file);
    QVERIFY2(messages.size() > 150, qPrintable(file));
    for (const Message& message : messages) {
      QVERIFY2(!message.unfinished, qPrintable("untranslated: " + message.source));
      for (const QString& translation : message.translations) {
        QVERIFY2(!translation.trimmed().isEmpty(), qPrintable("empty: " + message.source));
        QVERIFY2(placeholders(translation) == placeholders(message.source),
                 qPrintable(message.source + " -> " + translation));
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"

// A translator that marks every text of EmbedLab's own contexts ("«text»"): installed in a test,
// it shows which texts a widget really takes through tr(), and that the widget shows them again
// when the language changes (installing a translator is a language change).
#pragma once

#include <QTranslator>
#include <string_view>

namespace embedlab::test {

class MarkingTranslator : public QTranslator {
 public:
  QString translate(const char* context, const char* source, const char* /*disambiguation*/,
                    int n) const override {
    if (std::string_view(context).rfind("embedlab::", 0) != 0) return {};
    QString text = QString::fromUtf8(source);
    if (n >= 0) text.replace(QStringLiteral("%n"), QString::number(n));
    return QStringLiteral("«") + text + QStringLiteral("»");
  }
  bool isEmpty() const override { return false; }
};

}  // namespace embedlab::test

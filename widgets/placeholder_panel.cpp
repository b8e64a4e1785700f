#include "widgets/placeholder_panel.h"

#include <QLabel>
#include <QVBoxLayout>

namespace embedlab::widgets {

PlaceholderPanel::PlaceholderPanel(const QString& title, const QString& purpose,
                                   const QStringList& features, const QString& commandToday,
                                   QWidget* parent)
    : QWidget(parent) {
  QString html = QStringLiteral("<h2>%1</h2><p>%2</p><p><b>%3</b></p><ul>")
                     .arg(title.toHtmlEscaped(), purpose.toHtmlEscaped(),
                          tr("What this panel will hold:").toHtmlEscaped());
  for (const QString& feature : features) {
    html += QStringLiteral("<li>%1</li>").arg(feature.toHtmlEscaped());
  }
  html += QStringLiteral("</ul>");
  if (!commandToday.isEmpty()) {
    html +=
        QStringLiteral("<p>%1</p><pre>%2</pre>")
            .arg(tr("Until then, from a terminal:").toHtmlEscaped(), commandToday.toHtmlEscaped());
  }
  auto* label = new QLabel(html);
  label->setTextFormat(Qt::RichText);
  label->setWordWrap(true);
  label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  label->setMaximumWidth(900);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(24, 16, 24, 16);
  layout->addWidget(label);
  layout->addStretch(1);
}

}  // namespace embedlab::widgets

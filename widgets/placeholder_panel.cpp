#include "widgets/placeholder_panel.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace embedlab::widgets {

PlaceholderPanel::PlaceholderPanel(std::function<PlaceholderContent()> content, QWidget* parent)
    : QWidget(parent), content_(std::move(content)) {
  label_ = new QLabel;
  label_->setTextFormat(Qt::RichText);
  label_->setWordWrap(true);
  label_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  label_->setMaximumWidth(900);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(24, 16, 24, 16);
  layout->addWidget(label_);
  layout->addStretch(1);
  render();
}

void PlaceholderPanel::render() {
  const PlaceholderContent content = content_();
  QString html = QStringLiteral("<h2>%1</h2><p>%2</p><p><b>%3</b></p><ul>")
                     .arg(content.title.toHtmlEscaped(), content.purpose.toHtmlEscaped(),
                          tr("What this panel will hold:").toHtmlEscaped());
  for (const QString& feature : content.features) {
    html += QStringLiteral("<li>%1</li>").arg(feature.toHtmlEscaped());
  }
  html += QStringLiteral("</ul>");
  if (!content.commandToday.isEmpty()) {
    html += QStringLiteral("<p>%1</p><pre>%2</pre>")
                .arg(tr("Until then, from a terminal:").toHtmlEscaped(),
                     content.commandToday.toHtmlEscaped());
  }
  label_->setText(html);
}

void PlaceholderPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) render();
  QWidget::changeEvent(event);
}

}  // namespace embedlab::widgets

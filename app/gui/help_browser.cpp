#include "app/gui/help_browser.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace embedlab::gui {

namespace {

QString readResource(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.readAll());
}

// The README's "## heading" section, up to the next heading of its level.
QString section(const QString& markdown, const QString& heading) {
  const auto start = markdown.indexOf(QStringLiteral("\n## ") + heading);
  if (start < 0) return markdown;
  const auto end = markdown.indexOf(QStringLiteral("\n## "), start + 4);
  return markdown.mid(start + 1, end < 0 ? -1 : end - start - 1);
}

}  // namespace

QString HelpBrowser::markdown(HelpTopic topic) {
  switch (topic) {
    case HelpTopic::Tutorial:
      return section(readResource(QStringLiteral(":/help/README.md")),
                     QStringLiteral("Five minutes with the demo"));
    case HelpTopic::Manual: return readResource(QStringLiteral(":/help/README.md"));
    case HelpTopic::CommandLine: return readResource(QStringLiteral(":/help/docs/cli.md"));
  }
  return {};
}

HelpBrowser::HelpBrowser(HelpTopic topic, QWidget* parent) : QDialog(parent) {
  browser_ = new QTextBrowser;
  browser_->setOpenExternalLinks(true);
  // The README's pictures (docs/images/...) and links resolve inside the compiled-in copy.
  browser_->setSearchPaths({QStringLiteral(":/help")});
  browser_->setMarkdown(markdown(topic));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(browser_);
  layout->addWidget(buttons);
  setWindowTitle(topic == HelpTopic::Tutorial ? tr("Tutorial - EmbedLab")
                 : topic == HelpTopic::Manual ? tr("User Manual - EmbedLab")
                                              : tr("Command-Line Reference - EmbedLab"));
  resize(900, 700);
}

}  // namespace embedlab::gui

// The Help menu's documents in a window: the README's tutorial ("Five minutes with the demo"),
// the whole README as the user manual, and the command-line reference (docs/cli.md). They are
// compiled into the program (with the README's pictures), so that help works without a network
// and from the build tree as from an installed package, and they are the same text as the
// repository's: rendered from Markdown, never a second copy to keep in step.
#pragma once

#include <QDialog>
#include <QString>

class QTextBrowser;

namespace embedlab::gui {

enum class HelpTopic { Tutorial, Manual, CommandLine };

class HelpBrowser : public QDialog {
  Q_OBJECT

 public:
  explicit HelpBrowser(HelpTopic topic, QWidget* parent = nullptr);

  /// The Markdown shown for `topic`: the tutorial is the README's section of that name.
  static QString markdown(HelpTopic topic);
  QTextBrowser* browser() const { return browser_; }

 private:
  QTextBrowser* browser_ = nullptr;
};

}  // namespace embedlab::gui

// Help > About: EmbedLab's version and licence, and the libraries it is built on with theirs.
#pragma once

class QWidget;

namespace embedlab::gui {

void showAboutDialog(QWidget* parent);

}  // namespace embedlab::gui

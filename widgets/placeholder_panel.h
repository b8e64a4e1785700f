// A panel whose tools are still to come: it says what the panel will do, what it will show, and
// how to do the job today from the command line, instead of an empty grey area.
#pragma once

#include <QStringList>
#include <QWidget>
#include <functional>

class QLabel;

namespace embedlab::widgets {

struct PlaceholderContent {
  QString title;
  QString purpose;
  QStringList features;
  QString commandToday;  ///< not translated: a command line
};

class PlaceholderPanel : public QWidget {
  Q_OBJECT

 public:
  /// `content` gives the texts in the current language; it is called again after a language
  /// change.
  explicit PlaceholderPanel(std::function<PlaceholderContent()> content, QWidget* parent = nullptr);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void render();

  std::function<PlaceholderContent()> content_;
  QLabel* label_ = nullptr;
};

}  // namespace embedlab::widgets

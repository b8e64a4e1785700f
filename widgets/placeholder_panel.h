// A panel whose tools are still to come: it says what the panel will do, what it will show, and
// how to do the job today from the command line, instead of an empty grey area.
#pragma once

#include <QStringList>
#include <QWidget>

namespace embedlab::widgets {

class PlaceholderPanel : public QWidget {
  Q_OBJECT

 public:
  PlaceholderPanel(const QString& title, const QString& purpose, const QStringList& features,
                   const QString& commandToday, QWidget* parent = nullptr);
};

}  // namespace embedlab::widgets

#include "app/gui/workspace_location.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace embedlab::gui {

QString demoWorkspacePath() {
  const QString installed =
      QDir(QCoreApplication::applicationDirPath())
          .absoluteFilePath(QStringLiteral("../" EMBEDLAB_INSTALLED_DEMO_DIR));
  for (const QString& candidate : {installed, QStringLiteral(EMBEDLAB_SOURCE_DEMO_DIR)}) {
    if (QFileInfo(candidate + "/train.jsonl").isFile()) {
      return QDir(candidate).canonicalPath();
    }
  }
  return {};
}

}  // namespace embedlab::gui

#include "app/gui/about_dialog.h"

#include <QCoreApplication>
#include <QMessageBox>

#include "core/common/version.h"

namespace embedlab::gui {

void showAboutDialog(QWidget* parent) {
  const QString text =
      QCoreApplication::translate("AboutDialog",
                                  "<h3>EmbedLab %1</h3>"
                                  "<p>A workbench for fine-tuning text-embedding models and "
                                  "rerankers: browse data, mine hard negatives, train, evaluate, "
                                  "pick thresholds, merge and compare runs.</p>"
                                  "<p>Licence: GNU GPL, version 3 or later.</p>"
                                  "<p>Built with: Qt %2 (LGPL-3.0), LibTorch (BSD-3-Clause), "
                                  "FAISS (MIT), QCustomPlot (GPL-3.0), SQLite (public domain), "
                                  "nlohmann/json (MIT), simdjson (Apache-2.0), CLI11 "
                                  "(BSD-3-Clause), {fmt} and spdlog (MIT), xxHash "
                                  "(BSD-2-Clause), OpenBLAS (BSD-3-Clause).</p>")
          .arg(QString::fromLatin1(kVersion), QString::fromLatin1(qVersion()));
  QMessageBox::about(parent, QCoreApplication::translate("AboutDialog", "About EmbedLab"), text);
}

}  // namespace embedlab::gui

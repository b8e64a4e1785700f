#include "widgets/plot_export.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSvgGenerator>

namespace embedlab::widgets {

namespace {

// The translation context of this file's texts.
class PlotExport {
  Q_DECLARE_TR_FUNCTIONS(PlotExport)
};

bool exportSvg(QCustomPlot* plot, const QString& file) {
  QSvgGenerator generator;
  generator.setFileName(file);
  generator.setSize(plot->size());
  generator.setViewBox(QRect(QPoint(0, 0), plot->size()));
  generator.setTitle(plot->windowTitle());
  QCPPainter painter;
  if (!painter.begin(&generator)) return false;
  plot->toPainter(&painter, plot->width(), plot->height());
  return painter.end() && QFileInfo(file).size() > 0;
}

}  // namespace

bool exportPlot(QCustomPlot* plot, const QString& file) {
  const QString suffix = QFileInfo(file).suffix().toLower();
  if (suffix == QStringLiteral("pdf")) return plot->savePdf(file);
  if (suffix == QStringLiteral("svg")) return exportSvg(plot, file);
  if (suffix == QStringLiteral("jpg") || suffix == QStringLiteral("jpeg"))
    return plot->saveJpg(file);
  return plot->savePng(file);
}

void askAndExportPlot(QWidget* parent, QCustomPlot* plot, const QString& suggestedName) {
  const QString file = QFileDialog::getSaveFileName(
      parent, PlotExport::tr("Export plot"), suggestedName,
      PlotExport::tr("PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;"
                     "SVG drawing (*.svg)"));
  if (file.isEmpty()) return;
  if (!exportPlot(plot, file)) {
    QMessageBox::warning(parent, PlotExport::tr("Export plot"),
                         PlotExport::tr("Could not write %1.").arg(file));
  }
}

void addExportMenu(QCustomPlot* plot, const QString& suggestedName) {
  plot->setContextMenuPolicy(Qt::CustomContextMenu);
  QObject::connect(
      plot, &QWidget::customContextMenuRequested, plot, [plot, suggestedName](const QPoint& at) {
        QMenu menu(plot);
        menu.addAction(PlotExport::tr("Export plot..."),
                       [plot, suggestedName] { askAndExportPlot(plot, plot, suggestedName); });
        menu.exec(plot->mapToGlobal(at));
      });
}

}  // namespace embedlab::widgets

#include "widgets/plot_legend.h"

#include <qcustomplot.h>

namespace embedlab::widgets {

namespace {

// The legend's row is in the plot's layout only while the legend shows something: an empty
// legend's maximum width is zero, and a layout column is as narrow as its narrowest element's
// maximum, so an empty legend in the axes' column would squeeze them to a sliver.
void placeLegendRow(QCustomPlot* plot) {
  QCPLegend* legend = plot->legend;
  QCPLayoutGrid* layout = plot->plotLayout();
  const bool wanted = legend->visible() && legend->itemCount() > 0;
  const bool present = legend->layout() == layout;
  if (wanted && !present) {
    layout->addElement(layout->rowCount(), 0, legend);
    layout->setRowStretchFactor(layout->rowCount() - 1, 0.001);
  } else if (!wanted && present) {
    layout->take(legend);
    layout->simplify();
  }
}

}  // namespace

void putLegendBelow(QCustomPlot* plot) {
  QCPLegend* legend = plot->legend;
  if (plot->axisRect()->insetLayout()->take(legend)) plot->axisRect()->insetLayout()->simplify();
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setWrap(4);
  legend->setBorderPen(Qt::NoPen);
  legend->setBrush(Qt::NoBrush);
  legend->setMargins(QMargins(7, 0, 7, 4));
  legend->setVisible(true);
  QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { placeLegendRow(plot); });
}

}  // namespace embedlab::widgets

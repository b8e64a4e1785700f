#include "widgets/plot_legend.h"

#include <qcustomplot.h>

namespace embedlab::widgets {

void putLegendBelow(QCustomPlot* plot) {
  QCPLegend* legend = plot->legend;
  if (plot->axisRect()->insetLayout()->take(legend)) {
    plot->axisRect()->insetLayout()->simplify();
    auto* row = new QCPLayoutGrid;  // keeps the legend at its natural width, centred
    plot->plotLayout()->addElement(plot->plotLayout()->rowCount(), 0, row);
    row->addElement(0, 0, legend);
    row->setMargins(QMargins(0, 0, 0, 4));
    plot->plotLayout()->setRowStretchFactor(plot->plotLayout()->rowCount() - 1, 0.001);
  }
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setWrap(4);
  legend->setBorderPen(Qt::NoPen);
  legend->setBrush(Qt::NoBrush);
  legend->setVisible(true);
}

}  // namespace embedlab::widgets

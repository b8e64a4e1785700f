#include "widgets/plot_legend.h"

#include <qcustomplot.h>

#include <algorithm>

namespace embedlab::widgets {

namespace {

// The legend's entries: itemCount() counts its grid's cells, and a wrapped grid can have empty
// ones.
int entryCount(const QCPLegend* legend) {
  int count = 0;
  for (int i = 0; i < legend->itemCount(); ++i)
    count += legend->item(i) != nullptr ? 1 : 0;
  return count;
}

// The legend's row is in the plot's layout only while the legend shows something: an empty
// legend's maximum width is zero, and a layout column is as narrow as its narrowest element's
// maximum, so an empty legend in the axes' column would squeeze them to a sliver.
void placeLegendRow(QCustomPlot* plot) {
  QCPLegend* legend = plot->legend;
  QCPLayoutGrid* layout = plot->plotLayout();
  const bool wanted = legend->visible() && entryCount(legend) > 0;
  const bool present = legend->layout() == layout;
  if (wanted && !present) {
    layout->addElement(layout->rowCount(), 0, legend);
    layout->setRowStretchFactor(layout->rowCount() - 1, 0.001);
  } else if (!wanted && present) {
    layout->take(legend);
    layout->simplify();
  }
}

// As many entries side by side as the plot's width holds, the others on more rows (translated
// labels are longer: a fixed row of three ran off the plot's edge in German at 1024 pixels).
void fitLegendColumns(QCustomPlot* plot) {
  QCPLegend* legend = plot->legend;
  int count = 0;
  int widest = 0;
  int total = 0;
  for (int i = 0; i < legend->itemCount(); ++i) {
    const QCPLayoutElement* item = legend->item(i);
    if (item == nullptr) continue;
    ++count;
    const int width = item->minimumOuterSizeHint().width() + legend->columnSpacing();
    widest = std::max(widest, width);
    total += width;
  }
  if (count == 0) return;
  const int room = plot->viewport().width() - legend->margins().left() - legend->margins().right();
  const int columns = total <= room ? count : std::clamp(room / std::max(widest, 1), 1, count);
  if (columns == legend->wrap() || (legend->wrap() == 0 && columns == count)) return;
  legend->setWrap(columns);
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // rearranges the entries
}

}  // namespace

void putLegendBelow(QCustomPlot* plot) {
  QCPLegend* legend = plot->legend;
  if (plot->axisRect()->insetLayout()->take(legend)) plot->axisRect()->insetLayout()->simplify();
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setBorderPen(Qt::NoPen);
  legend->setBrush(Qt::NoBrush);
  legend->setMargins(QMargins(7, 0, 7, 4));
  legend->setVisible(true);
  QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] {
    placeLegendRow(plot);
    fitLegendColumns(plot);
  });
}

}  // namespace embedlab::widgets

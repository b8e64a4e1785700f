// Where the workbench's plots keep their legends: in a row under the axes, never over the data
// (a legend in a corner hides whatever the curves do there, and the histograms' peaks move).
#pragma once

class QCustomPlot;

namespace embedlab::widgets {

/// Moves `plot`'s legend out of its axis rectangle into a row below it, its entries side by side
/// (wrapping when they do not fit), and shows it; hide it with plot->legend->setVisible(false)
/// while the plot has no curves, so that it never shows an empty box.
void putLegendBelow(QCustomPlot* plot);

}  // namespace embedlab::widgets

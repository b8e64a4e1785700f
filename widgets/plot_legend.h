// Where the workbench's plots keep their legends: in a row under the axes, never over the data
// (a legend in a corner hides whatever the curves do there, and the histograms' peaks move).
#pragma once

class QCustomPlot;

namespace embedlab::widgets {

/// Moves `plot`'s legend out of its axis rectangle into a row below it, its entries side by side
/// (on more rows when the plot is too narrow for them). The row is there only while the legend is
/// visible and has entries (checked before each replot), so an empty plot shows no legend box.
void putLegendBelow(QCustomPlot* plot);

}  // namespace embedlab::widgets

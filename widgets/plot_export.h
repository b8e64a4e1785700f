// Saving a plot as a picture: PNG or JPG (for slides and chats), PDF or SVG (vectors, for papers
// and for editing), chosen by the file's extension. Every plot of the workbench offers it.
#pragma once

#include <QString>

class QCustomPlot;
class QWidget;

namespace embedlab::widgets {

/// Writes `plot` to `file` in the format its extension names (.png, .jpg/.jpeg, .pdf, .svg; PNG
/// when there is none of these). False when the file could not be written.
bool exportPlot(QCustomPlot* plot, const QString& file);

/// Asks for a file name (starting from `suggestedName`), exports, and says so when it failed.
void askAndExportPlot(QWidget* parent, QCustomPlot* plot, const QString& suggestedName);

/// Adds "Export plot..." to the plot's context menu (right click).
void addExportMenu(QCustomPlot* plot, const QString& suggestedName);

}  // namespace embedlab::widgets

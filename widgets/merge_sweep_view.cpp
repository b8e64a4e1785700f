#include "widgets/merge_sweep_view.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/model/model_discovery.h"
#include "widgets/plot_export.h"
#include "widgets/plot_legend.h"

namespace embedlab::widgets {

namespace {

const QColor kTarget(0x1f, 0x5a, 0xa6);
const QColor kGeneral(0xe0, 0x8a, 0x1e);

}  // namespace

MergeSweepView::MergeSweepView(QWidget* parent) : QWidget(parent) {
  sweeps_ = new QComboBox;
  plot_ = new QCustomPlot;
  plot_->setMinimumHeight(180);
  putLegendBelow(plot_);
  addExportMenu(plot_, QStringLiteral("merge-sweep.png"));
  status_ = new QLabel;
  status_->setWordWrap(true);
  auto* title = new QLabel;
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(title);
  layout->addWidget(sweeps_);
  layout->addWidget(plot_, 1);
  layout->addWidget(status_);
  connect(sweeps_, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index >= 0) showSweep(sweeps_->itemData(index).toString().toStdString());
  });
  translations_.add([=] {
    title->setText(tr("<b>Merge trade-off</b> (embedlab-cli merge --sweep)"));
    plot_->xAxis->setLabel(tr("weight of the first model"));
    if (chosenWeight_ >= 0) showSweep(sweeps_->currentData().toString().toStdString());
  });
  hide();
}

void MergeSweepView::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

void MergeSweepView::setWorkspace(const std::filesystem::path& workspace) {
  const QSignalBlocker blocker(sweeps_);
  sweeps_->clear();
  for (const model::ModelFolder& folder : model::discoverModelFolders(workspace)) {
    const std::filesystem::path file = folder.path / "merge_sweep.json";
    if (std::filesystem::is_regular_file(file))
      sweeps_->addItem(QString::fromStdString(folder.name), QString::fromStdString(file.string()));
  }
  setVisible(sweeps_->count() > 0);
  if (sweeps_->count() > 0) showSweep(sweeps_->itemData(0).toString().toStdString());
}

int MergeSweepView::sweepCount() const {
  return sweeps_->count();
}

bool MergeSweepView::showSweep(const std::filesystem::path& file) {
  plot_->clearGraphs();
  plot_->clearItems();
  nlohmann::json table;
  try {
    std::ifstream in(file);
    table = nlohmann::json::parse(in);
    QVector<double> weights, target, general;
    for (const auto& point : table.at("points")) {
      weights << point.at("weight").get<double>();
      target << point.at("target").get<double>();
      if (point.contains("general")) general << point.at("general").get<double>();
    }
    metric_ = QString::fromStdString(table.value("metric", std::string("score")));
    chosenWeight_ = table.value("chosen_weight", -1.0);
    QCPGraph* targetGraph = plot_->addGraph();
    targetGraph->setName(tr("target set"));
    targetGraph->setPen(QPen(kTarget, 2));
    targetGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    targetGraph->setData(weights, target, true);
    if (general.size() == weights.size()) {
      QCPGraph* generalGraph = plot_->addGraph();
      generalGraph->setName(tr("general set"));
      generalGraph->setPen(QPen(kGeneral, 2));
      generalGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
      generalGraph->setData(weights, general, true);
    }
    if (chosenWeight_ >= 0) {
      auto* chosen = new QCPItemStraightLine(plot_);
      chosen->point1->setCoords(chosenWeight_, 0);
      chosen->point2->setCoords(chosenWeight_, 1);
      chosen->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
    }
    plot_->yAxis->setLabel(metric_);
    plot_->xAxis->setRange(0, 1);
    plot_->rescaleAxes(true);
    plot_->yAxis->scaleRange(1.15, plot_->yAxis->range().center());  // room above and below
    plot_->xAxis->setRange(-0.02, 1.02);
    status_->setText(chosenWeight_ >= 0
                         ? tr("The dashed line: the weight the merged model was written with (%1).")
                               .arg(chosenWeight_, 0, 'f', 2)
                         : QString());
  } catch (const std::exception& error) {
    status_->setText(
        tr("Cannot read %1: %2")
            .arg(QString::fromStdString(file.string()), QString::fromUtf8(error.what())));
    plot_->replot();
    return false;
  }
  plot_->replot();
  return true;
}

}  // namespace embedlab::widgets

#include "widgets/encoding_precision_boxes.h"

#include <QHBoxLayout>

#include "widgets/option_help.h"

namespace embedlab::widgets {

EncodingPrecisionBoxes::EncodingPrecisionBoxes(const model::EncodingOptions& defaults,
                                               QWidget* parent)
    : QWidget(parent), bf16_(new QCheckBox), int8_(new QCheckBox) {
  bf16_->setChecked(defaults.bf16);
  int8_->setChecked(defaults.int8 && !defaults.bf16);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(bf16_);
  layout->addWidget(int8_);
  layout->addStretch(1);
  connect(bf16_, &QCheckBox::toggled, this, [this](bool on) {
    if (on) int8_->setChecked(false);
  });
  connect(int8_, &QCheckBox::toggled, this, [this](bool on) {
    if (on) bf16_->setChecked(false);
  });
}

void EncodingPrecisionBoxes::retranslate(const std::vector<OptionDescription>& table) {
  bf16_->setText(tr("Encode in &bf16"));
  bf16_->setToolTip(optionHelp(table, "bf16"));
  int8_->setText(tr("Encode in int&8"));
  int8_->setToolTip(optionHelp(table, "int8"));
}

void EncodingPrecisionBoxes::applyTo(model::EncodingOptions& options) const {
  options.bf16 = bf16_->isChecked();
  options.int8 = int8_->isChecked();
}

}  // namespace embedlab::widgets

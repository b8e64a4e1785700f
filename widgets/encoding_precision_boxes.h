// The "Encode in bf16" and "Encode in int8" boxes of the panels that encode texts (Mining,
// Evaluation): --bf16 and --int8 of EncodingOptions, which exclude each other, so checking one
// unchecks the other. Their tooltips are the options' help.
#pragma once

#include <QCheckBox>
#include <QWidget>
#include <vector>

#include "core/common/option_table.h"
#include "core/model/encoding_options.h"

namespace embedlab::widgets {

class EncodingPrecisionBoxes : public QWidget {
  Q_OBJECT

 public:
  explicit EncodingPrecisionBoxes(const model::EncodingOptions& defaults,
                                  QWidget* parent = nullptr);

  /// Sets the texts (in the current language) and the tooltips from the job's options table.
  void retranslate(const std::vector<OptionDescription>& table);
  /// Writes the choice into the job's encoding options.
  void applyTo(model::EncodingOptions& options) const;

  QCheckBox* bf16() const { return bf16_; }
  QCheckBox* int8() const { return int8_; }

 private:
  QCheckBox* bf16_;
  QCheckBox* int8_;
};

}  // namespace embedlab::widgets

// A validation report as the Datasets panel shows it: what the file holds (records, lengths,
// positives and negatives per query...) and the verdict, in the interface's language. The CLI's
// English report (core/data/validation_report.h) stays the reference for scripts; this is the
// same content for people, with its labels translated.
#pragma once

#include <QCoreApplication>
#include <QString>

#include "core/data/validation.h"

namespace embedlab::widgets {

class ValidationSummary {
  Q_DECLARE_TR_FUNCTIONS(ValidationSummary)

 public:
  /// Plain text, one "label  value" line each, labels aligned; `fileName` heads it.
  static QString describe(const ValidationReport& report, const QString& fileName);
};

}  // namespace embedlab::widgets

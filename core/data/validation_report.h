// Presenting a ValidationReport: the text `embedlab-cli validate` prints (problems first, then
// counts per kind, then a summary of what the file holds) and the same as JSON for tools and the
// GUI.
#pragma once

#include <cstddef>
#include <string>

#include "core/data/validation.h"

namespace embedlab {

/// Human-readable report; shows the first `showProblems` problems in full ("FILE:LINE: severity
/// [code] message"), then how many more there are.
std::string formatValidationReport(const ValidationReport& report, std::size_t showProblems);

/// The report as one JSON object (problems limited to `showProblems`, counts complete).
std::string validationReportJson(const ValidationReport& report, std::size_t showProblems);

}  // namespace embedlab

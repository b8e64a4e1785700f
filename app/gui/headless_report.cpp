#include "app/gui/headless_report.h"

#include <fmt/format.h>

#include <cstdlib>

#include "core/data/dataset_discovery.h"
#include "core/data/validation_report.h"

namespace embedlab::gui {

namespace {

bool isSet(const char* variable) {
  const char* value = std::getenv(variable);
  return value != nullptr && value[0] != '\0';
}

}  // namespace

bool displayUnavailable() {
  return !isSet("DISPLAY") && !isSet("WAYLAND_DISPLAY") && !isSet("QT_QPA_PLATFORM");
}

int printHeadlessReport(const std::filesystem::path& workspace) {
  fmt::print(
      "embedlab: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the window "
      "cannot open.\nShowing the validation report of the workspace {} instead.\n"
      "(Run embedlab on a desktop, or use embedlab-cli for headless jobs.)\n\n",
      workspace.string());
  bool allValid = true;
  for (const DatasetEntry& entry : discoverDatasets(workspace)) {
    try {
      std::vector<ValidationReport> reports;
      if (entry.evalFolder) {
        reports = validateEvalFolder(entry.path);
      } else {
        reports.push_back(
            validateFile(entry.path, entry.kind ? *entry.kind : detectDataKind(entry.path)));
      }
      for (const ValidationReport& report : reports) {
        allValid = allValid && report.valid();
        fmt::print("{}\n", formatValidationReport(report, 20));
      }
    } catch (const std::exception& error) {
      allValid = false;
      fmt::print("{}: cannot validate: {}\n\n", entry.path.string(), error.what());
    }
  }
  return allValid ? 0 : 1;
}

}  // namespace embedlab::gui

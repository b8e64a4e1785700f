// Edit > Preferences: the interface language (applied at once) and the CPU threads for LibTorch
// and BLAS (applied at the next start, since the thread pools are sized once per process).
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QSpinBox;

namespace embedlab::gui {

class PreferencesDialog : public QDialog {
  Q_OBJECT

 public:
  explicit PreferencesDialog(QWidget* parent = nullptr);

  /// The threads saved for the next start; 0 for EmbedLab's measured default.
  static int savedThreads();

  /// Saves the choices and applies the language.
  void accept() override;

  QComboBox* languageChooser() const { return language_; }
  QSpinBox* threadsChooser() const { return threads_; }

 private:
  QComboBox* language_ = nullptr;
  QSpinBox* threads_ = nullptr;
};

}  // namespace embedlab::gui

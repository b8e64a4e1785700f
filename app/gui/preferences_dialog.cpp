#include "app/gui/preferences_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include "app/gui/language.h"

namespace embedlab::gui {

namespace {
const char* kThreadsKey = "compute/threads";
}

PreferencesDialog::PreferencesDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Preferences"));
  language_ = new QComboBox;
  language_->addItem(tr("System language"), QString());
  for (const Language& language : availableLanguages())
    language_->addItem(language.nativeName, language.code);
  language_->setCurrentIndex(std::max(0, language_->findData(savedLanguage())));

  threads_ = new QSpinBox;
  threads_->setRange(0, std::max(1, QThread::idealThreadCount()) * 4);
  threads_->setSpecialValueText(tr("automatic"));
  threads_->setValue(savedThreads());
  threads_->setToolTip(
      tr("CPU threads for LibTorch and BLAS. Automatic uses what EmbedLab measured to be fastest "
         "on this machine. Applies at the next start; --threads overrides it."));
  // Only the threads wait for a restart: the language changes as soon as OK is pressed.
  auto* threadsNote =
      new QLabel(tr("The number of threads applies at the next start; the "
                    "language changes at once."));
  threadsNote->setWordWrap(true);
  threadsNote->setStyleSheet(QStringLiteral("color: #666;"));

  auto* form = new QFormLayout;
  form->addRow(tr("&Language:"), language_);
  form->addRow(tr("CPU &threads:"), threads_);
  form->addRow(QString(), threadsNote);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);
}

int PreferencesDialog::savedThreads() {
  return QSettings().value(kThreadsKey, 0).toInt();
}

void PreferencesDialog::accept() {
  const QString language = language_->currentData().toString();
  if (language != savedLanguage()) {
    saveLanguage(language);
    applyLanguage(language);
  }
  QSettings().setValue(kThreadsKey, threads_->value());
  QDialog::accept();
}

}  // namespace embedlab::gui

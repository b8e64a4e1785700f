#include "widgets/job_config.h"

#include <QDir>
#include <QTemporaryFile>

#include "core/store/history.h"

namespace embedlab::widgets {

QStringList jobArguments(const QString& job, const nlohmann::json& options,
                         const std::filesystem::path& workspace,
                         std::unique_ptr<QTemporaryFile>& file) {
  file = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/embedlab-") + job +
                                          QStringLiteral("-XXXXXX.json"));
  if (!file->open()) return {};
  const QByteArray text = QByteArray::fromStdString(options.dump(2));
  const bool written = file->write(text) == text.size();
  file->close();
  if (!written) return {};
  // The same history the History panel shows.
  return {QStringLiteral("--db"),
          QString::fromStdString(store::History::resolvePath({}, workspace).string()), job,
          QStringLiteral("--config"), file->fileName()};
}

}  // namespace embedlab::widgets

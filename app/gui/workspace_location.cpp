#include "app/gui/workspace_location.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <filesystem>
#include <system_error>

#include "core/common/paths.h"
#include "core/model/embedding_model.h"
#include "core/store/history.h"

namespace embedlab::gui {

namespace {

QString firstExisting(const QStringList& candidates, const QString& mark) {
  for (const QString& candidate : candidates) {
    if (QFileInfo(candidate + "/" + mark).isFile()) return QDir(candidate).canonicalPath();
  }
  return {};
}

QString installedPath(const QString& relative) {
  return QDir(QCoreApplication::applicationDirPath()).absoluteFilePath("../" + relative);
}

}  // namespace

QString shippedDemoPath() {
  return firstExisting({installedPath(QStringLiteral(EMBEDLAB_INSTALLED_DEMO_DIR)),
                        QStringLiteral(EMBEDLAB_SOURCE_DEMO_DIR)},
                       QStringLiteral("train.jsonl"));
}

QString shippedDemoTokenizerPath() {
  return firstExisting({installedPath(QStringLiteral(EMBEDLAB_INSTALLED_DEMO_DIR "/tokenizer")),
                        QStringLiteral(EMBEDLAB_SOURCE_TOKENIZER_DIR)},
                       QStringLiteral("vocab.txt"));
}

QString userDemoWorkspace(QString* error) {
  namespace fs = std::filesystem;
  const fs::path target = userDataDirectory() / "demo-workspace";
  std::error_code code;
  if (fs::exists(target / "train.jsonl", code)) return QString::fromStdString(target.string());
  const QString shipped = shippedDemoPath();
  const QString tokenizer = shippedDemoTokenizerPath();
  if (shipped.isEmpty() || tokenizer.isEmpty()) {
    *error = QCoreApplication::translate("workspace", "The demo workspace is not installed.");
    return {};
  }
  const fs::path partial = userDataDirectory() / ".demo-workspace.partial";
  fs::remove_all(partial, code);
  fs::create_directories(partial, code);
  if (!code) fs::copy(shipped.toStdString(), partial, fs::copy_options::recursive, code);
  if (!code && !fs::exists(partial / "tokenizer" / "vocab.txt")) {
    fs::copy(tokenizer.toStdString(), partial / "tokenizer", fs::copy_options::recursive, code);
  }
  // What was copied from a read-only installation may be read-only: make the copy the user's.
  for (auto entry = fs::recursive_directory_iterator(partial, code);
       !code && entry != fs::recursive_directory_iterator(); entry.increment(code)) {
    fs::permissions(entry->path(), fs::perms::owner_write, fs::perm_options::add, code);
  }
  if (!code) {
    try {
      store::History history(partial / "history.sqlite");  // the workspace's own history
      createDemoBaseModel(partial);
    } catch (const std::exception& problem) {
      *error = QString::fromStdString(problem.what());
      fs::remove_all(partial, code);
      return {};
    }
    fs::rename(partial, target, code);
  }
  if (code) {
    *error =
        QCoreApplication::translate("workspace", "Could not copy the demo workspace to %1: %2")
            .arg(QString::fromStdString(target.string()), QString::fromStdString(code.message()));
    fs::remove_all(partial, code);
    return {};
  }
  return QString::fromStdString(target.string());
}

void createDemoBaseModel(const std::filesystem::path& workspace) {
  model::RandomModelOptions options;  // init-model --arch bert --layers 2 --hidden 64 ...
  options.layers = 2;
  options.hidden = 64;
  options.heads = 2;
  options.intermediate = 256;
  options.seed = 1;
  model::EmbeddingModel::createRandom(options, workspace / "tokenizer")
      .save(workspace / "models" / "base");
}

}  // namespace embedlab::gui

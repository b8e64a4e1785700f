#include "widgets/path_choices.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>

#include "core/model/hub_cache.h"
#include "core/model/model_discovery.h"

namespace embedlab::widgets {

void choosePath(QComboBox* box, const QString& path) {
  int at = box->findData(path);
  if (at < 0) {
    box->addItem(QFileInfo(path).fileName(), path);
    at = box->count() - 1;
    box->setItemData(at, path, Qt::ToolTipRole);
  }
  box->setCurrentIndex(at);
}

void fillModelChoices(QComboBox* box, const std::filesystem::path& workspace) {
  box->clear();
  for (const model::ModelFolder& folder : model::discoverModelFolders(workspace)) {
    if (!folder.hasWeights) continue;
    const QString path = QString::fromStdString(folder.path.string());
    box->addItem(QString::fromStdString(folder.name), path);
    box->setItemData(box->count() - 1, path, Qt::ToolTipRole);
  }
  // Then the models of the Hugging Face cache, named by id (their snapshot is the folder).
  for (const model::CachedModel& cached : model::listCachedModels()) {
    const QString path = QString::fromStdString(cached.folder.string());
    box->addItem(QString::fromStdString(cached.id), path);
    box->setItemData(box->count() - 1, path, Qt::ToolTipRole);
  }
}

WorkspaceSettings workspaceSettings(const std::filesystem::path& workspace) {
  try {
    return WorkspaceSettings::load(workspace);
  } catch (const std::exception&) {
    return {};
  }
}

std::string shownInWorkspace(const std::filesystem::path& workspace,
                             const std::filesystem::path& path) {
  if (workspace.empty() || path.empty() || path.is_relative()) return path.string();
  const std::filesystem::path relative =
      path.lexically_normal().lexically_relative(workspace.lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return path.string();
  return relative.string();
}

std::filesystem::path inWorkspace(const std::filesystem::path& workspace, const std::string& path) {
  if (path.empty()) return {};
  std::filesystem::path resolved = path;
  if (path == "~" || path.rfind("~/", 0) == 0) {
    resolved = QDir::homePath().toStdString() + path.substr(1);
  } else if (resolved.is_relative() && !workspace.empty()) {
    resolved = workspace / resolved;
  }
  return resolved.lexically_normal();
}

}  // namespace embedlab::widgets

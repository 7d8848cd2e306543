#include "common/saveditems.h"

#include <QFileInfo>

#include "common/saveditembar.h"
#include "workspace/promptstore.h"
#include "workspace/workspace.h"

SavedItems::SavedItems(SavedItemBar *bar, Kind kind, Current current, Apply apply, QObject *parent)
    : QObject(parent), m_bar(bar), m_kind(std::move(kind)), m_current(std::move(current)), m_apply(std::move(apply))
{
    connect(m_bar, &SavedItemBar::saveClicked, this, &SavedItems::save);
    connect(m_bar, &SavedItemBar::deleteClicked, this, &SavedItems::remove);
    connect(m_bar, &SavedItemBar::loadRequested, this, &SavedItems::load);
    connect(m_bar, &SavedItemBar::exportChosen, this, &SavedItems::exportTo);
    connect(m_bar, &SavedItemBar::importChosen, this, &SavedItems::importFrom);
}

void SavedItems::setWorkspace(sft::Workspace *workspace)
{
    m_workspace = workspace;
    reload();
}

bool SavedItems::guarded(const std::function<void()> &fn)
{
    try {
        fn();
        return true;
    } catch (const std::exception &e) {
        Q_EMIT message(QString::fromUtf8(e.what()));
        return false;
    }
}

void SavedItems::reload()
{
    QStringList names;
    if (m_workspace)
        guarded([&] { names = m_kind.names(m_workspace->db()); });
    m_bar->setNames(names);
}

bool SavedItems::save()
{
    if (!m_workspace)
        return false;
    if (m_bar->name().isEmpty())
        m_bar->setName(m_texts.defaultName.arg(m_bar->count() + 1));
    const QString name = m_bar->name();
    if (!guarded([&] { m_kind.save(m_workspace->db(), name, m_current()); }))
        return false;
    reload();
    m_bar->select(name);
    Q_EMIT message(m_texts.saved.arg(name));
    return true;
}

bool SavedItems::load(const QString &name)
{
    if (!m_workspace)
        return false;
    std::optional<QJsonObject> state;
    if (!guarded([&] { state = m_kind.load(m_workspace->db(), name); }) || !state)
        return false;
    m_apply(*state, [this, name] { return m_texts.loadStep.arg(name); });
    m_bar->setName(name);
    return true;
}

bool SavedItems::remove(const QString &name)
{
    if (!m_workspace)
        return false;
    const bool ok = guarded([&] { m_kind.remove(m_workspace->db(), name); });
    reload();
    return ok;
}

bool SavedItems::exportTo(const QString &path)
{
    const QString name = m_bar->name().isEmpty() ? QFileInfo(path).completeBaseName() : m_bar->name();
    if (!guarded([&] { sft::promptstore::writeJsonFile(path, m_kind.toFile(name, m_current())); }))
        return false;
    Q_EMIT message(m_texts.exported.arg(path));
    return true;
}

bool SavedItems::importFrom(const QString &path)
{
    std::pair<QString, QJsonObject> item;
    try {
        item = m_kind.fromFile(sft::promptstore::readJsonFile(path));
    } catch (const std::exception &e) {
        Q_EMIT message(m_texts.cannotImport.arg(path, QString::fromUtf8(e.what())));
        return false;
    }
    m_apply(item.second, [this, name = item.first] { return m_texts.importStep.arg(name); });
    m_bar->setName(item.first);
    return true;
}

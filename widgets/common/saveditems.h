#pragma once
// Saving a panel's state by name, the part the Prompt and In-context panels
// share: save into the workspace, load (as one undoable step), delete, and
// export / import as a JSON file, driven by the SavedItemBar. What is saved —
// a prompt template or a demonstration set — is a Kind: a few functions over
// the panel's state as a JSON object. The panel supplies its state, applies a
// loaded one through its undo stack, and gives the texts in its own words.

#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

#include "common/retranslatablecommand.h"

class SavedItemBar;
namespace sft { class Workspace; }

class SavedItems : public QObject
{
    Q_OBJECT

public:
    /** What is saved, in the workspace and in files. Each function may throw (sft::Error, std::exception). */
    struct Kind
    {
        std::function<QStringList(QSqlDatabase)> names;
        std::function<std::optional<QJsonObject>(QSqlDatabase, const QString &name)> load;
        std::function<void(QSqlDatabase, const QString &name, const QJsonObject &state)> save;
        std::function<void(QSqlDatabase, const QString &name)> remove;
        /** The file's JSON for a state saved under name. */
        std::function<QJsonObject(const QString &name, const QJsonObject &state)> toFile;
        /** The name and state a file holds. */
        std::function<std::pair<QString, QJsonObject>(const QJsonObject &file)> fromFile;
    };

    /** The texts, in the panel's words; %1 is a name, a number or a path. */
    struct Texts
    {
        QString defaultName;  ///< "template %1" (%1: how many are saved + 1)
        QString saved;        ///< Saved prompt template "%1".
        QString exported;     ///< Exported the prompt template to %1.
        QString loadStep;     ///< Load prompt template "%1" (the undo step)
        QString importStep;   ///< Import prompt template "%1"
        QString cannotImport; ///< Cannot import %1: %2
    };

    /** The panel's state now, and how a loaded or imported one is applied (one undo step named stepText). */
    using Current = std::function<QJsonObject()>;
    using Apply = std::function<void(const QJsonObject &state, UndoText stepText)>;

    SavedItems(SavedItemBar *bar, Kind kind, Current current, Apply apply, QObject *parent = nullptr);

    void setWorkspace(sft::Workspace *workspace);
    void setTexts(const Texts &texts) { m_texts = texts; }

    /** List the saved names again. */
    void reload();
    /** Save the current state under the bar's name (a new numbered name when empty). */
    bool save();
    bool load(const QString &name);
    bool remove(const QString &name);
    bool exportTo(const QString &path);
    bool importFrom(const QString &path);

Q_SIGNALS:
    void message(const QString &text);

private:
    /** Run fn; an exception becomes a message and false. */
    bool guarded(const std::function<void()> &fn);

    SavedItemBar *m_bar;
    Kind m_kind;
    Current m_current;
    Apply m_apply;
    Texts m_texts;
    sft::Workspace *m_workspace = nullptr;
};

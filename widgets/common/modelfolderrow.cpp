#include "common/modelfolderrow.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "common/demomodeljob.h"

ModelFolderRow::ModelFolderRow(QWidget *parent) : QWidget(parent)
{
    m_label = new QLabel(this);
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("modelEdit"));
    m_browse = new QPushButton(this);
    m_note = new QLabel(parent);
    m_note->setObjectName(QStringLiteral("modelNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_path, 1);
    layout->addWidget(m_browse);
    connect(m_path, &QLineEdit::textChanged, this, [this] {
        updateNote();
        Q_EMIT modelDirChanged();
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        // Same translation context as before the row was shared.
        const QString dir = QFileDialog::getExistingDirectory(
            this, QCoreApplication::translate("PromptPanel", "Model folder"), modelDir());
        if (!dir.isEmpty())
            setModelDir(dir);
    });
}

QString ModelFolderRow::modelDir() const { return m_path->text().trimmed(); }
void ModelFolderRow::setModelDir(const QString &dir) { m_path->setText(dir); }

void ModelFolderRow::setDemoModelDir(const QString &dir)
{
    const bool wasDefault = m_path->text().isEmpty() || m_path->text() == m_demoModelDir;
    m_demoModelDir = dir;
    if (wasDefault)
        m_path->setText(dir);
    updateNote();
}

void ModelFolderRow::addTrailingWidget(QWidget *widget)
{
    layout()->addWidget(widget);
}

void ModelFolderRow::retranslate(const QString &placeholder, const QString &demoNote)
{
    m_label->setText(QCoreApplication::translate("PromptPanel", "Model folder:"));
    m_browse->setText(QCoreApplication::translate("PromptPanel", "Browse…"));
    m_path->setPlaceholderText(placeholder);
    m_demoNote = demoNote;
    updateNote();
}

void ModelFolderRow::updateNote()
{
    const bool demo = demomodel::isDemoModel(modelDir(), m_demoModelDir);
    m_note->setText(demo ? m_demoNote : QString());
    m_note->setVisible(demo);
}

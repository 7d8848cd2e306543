// SavedItemBar: builds the row and turns its clicks into signals. Its texts
// keep the "PromptPanel" translation context they had in the panels.

#include "common/saveditembar.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

SavedItemBar::SavedItemBar(QWidget *parent) : QWidget(parent)
{
    m_savedLabel = new QLabel(this);
    m_saved = new QComboBox(this);
    m_saved->setObjectName(QStringLiteral("savedCombo"));
    m_saved->setMinimumContentsLength(12);
    m_nameLabel = new QLabel(this);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setMinimumWidth(110);
    m_save = new QPushButton(this);
    m_delete = new QPushButton(this);
    m_export = new QPushButton(this);
    m_import = new QPushButton(this);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_savedLabel);
    row->addWidget(m_saved, 1);
    row->addWidget(m_nameLabel);
    row->addWidget(m_name, 1);
    row->addWidget(m_save);
    row->addWidget(m_delete);
    row->addWidget(m_export);
    row->addWidget(m_import);

    connect(m_save, &QPushButton::clicked, this, &SavedItemBar::saveClicked);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (!m_saved->currentText().isEmpty())
            Q_EMIT deleteClicked(m_saved->currentText());
    });
    connect(m_saved, &QComboBox::activated, this, [this] { Q_EMIT loadRequested(m_saved->currentText()); });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString filter = QCoreApplication::translate("PromptPanel", "JSON files (*.json)");
        const QString path = QFileDialog::getSaveFileName(this, m_exportTitle, m_name->text() + QStringLiteral(".json"), filter);
        if (!path.isEmpty())
            Q_EMIT exportChosen(path);
    });
    connect(m_import, &QPushButton::clicked, this, [this] {
        const QString filter = QCoreApplication::translate("PromptPanel", "JSON files (*.json);;All files (*)");
        const QString path = QFileDialog::getOpenFileName(this, m_importTitle, QString(), filter);
        if (!path.isEmpty())
            Q_EMIT importChosen(path);
    });
}

QString SavedItemBar::name() const { return m_name->text().trimmed(); }
void SavedItemBar::setName(const QString &name) { m_name->setText(name); }
int SavedItemBar::count() const { return m_saved->count(); }

void SavedItemBar::setNames(const QStringList &names)
{
    const QString current = m_saved->currentText();
    m_saved->clear();
    m_saved->addItems(names);
    select(current);
}

void SavedItemBar::select(const QString &name) { m_saved->setCurrentIndex(m_saved->findText(name)); }

void SavedItemBar::retranslate(const QString &namePlaceholder, const QString &exportTitle, const QString &importTitle)
{
    // Literal calls, so that lupdate keeps these entries under "PromptPanel".
    m_savedLabel->setText(QCoreApplication::translate("PromptPanel", "Saved:"));
    m_nameLabel->setText(QCoreApplication::translate("PromptPanel", "Name:"));
    m_save->setText(QCoreApplication::translate("PromptPanel", "Save"));
    m_delete->setText(QCoreApplication::translate("PromptPanel", "Delete"));
    m_export->setText(QCoreApplication::translate("PromptPanel", "Export…"));
    m_import->setText(QCoreApplication::translate("PromptPanel", "Import…"));
    m_name->setPlaceholderText(namePlaceholder);
    m_exportTitle = exportTitle;
    m_importTitle = importTitle;
}

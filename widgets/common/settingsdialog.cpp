#include "common/settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QVBoxLayout>

#include "common/languagemanager.h"
#include "workspace/settings.h"

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    m_language = new QComboBox(this);
    m_language->addItem(tr("System default"), QString());
    for (const auto &l : LanguageManager::available())
        m_language->addItem(l.second, l.first);
    m_language->setCurrentIndex(std::max(0, m_language->findData(sft::AppSettings::language().get())));
    m_language->setToolTip(tr("The language of the interface; it changes at once, no restart needed"));
    auto *form = new QFormLayout;
    form->addRow(tr("Language:"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const QString language = m_language->currentData().toString();
        sft::AppSettings::language().set(language);
        LanguageManager::instance()->setLanguage(language);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

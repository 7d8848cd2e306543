#pragma once
// Preferences: the interface language (applied at once) and defaults.

#include <QDialog>

class QComboBox;

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

private:
    QComboBox *m_language = nullptr;
};

#pragma once
// Translated names and colours of record states, shared by the table and the editor.

#include <QColor>
#include <QCoreApplication>
#include <QString>

#include "data/record.h"

class StatusText
{
    Q_DECLARE_TR_FUNCTIONS(StatusText)

public:
    static QString name(sft::RecordStatus s);
    static QColor background(sft::RecordStatus s);
};

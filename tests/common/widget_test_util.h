#pragma once
// Helpers for the panels' QTest-driven tests.

#include <QTest>
#include <QWidget>

namespace sfttest {

/** Types text into a widget one key event per character (QTest::keyClicks takes Latin-1 only). */
inline void typeText(QWidget *w, const QString &text)
{
    for (const QChar c : text) {
        QTest::sendKeyEvent(QTest::Press, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
        QTest::sendKeyEvent(QTest::Release, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

} // namespace sfttest

// The wheel over the training form (the longest form of the app): over a
// combo box or spin box that does not have the focus it scrolls the form and
// leaves the value alone; once the field has the focus it changes the value.
// Without WheelGuard the first half fails (the method combo switches from
// LoRA to the next method).

#include <QApplication>
#include <QComboBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTest>
#include <QtTest/qtestspontaneevent.h>
#include <QWheelEvent>

#include "common/wheelguard.h"
#include "training/trainingform.h"

class TestWheelGuard : public QObject
{
    Q_OBJECT

    static void wheelDown(QWidget *w)
    {
        const QPointF pos(w->width() / 2.0, w->height() / 2.0);
        QWheelEvent event(pos, w->mapToGlobal(pos), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        // As from the mouse: only spontaneous wheel events travel up to the parents.
        QSpontaneKeyEvent::setSpontaneous(&event);
        QApplication::sendEvent(w, &event);
    }

private Q_SLOTS:
    void initTestCase() { WheelGuard::install(); }

    void wheelScrollsUnlessFocused()
    {
        TrainingForm form;
        form.resize(480, 360);  // much shorter than the form: it scrolls
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        auto *scroll = form.findChild<QScrollArea *>(QStringLiteral("trainingFormScroll"));
        QVERIFY(scroll);
        QVERIFY(scroll->verticalScrollBar()->maximum() > 0);

        QComboBox *method = form.methodCombo();
        QSpinBox *rank = form.loraRankSpin();
        const int methodBefore = method->currentIndex();
        const int rankBefore = rank->value();
        QVERIFY(!method->hasFocus());
        QCOMPARE(method->focusPolicy(), Qt::StrongFocus);  // the wheel no longer gives it the focus

        wheelDown(method);
        QCOMPARE(method->currentIndex(), methodBefore);
        const int scrolled = scroll->verticalScrollBar()->value();
        QVERIFY2(scrolled > 0, "the wheel over an unfocused field scrolls the form");
        wheelDown(rank);
        QCOMPARE(rank->value(), rankBefore);
        QVERIFY(scroll->verticalScrollBar()->value() >= scrolled);

        // Focused, the field takes the wheel as before.
        form.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&form));
        method->setFocus();
        QTRY_VERIFY(method->hasFocus());
        wheelDown(method);
        QVERIFY(method->currentIndex() != methodBefore);
    }
};

QTEST_MAIN(TestWheelGuard)
#include "test_wheelguard.moc"

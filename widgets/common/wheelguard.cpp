#include "common/wheelguard.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QScrollBar>
#include <QWheelEvent>

namespace {

/** Widgets whose value the wheel changes (scroll bars excluded: scrolling is what they are for). */
bool takesValueFromWheel(const QObject *o)
{
    return qobject_cast<const QAbstractSpinBox *>(o) || qobject_cast<const QComboBox *>(o)
           || (qobject_cast<const QAbstractSlider *>(o) && !qobject_cast<const QScrollBar *>(o));
}

} // namespace

WheelGuard::WheelGuard(QObject *parent) : QObject(parent) {}

void WheelGuard::install()
{
    if (!qApp || qApp->findChild<WheelGuard *>(QString(), Qt::FindDirectChildrenOnly))
        return;
    qApp->installEventFilter(new WheelGuard(qApp));
}

bool WheelGuard::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Polish && takesValueFromWheel(watched)) {
        auto *w = static_cast<QWidget *>(watched);
        if (w->focusPolicy() == Qt::WheelFocus)
            w->setFocusPolicy(Qt::StrongFocus);
    } else if (event->type() == QEvent::Wheel && takesValueFromWheel(watched)
               && !static_cast<QWidget *>(watched)->hasFocus()) {
        // The nearest scroll area scrolls instead (QApplication does not pass a filtered wheel event up).
        const auto *wheel = static_cast<QWheelEvent *>(event);
        for (QWidget *p = static_cast<QWidget *>(watched)->parentWidget(); p; p = p->parentWidget()) {
            if (auto *area = qobject_cast<QAbstractScrollArea *>(p)) {
                QWheelEvent copy(area->viewport()->mapFromGlobal(wheel->globalPosition()), wheel->globalPosition(),
                                 wheel->pixelDelta(), wheel->angleDelta(), wheel->buttons(), wheel->modifiers(),
                                 wheel->phase(), wheel->inverted());
                QCoreApplication::sendEvent(area->viewport(), &copy);
                break;
            }
        }
        return true;
    }
    return QObject::eventFilter(watched, event);
}

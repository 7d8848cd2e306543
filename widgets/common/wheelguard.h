#pragma once
// The mouse wheel scrolls forms; it changes a field only when that field has
// the keyboard focus. Without this, wheeling down a long form (the Training
// tab) silently changes whichever combo box or spin box passes under the
// pointer. Installed once on the application, it covers every form: value
// widgets stop taking focus from the wheel, and a wheel event over one that is
// not focused scrolls the nearest scroll area around it instead.

#include <QObject>

class WheelGuard : public QObject
{
    Q_OBJECT

public:
    explicit WheelGuard(QObject *parent = nullptr);
    /** Install one guard on the application (idempotent). */
    static void install();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

// The comparison beside the Quality panel's preview: the LCS tokens of a
// near-duplicate pair highlighted (char formats; UTF-16 positions of CJK and
// emoji text), a rule's rejection shown with its reason, and the similarity
// histogram's draggable threshold line, which previews a count until "Use this
// threshold" changes the setting. On the demo workspace (qualitypanel_fixture.h).

#include <QApplication>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTextBrowser>
#include <QtTest>

#include <cmath>

#include "qcustomplot.h"
#include "quality/lcscompareview.h"
#include "quality/qualitypanel.h"
#include "quality/similarityhistogram.h"
#include "qualitypanel_fixture.h"

using namespace sft;

class TestLcsCompareView : public QualityPanelFixture
{
    Q_OBJECT

private Q_SLOTS:
    void lcsViewHighlightsTokens()
    {
        QVERIFY(runAndWait());
        m_panel->resultsTable()->selectRow(rowOf(m_ids[17]));
        LcsCompareView *view = m_panel->compareView();
        QCOMPARE(view->score(), 1.0);
        QCOMPARE(view->leftView()->toPlainText(), QStringLiteral("Give three tips for keeping a houseplant alive!"));
        QCOMPARE(view->rightView()->toPlainText(), QStringLiteral("Give three tips for keeping a houseplant alive."));
        const QStringList words = QStringLiteral("Give three tips for keeping a houseplant alive").split(QLatin1Char(' '));
        QCOMPARE(LcsCompareView::highlightedRuns(view->leftView()), words);
        QCOMPARE(LcsCompareView::highlightedRuns(view->rightView()), words);
        // The format is a visible background, and the '!' has none.
        QTextCursor c(view->leftView()->document());
        c.setPosition(2);
        QVERIFY(c.charFormat().background().style() != Qt::NoBrush);
        c.setPosition(view->leftView()->toPlainText().size());
        QVERIFY(!c.charFormat().boolProperty(LcsCompareView::LcsTokenProperty));

        // A rule's rejection shows the record and its reason.
        m_panel->resultsTable()->selectRow(rowOf(m_ids[32]));
        QVERIFY(view->leftView()->toPlainText().startsWith(QLatin1String("Write a program")));
        QVERIFY(view->rightView()->toPlainText().isEmpty());
        QVERIFY(LcsCompareView::highlightedRuns(view->leftView()).isEmpty());
    }

    void lcsViewUtf16Positions()
    {
        // Emoji (4 UTF-8 bytes, 2 UTF-16 units) and CJK (3 bytes, 1 unit) before the tokens.
        LcsCompareView view;
        rouge::TokenizerOptions cjk;
        cjk.kind = rouge::TokenizerKind::Cjk;
        view.setPair(1, QStringLiteral("😀给出保持健康的三个建议 now"), 2, QStringLiteral("请给出三个建议 now 😀"), cjk);
        QCOMPARE(LcsCompareView::highlightedRuns(view.leftView()),
                 (QStringList{QStringLiteral("给出"), QStringLiteral("三个建议"), QStringLiteral("now")}));
        QCOMPARE(LcsCompareView::highlightedRuns(view.rightView()),
                 (QStringList{QStringLiteral("给出三个建议"), QStringLiteral("now")}));
        QCOMPARE(view.score(), 2.0 * 7 / (12 + 8));
        QCOMPARE(LcsCompareView::utf16Positions(QByteArray("a\xC3\xA9\xF0\x9F\x98\x80" "b")),
                 (QVector<int>{0, 1, 1, 2, 2, 2, 2, 4, 5}));
        QCOMPARE(LcsCompareView::utf16Positions(QByteArray("\xFF" "a")), (QVector<int>{0, 1, 2}));
    }

    void thresholdLineDragUpdatesLabel()
    {
        QVERIFY(runAndWait());
        SimilarityHistogram *h = m_panel->histogram();
        QCOMPARE(h->threshold(), 0.7);
        QVERIFY2(h->countLabel()->text().contains(QLatin1String("3 of 34")), qPrintable(h->countLabel()->text()));
        QVERIFY(h->countLabel()->text().contains(QLatin1String("Preview")));

        QCustomPlot *plot = h->plot();
        plot->replot();
        const int y = plot->axisRect()->rect().center().y();
        QSignalSpy dragged(h, &SimilarityHistogram::thresholdDragged);
        auto send = [plot, y](QEvent::Type type, int x, Qt::MouseButtons buttons) {
            QMouseEvent e(type, QPointF(x, y), plot->mapToGlobal(QPointF(x, y)),
                          type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons, Qt::NoModifier);
            QApplication::sendEvent(plot, &e);
        };
        send(QEvent::MouseButtonPress, h->linePixel(), Qt::LeftButton);
        send(QEvent::MouseMove, h->pixelFor(0.3), Qt::LeftButton);
        send(QEvent::MouseMove, h->pixelFor(0.1), Qt::LeftButton);
        send(QEvent::MouseButtonRelease, h->pixelFor(0.1), Qt::NoButton);
        QVERIFY(!dragged.isEmpty());
        QVERIFY2(std::abs(h->threshold() - 0.1) <= 0.011, qPrintable(QString::number(h->threshold())));
        int above = 0;
        for (double s : m_panel->result().bestScores)
            above += s > h->threshold();
        QVERIFY(above > 3);
        QVERIFY2(h->countLabel()->text().contains(QStringLiteral("%1 of 34").arg(above)),
                 qPrintable(h->countLabel()->text()));
        // Only a preview: the spin box changes when the user asks.
        QCOMPARE(m_panel->thresholdSpin()->value(), 0.7);
        QCOMPARE(m_panel->result().rejections.size(), 6);
        const double chosen = h->threshold();
        // "Use this threshold" changes the setting, and the preview follows it at once (small dataset).
        QVERIFY(changeAndWaitForRerun([h] { QTest::mouseClick(h->useButton(), Qt::LeftButton); }));
        QCOMPARE(m_panel->thresholdSpin()->value(), chosen);
        QCOMPARE(m_panel->result().rejections.size(), m_panel->resultsTable()->rowCount());
        QVERIFY(m_panel->result().dedupRejected > 3);
        for (const QualityRejection &r : m_panel->result().rejections)
            if (r.rule == QLatin1String("rouge-l"))
                QVERIFY(r.score > chosen);
        QVERIFY2(m_panel->summaryLabel()->text().contains(QStringLiteral("ROUGE-L above %1").arg(chosen, 0, 'f', 2)),
                 qPrintable(m_panel->summaryLabel()->text()));
        QCOMPARE(h->threshold(), chosen);
        QVERIFY(m_panel->applyButton()->isEnabled());

        h->setThreshold(0.99);
        QVERIFY2(h->countLabel()->text().contains(QStringLiteral("%1 of 34").arg(h->countAbove(0.99))),
                 qPrintable(h->countLabel()->text()));
    }
};

QTEST_MAIN(TestLcsCompareView)
#include "test_lcscompareview.moc"

// Learning-rate schedules against values computed by hand from transformers'
// get_cosine_schedule_with_warmup / get_linear_schedule_with_warmup formulas.

#include <QtTest>

#include <cmath>

#include "core/error.h"
#include "finetune/lr_schedule.h"

using namespace sft::finetune;

class TestLrSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cosine()
    {
        LrSchedule s{1e-3, 0.0, 10, 110, DecayShape::Cosine};
        QCOMPARE(s.at(0), 0.0);                 // warmup starts at 0
        QVERIFY(std::abs(s.at(5) - 5e-4) < 1e-15);
        QVERIFY(std::abs(s.at(10) - 1e-3) < 1e-15);  // the peak right after warmup
        QVERIFY(std::abs(s.at(60) - 5e-4) < 1e-15);  // half way through the decay: cos(pi/2)
        QVERIFY(std::abs(s.at(35) - 1e-3 * 0.5 * (1 + std::cos(M_PI * 0.25))) < 1e-15);
        QVERIFY(std::abs(s.at(110)) < 1e-15);
        QVERIFY(std::abs(s.at(500)) < 1e-15);   // clamped after the end
    }
    void linearWithFloor()
    {
        LrSchedule s{2e-4, 2e-5, 0, 100, DecayShape::Linear};
        QVERIFY(std::abs(s.at(0) - 2e-4) < 1e-18);
        QVERIFY(std::abs(s.at(50) - (2e-5 + 1.8e-4 * 0.5)) < 1e-18);
        QVERIFY(std::abs(s.at(100) - 2e-5) < 1e-18);
    }
    void constant()
    {
        LrSchedule s{3e-4, 0.0, 4, 50, DecayShape::Constant};
        QVERIFY(std::abs(s.at(2) - 1.5e-4) < 1e-18);
        QCOMPARE(s.at(40), 3e-4);
    }
    void errors()
    {
        LrSchedule bad{1e-3, 2e-3, 0, 10, DecayShape::Cosine};
        QVERIFY_THROWS_EXCEPTION(sft::Error, bad.at(0));
        LrSchedule none{1e-3, 0.0, 0, 0, DecayShape::Cosine};
        QVERIFY_THROWS_EXCEPTION(sft::Error, none.at(0));
        QCOMPARE(LrSchedule::shapeFromName("linear"), DecayShape::Linear);
        QVERIFY_THROWS_EXCEPTION(sft::Error, LrSchedule::shapeFromName("step"));
    }
};

QTEST_GUILESS_MAIN(TestLrSchedule)
#include "test_lr_schedule.moc"

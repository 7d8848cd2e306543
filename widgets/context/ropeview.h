#pragma once
// The RoPE page of the Context panel, a teaching view for any theta, head
// dimension and window: the wavelength of every dimension pair against the
// training window L; the rotation angles of one position m before and after
// position interpolation (m → m·L/L′, which folds the target window [0, L′)
// into [0, L)); and the effective wavelength per pair under linear, dynamic
// NTK, YaRN and llama3 scaling side by side. The numbers come from
// sft::model::posmath, the formulas the engine uses.

#include <QWidget>

#include "model/model_config.h"

class QCPGraph;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

class RopeView : public QWidget
{
    Q_OBJECT

public:
    /** The curves of the angle plot. */
    enum class AngleCurve { Before, After, TrainedMax };

    explicit RopeView(QWidget *parent = nullptr);

    /**
     * Take theta, head dimension and training window from a model; the window is the scaling's
     * original_max_position_embeddings when it has one, and the factor the scaling's (4 without one).
     * The model's own scaling parameters (llama3 low / high frequency factors, YaRN betas) are used for
     * its type's curve.
     */
    void setModel(double theta, int headDim, int window, const sft::model::RopeScaling &scaling);

    double theta() const;
    int headDim() const;
    /** L: the context the model was trained with. */
    int window() const;
    /** s = L′ / L. */
    double factor() const;
    /** L′: the context to reach. */
    int targetWindow() const;
    /** m: the position whose angles the middle plot shows. */
    int position() const;
    void setFactor(double factor);
    void setPosition(int position);

    QDoubleSpinBox *thetaSpin() const { return m_theta; }
    QSpinBox *headDimSpin() const { return m_headDim; }
    QSpinBox *windowSpin() const { return m_window; }
    QDoubleSpinBox *factorSpin() const { return m_factor; }
    QSpinBox *targetSpin() const { return m_target; }
    QSpinBox *positionSpin() const { return m_position; }
    QCustomPlot *wavelengthPlot() const { return m_wavePlot; }
    QCustomPlot *anglePlot() const { return m_anglePlot; }
    QCustomPlot *variantPlot() const { return m_variantPlot; }
    /** A curve of the angle plot: value at key i = the angle of pair i, in radians. */
    QCPGraph *angleGraph(AngleCurve curve) const;
    /** The effective-wavelength curve of one scaling (None = the unscaled wavelengths). */
    QCPGraph *variantGraph(sft::model::RopeScaling::Type type) const;
    QLabel *foldLabel() const { return m_angleNote; }
    QLabel *variantNoteLabel() const { return m_variantNote; }

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Column
    {
        QLabel *title = nullptr, *note = nullptr;
        QCustomPlot *plot = nullptr;
    };
    Column makeColumn(QWidget *parent, const QString &objectName);
    void retranslate();
    void recompute();
    void updateWavelengths();
    void updateAngles();
    void updateVariants();
    /** The scaling of one type with the view's factor and window (the model's parameters for its own type). */
    sft::model::RopeScaling scalingOf(sft::model::RopeScaling::Type type) const;
    sft::model::ModelConfig configOf(sft::model::RopeScaling::Type type) const;

    sft::model::RopeScaling m_modelScaling;
    double m_scale = 4;  ///< s as last set (L′ / L is what is drawn)
    bool m_syncing = false;
    QLabel *m_thetaLabel = nullptr, *m_headDimLabel = nullptr, *m_windowLabel = nullptr, *m_factorLabel = nullptr,
           *m_targetLabel = nullptr, *m_positionLabel = nullptr;
    QDoubleSpinBox *m_theta = nullptr, *m_factor = nullptr;
    QSpinBox *m_headDim = nullptr, *m_window = nullptr, *m_target = nullptr, *m_position = nullptr;
    QLabel *m_waveTitle = nullptr, *m_waveNote = nullptr, *m_angleTitle = nullptr, *m_angleNote = nullptr,
           *m_variantTitle = nullptr, *m_variantNote = nullptr;
    QCustomPlot *m_wavePlot = nullptr, *m_anglePlot = nullptr, *m_variantPlot = nullptr;
    QCPGraph *m_waveGraph = nullptr;
    QCPGraph *m_angleGraphs[3] = {};
    QCPGraph *m_variantGraphs[5] = {};
};

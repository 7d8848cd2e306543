#pragma once
// Helpers for the panels' QTest-driven tests.

#include <QCoreApplication>
#include <QEvent>
#include <QTest>
#include <QTranslator>
#include <QWidget>

namespace sfttest {

/** A tiny LLaMA config.json: hidden 64, 2 layers, 4 heads (head_dim 16), KV heads 2. */
inline constexpr char kTinyLlamaConfig[] =
    "{\"model_type\":\"llama\",\"vocab_size\":1000,\"hidden_size\":64,\"intermediate_size\":128,"
    "\"num_hidden_layers\":2,\"num_attention_heads\":4,\"num_key_value_heads\":2,"
    "\"max_position_embeddings\":256,\"rms_norm_eps\":1e-6,\"torch_dtype\":\"float32\"}";

/** Types text into a widget one key event per character (QTest::keyClicks takes Latin-1 only). */
inline void typeText(QWidget *w, const QString &text)
{
    for (const QChar c : text) {
        QTest::sendKeyEvent(QTest::Press, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
        QTest::sendKeyEvent(QTest::Release, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

/** Every source text "translated" with a prefix: a text that went through tr() again shows it. */
class PrefixTranslator : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *, const char *sourceText, const char * = nullptr, int = -1) const override
    {
        return QStringLiteral("\u2039") + QString::fromUtf8(sourceText);
    }
};

/** Send widget the LanguageChange event an installed translator would. */
inline void changeLanguage(QWidget *widget)
{
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(widget, &change);
}

} // namespace sfttest

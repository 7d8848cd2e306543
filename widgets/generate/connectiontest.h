#pragma once
// "Test connection" for an OpenAI-compatible endpoint: GET {base}/models with
// the key as a bearer token (Qt Network, asynchronous), then the model ids it
// lists, or the error in words (HTTP status and the server's own message).

#include <QObject>
#include <QPointer>
#include <QStringList>

class QNetworkAccessManager;
class QNetworkReply;

class ConnectionTest : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionTest(QObject *parent = nullptr);
    ~ConnectionTest() override;

    /** Start a test (a running one is abandoned); the key is sent only when not empty. */
    void start(const QString &baseUrl, const QString &apiKey, int timeoutMs = 10000);
    bool isRunning() const;
    /** The URL the last test asked. */
    QString lastUrl() const { return m_url; }

    /** The model ids of an OpenAI /models answer ({"data":[{"id":...}]}); empty when it is not one. */
    static QStringList parseModels(const QByteArray &body, bool *ok = nullptr);

Q_SIGNALS:
    /** ok: models are the listed ids; otherwise error says what went wrong. */
    void finished(bool ok, const QStringList &models, const QString &error);

private:
    void onFinished(QNetworkReply *reply);

    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QString m_url;
};

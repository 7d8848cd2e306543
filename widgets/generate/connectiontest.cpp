#include "generate/connectiontest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

ConnectionTest::ConnectionTest(QObject *parent) : QObject(parent)
{
    m_network = new QNetworkAccessManager(this);
}

bool ConnectionTest::isRunning() const { return !m_reply.isNull(); }

ConnectionTest::~ConnectionTest()
{
    if (m_reply)
        m_reply->abort();
}

void ConnectionTest::start(const QString &baseUrl, const QString &apiKey, int timeoutMs)
{
    if (m_reply) {
        QNetworkReply *old = m_reply;
        m_reply = nullptr;
        old->disconnect(this);
        old->abort();
        old->deleteLater();
    }
    QString base = baseUrl.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    m_url = base + QStringLiteral("/models");
    const QUrl url(m_url);
    if (base.isEmpty() || !url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
        Q_EMIT finished(false, {}, tr("Not a URL: %1").arg(baseUrl));
        return;
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    m_reply = m_network->get(request);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

QStringList ConnectionTest::parseModels(const QByteArray &body, bool *ok)
{
    QStringList ids;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const bool isList = doc.isObject() && doc.object().value(QStringLiteral("data")).isArray();
    if (ok)
        *ok = isList;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("data")).toArray())
        if (const QString id = v.toObject().value(QStringLiteral("id")).toString(); !id.isEmpty())
            ids << id;
    return ids;
}

void ConnectionTest::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status >= 400) {
        // The server's OpenAI-style message when it sent one, else Qt's.
        QString message = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject()
                              .value(QStringLiteral("message")).toString();
        if (message.isEmpty())
            message = reply->errorString();
        Q_EMIT finished(false, {}, status > 0 ? tr("HTTP %1: %2").arg(status).arg(message) : message);
        return;
    }
    bool ok = false;
    const QStringList models = parseModels(body, &ok);
    if (!ok) {
        Q_EMIT finished(false, {}, tr("%1 answered, but not with a list of models.").arg(m_url));
        return;
    }
    Q_EMIT finished(true, models, {});
}

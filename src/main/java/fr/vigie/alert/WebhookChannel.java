package fr.vigie.alert;

import fr.vigie.model.Severity;
import fr.vigie.store.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A POST per commune (or per night): {@code json}, the alerts with the JSON report's finding
 * objects; {@code text}, {@code {"text": …}}, which Mattermost, Rocket.Chat and Slack incoming
 * webhooks accept. Any 2xx is taken; anything else, or no answer, is a failure to retry.
 */
final class WebhookChannel implements Channel {

  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final AlertConfig.Webhook config;
  private final Severity threshold;
  private final AlertMessages messages;
  private final OkHttpClient client;

  WebhookChannel(AlertConfig.Webhook config, Severity threshold, AlertMessages messages) {
    this.config = config;
    this.threshold = threshold;
    this.messages = messages;
    this.client = client(null);
  }

  static OkHttpClient client(java.nio.file.Path trustCa) {
    OkHttpClient.Builder b = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .callTimeout(Duration.ofSeconds(60))
        .followRedirects(false)
        .retryOnConnectionFailure(false);
    if (trustCa != null) {
      var tm = TlsTrust.trustManager(trustCa);
      b.sslSocketFactory(TlsTrust.context(tm).getSocketFactory(), tm);
    }
    return b.build();
  }

  @Override
  public String id() {
    return config.name();
  }

  @Override
  public String shown() {
    return config.name() + " (" + config.format() + ", " + config.shown() + ")";
  }

  @Override
  public Severity threshold() {
    return threshold;
  }

  @Override
  public void send(AlertMessages.Batch batch) throws IOException {
    String body = config.format().equals("text")
        ? Json.write(Map.of("text", messages.chat(batch)))
        : messages.json(batch);
    post(body);
  }

  @Override
  public void test() throws IOException {
    post(
        config.format().equals("text")
            ? Json.write(Map.of("text", messages.testSubject()))
            : Json.write(Map.of(
                "schema", AlertMessages.SCHEMA, "test", true, "text", messages.testSubject())));
  }

  private void post(String body) throws IOException {
    Request.Builder r = new Request.Builder()
        .url(config.url().toString())
        .header("User-Agent", "vigie/" + fr.vigie.Version.get())
        .post(RequestBody.create(body, JSON));
    config.headers().forEach(r::header);
    try (Response response = client.newCall(r.build()).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code() + " from " + config.shown());
      }
    }
  }
}

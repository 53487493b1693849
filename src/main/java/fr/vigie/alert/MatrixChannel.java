package fr.vigie.alert;

import fr.vigie.model.Severity;
import fr.vigie.store.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A Matrix room (Tchap, which French public bodies use) through the client-server API: {@code PUT
 * /_matrix/client/v3/rooms/{room}/send/m.room.message/{txnId}} with the access token as a bearer.
 * The transaction id is derived from the alerts, so a retry after a lost answer is the same event
 * to the homeserver, not a second message.
 */
final class MatrixChannel implements Channel {

  private final AlertConfig.Matrix config;
  private final Severity threshold;
  private final AlertMessages messages;
  private final OkHttpClient client;

  MatrixChannel(AlertConfig.Matrix config, Severity threshold, AlertMessages messages) {
    this.config = config;
    this.threshold = threshold;
    this.messages = messages;
    this.client = WebhookChannel.client(config.trustCa());
  }

  @Override
  public String id() {
    return config.name();
  }

  @Override
  public String shown() {
    return config.name() + " (matrix " + config.room() + " on "
        + config.homeserver().getHost() + ")";
  }

  @Override
  public Severity threshold() {
    return threshold;
  }

  @Override
  public void send(AlertMessages.Batch batch) throws IOException {
    Map<String, String> event = new LinkedHashMap<>();
    event.put("msgtype", "m.text");
    event.put("body", messages.chat(batch));
    event.put("format", "org.matrix.custom.html");
    event.put("formatted_body", messages.chatHtml(batch));
    StringBuilder ids = new StringBuilder();
    batch
        .alerts()
        .forEach(a -> ids.append(a.commune().key())
            .append('|')
            .append(a.key())
            .append('|')
            .append(a.since())
            .append('\n'));
    put(event, "vigie-" + sha256(ids.toString()).substring(0, 32));
  }

  @Override
  public void test() throws IOException {
    put(
        Map.of("msgtype", "m.notice", "body", messages.testSubject()),
        "vigie-test-" + System.currentTimeMillis());
  }

  private void put(Map<String, String> event, String txn) throws IOException {
    String base = config.homeserver().toString().replaceAll("/+$", "");
    String url = base + "/_matrix/client/v3/rooms/" + encode(config.room())
        + "/send/m.room.message/" + encode(txn);
    Request r = new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + config.token())
        .header("User-Agent", "vigie/" + fr.vigie.Version.get())
        .put(RequestBody.create(Json.write(event), WebhookChannel.JSON))
        .build();
    try (Response response = client.newCall(r).execute()) {
      if (!response.isSuccessful()) {
        String err = "";
        try {
          var node = Json.MAPPER.readTree(response.body().string());
          err = node.path("errcode").asText("");
        } catch (IOException | RuntimeException ignored) {
          // the code alone says enough
        }
        throw new IOException("HTTP " + response.code() + (err.isEmpty() ? "" : " " + err)
            + " from " + config.homeserver().getHost());
      }
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

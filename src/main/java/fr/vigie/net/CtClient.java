package fr.vigie.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Asks a Certificate Transparency search API (crt.sh or compatible) for the certificates of a
 * domain. One GET, a total deadline, a cap on the body; any failure is an answer saying why, never
 * an exception: CT is a bonus, and a slow or refusing API must not fail a scan. Thread-safe.
 */
public final class CtClient {

  /** What the API gave: the body, or why there is none. */
  public sealed interface Answer {
    record Body(String json) implements Answer {}

    record Unavailable(String why) implements Answer {}
  }

  static final int MAX_BODY = 16 * 1024 * 1024;

  private final OkHttpClient client;
  private final String template;
  private final String userAgent;

  /**
   * @param template the URL with {@code {domain}} where the A-label domain goes
   */
  public CtClient(String template, Duration timeout, String userAgent) {
    this.template = template;
    this.userAgent = userAgent;
    this.client = new OkHttpClient.Builder()
        .callTimeout(timeout)
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .followRedirects(false)
        .build();
  }

  public Answer query(String domain) {
    String url = template.replace("{domain}", domain);
    Request request;
    try {
      request = new Request.Builder()
          .url(url)
          .header("User-Agent", userAgent)
          .header("Accept", "application/json")
          .build();
    } catch (IllegalArgumentException e) {
      return new Answer.Unavailable("invalid URL " + url);
    }
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 200) {
        return new Answer.Unavailable("HTTP " + response.code());
      }
      try (InputStream in = response.body().byteStream()) {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
          return new Answer.Unavailable("answer over " + MAX_BODY / (1024 * 1024) + " MiB");
        }
        return new Answer.Body(new String(bytes, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      return new Answer.Unavailable(
          e instanceof InterruptedIOException
              ? "no answer in time"
              : "connection failed: " + e.getMessage());
    }
  }
}

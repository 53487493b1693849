package fr.vigie.probe;

import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * An http(s) URL as the web probe reads it (OkHttp's parser: host lower-cased, IDN in ASCII,
 * default ports filled in), for code that must not depend on OkHttp itself.
 */
public record WebUrl(boolean https, String host, int port) {

  /** Empty when the text is not an absolute http or https URL. */
  public static Optional<WebUrl> parse(String url) {
    HttpUrl u = url == null ? null : HttpUrl.parse(url);
    return u == null ? Optional.empty() : Optional.of(new WebUrl(u.isHttps(), u.host(), u.port()));
  }
}

package fr.vigie.observation;

import java.util.List;
import java.util.Locale;

/**
 * The answer to one path request (never followed if it redirects). The excerpt has its secrets
 * masked ({@link Secrets}) before it is kept anywhere.
 *
 * @param status 0 when no answer came
 * @param bytes bytes read (at most the path cap)
 * @param length the Content-Length announced, or -1
 * @param head hex of the first 16 bytes (binary formats)
 * @param excerpt the first 2 KiB as text, secrets masked
 * @param sha256 of the bytes read
 * @param location the Location header of a redirect
 * @param marks the parts of the whole answer that technology rules look for (beyond the
 *     excerpt), secrets masked
 */
public record PathResult(
    String path,
    int status,
    String contentType,
    long bytes,
    long length,
    String head,
    String excerpt,
    String sha256,
    String location,
    List<String> marks) {

  public PathResult {
    marks = marks == null ? List.of() : List.copyOf(marks);
  }

  public PathResult(
      String path,
      int status,
      String contentType,
      long bytes,
      long length,
      String head,
      String excerpt,
      String sha256,
      String location) {
    this(path, status, contentType, bytes, length, head, excerpt, sha256, location, List.of());
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public boolean isHtml() {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    String start = excerpt == null ? "" : excerpt.stripLeading().toLowerCase(Locale.ROOT);
    return type.contains("html") || start.startsWith("<!doctype html") || start.startsWith("<html");
  }
}

package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Elasticsearch: {@code GET /}, 200 with its version when anyone may read it. */
public final class ElasticsearchDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("elasticsearch");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.ask(httpGet(c.hostHeader(), "/"))
        .flatMap(ElasticsearchDialect::elasticsearch)
        .orElse(null);
  }

  private static final Pattern ES_NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([\\d.]+)\"");

  private static final Pattern ES_CLUSTER =
      Pattern.compile("\"cluster_name\"\\s*:\\s*\"([^\"]{0,80})\"");

  /** {@code GET /} of Elasticsearch: 200 with its version (no authentication) or 401. */
  public static Optional<Reading> elasticsearch(byte[] answer) {
    Optional<Integer> status = httpStatus(answer);
    if (status.isEmpty()) {
      return Optional.empty();
    }
    String body = text(answer);
    if (status.get() == 200
        && (body.contains("You Know, for Search") || body.contains("\"cluster_name\""))) {
      Matcher n = ES_NUMBER.matcher(body);
      Matcher c = ES_CLUSTER.matcher(body);
      Reading r = Reading.of(
              "elasticsearch", "GET / → 200" + (c.find() ? ", cluster " + c.group(1) : ""))
          .product("Elasticsearch", n.find() ? n.group(1) : null)
          .with(ServiceFact.AUTH, "none");
      return Optional.of(r);
    }
    if (status.get() == 401
        && httpHeader(answer, "WWW-Authenticate")
            .map(v -> v.contains("elasticsearch") || v.contains("Basic"))
            .orElse(false)) {
      return Optional.of(Reading.of("elasticsearch", "GET / → 401")
          .product("Elasticsearch", null)
          .with(ServiceFact.AUTH, "required"));
    }
    return Optional.empty();
  }
}

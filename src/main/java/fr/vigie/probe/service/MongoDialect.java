package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** MongoDB: {@code hello}; with {@code --intrusive}, {@code listDatabases} to see whether anyone may read. */
public final class MongoDialect implements Dialect {

  private final boolean intrusive;

  public MongoDialect(boolean intrusive) {
    this.intrusive = intrusive;
  }

  @Override
  public List<String> names() {
    return List.of("mongodb");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    Reading hello = c.ask(mongoHello()).flatMap(MongoDialect::mongo).orElse(null);
    if (hello == null || !intrusive) {
      return hello;
    }
    // Listing the databases is reading, but tells whether anyone may.
    Optional<String> auth = c.askAgain(mongoListDatabases()).flatMap(MongoDialect::mongoAuth);
    return auth.map(a -> hello.with(ServiceFact.AUTH, a)).orElse(hello);
  }

  /** OP_MSG {hello: 1, $db: "admin"}: what every driver sends first, before any authentication. */
  public static byte[] mongoHello() {
    byte[] doc = bson(Map.of("hello", 1, "$db", "admin"));
    ByteBuffer b = ByteBuffer.allocate(16 + 4 + 1 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(16 + 4 + 1 + doc.length).putInt(1).putInt(0).putInt(2013); // header, OP_MSG
    b.putInt(0).put((byte) 0).put(doc);
    return b.array();
  }

  /** A reply to hello: an OP_MSG whose document says ok and the wire versions. */
  public static Optional<Reading> mongo(byte[] answer) {
    if (answer.length < 21) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN);
    int opcode = b.getInt(12);
    if (opcode != 2013 && opcode != 1) {
      return Optional.empty();
    }
    String body = text(answer);
    if (!body.contains("maxWireVersion")
        && !body.contains("ismaster")
        && !body.contains("isWritablePrimary")) {
      return Optional.empty();
    }
    return Optional.of(Reading.of("mongodb", "hello answered (" + answer.length + " bytes)")
        .product("MongoDB", null));
  }

  /**
   * OP_MSG {listDatabases: 1, nameOnly: 1, $db: "admin"}: sent only with --intrusive (it reads the
   * database names), to tell a MongoDB open to anyone from one that demands authentication.
   */
  public static byte[] mongoListDatabases() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("listDatabases", 1);
    fields.put("nameOnly", 1);
    fields.put("$db", "admin");
    byte[] doc = bson(fields);
    ByteBuffer b = ByteBuffer.allocate(16 + 4 + 1 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(16 + 4 + 1 + doc.length).putInt(2).putInt(0).putInt(2013);
    b.putInt(0).put((byte) 0).put(doc);
    return b.array();
  }

  /** The answer to listDatabases: the list (no authentication) or an authorization error. */
  public static Optional<String> mongoAuth(byte[] answer) {
    String body = text(answer);
    if (body.contains("databases") && !body.contains("errmsg")) {
      return Optional.of("none");
    }
    if (body.contains("Unauthorized")
        || body.contains("requires authentication")
        || body.contains("errmsg")) {
      return Optional.of("required");
    }
    return Optional.empty();
  }
}

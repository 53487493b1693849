package fr.vigie.observation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** What one name server did with an AXFR request (RFC 5936), stored with the scan's DNS observations. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ZoneTransferResult.Transferred.class, name = "transferred"),
  @JsonSubTypes.Type(value = ZoneTransferResult.Declined.class, name = "declined"),
  @JsonSubTypes.Type(value = ZoneTransferResult.NoAnswer.class, name = "no-answer"),
  @JsonSubTypes.Type(value = ZoneTransferResult.NotAsked.class, name = "not-asked")
})
public sealed interface ZoneTransferResult {
  String server();

  /** It sent the zone: the owner names of its records (lower case, no trailing dot). */
  record Transferred(String server, Set<String> names, int records, boolean cut)
      implements ZoneTransferResult {
    public Transferred {
      names = Collections.unmodifiableSet(new TreeSet<>(names));
    }
  }

  /** It answered and declined (REFUSED, NOTAUTH, NOTIMP…, or closed without a record). */
  record Declined(String server, String reason) implements ZoneTransferResult {}

  /** No answer in time, or the connection could not be made. */
  record NoAnswer(String server, String reason) implements ZoneTransferResult {}

  /** Not asked: no address the guard lets vigie reach. */
  record NotAsked(String server, String reason) implements ZoneTransferResult {}
}

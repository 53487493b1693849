package fr.vigie.alert;

import fr.vigie.model.Severity;
import java.io.IOException;
import java.util.List;

/** Somewhere alerts go: a mail audience, a webhook, a Matrix room. */
public interface Channel {

  /** The channel's name in the outbox: what "sent once" is counted against. */
  String id();

  /** How logs and the night's summary name it: never a secret (no token, no URL path). */
  String shown();

  Severity threshold();

  /** Whether this alert is for this channel at all (a commune mail needs an address). */
  default boolean wants(Alert a) {
    return a.kind().equals(Alert.UNREACHABLE) || Severity.parse(a.severity()).atLeast(threshold());
  }

  /** Whether one message may carry the whole night ({@code --notify-digest}). */
  default boolean digestible() {
    return true;
  }

  /** Sends one message; throws when the other side did not take it. */
  void send(AlertMessages.Batch batch) throws IOException;

  /** Sends a message that says only that the channel works ({@code vigie alerts test}). */
  void test() throws IOException;

  /** The channels a configuration describes, in the file's order. */
  static List<Channel> of(AlertConfig config, AlertMessages messages) {
    List<Channel> out = new java.util.ArrayList<>();
    if (config.mail() != null) {
      AlertConfig.Mail m = config.mail();
      Severity t = config.thresholdOf(m.threshold());
      if (!m.csirt().isEmpty()) {
        out.add(MailChannel.csirt(m, t, messages));
      }
      if (m.communes() || !m.recipients().isEmpty()) {
        out.add(MailChannel.communes(m, t, messages));
      }
    }
    for (AlertConfig.Webhook w : config.webhooks()) {
      out.add(new WebhookChannel(w, config.thresholdOf(w.threshold()), messages));
    }
    for (AlertConfig.Matrix m : config.matrix()) {
      out.add(new MatrixChannel(m, config.thresholdOf(m.threshold()), messages));
    }
    return List.copyOf(out);
  }
}

package fr.vigie.alert;

import fr.vigie.model.Severity;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Alerts by e-mail through an SMTP server (Jakarta Mail, Eclipse Angus): STARTTLS required unless
 * the configuration says TLS from the first byte, the server's certificate checked against its
 * name, authentication when a user is given. Two audiences, counted apart in the outbox: the
 * CSIRT (every alert, per commune or as the night's digest) and each commune (its own alerts, at
 * the inventory's contact address and the configuration's extra recipients).
 */
final class MailChannel implements Channel {

  private final AlertConfig.Mail config;
  private final Severity threshold;
  private final AlertMessages messages;
  private final boolean toCommunes;

  private MailChannel(
      AlertConfig.Mail config, Severity threshold, AlertMessages messages, boolean toCommunes) {
    this.config = config;
    this.threshold = threshold;
    this.messages = messages;
    this.toCommunes = toCommunes;
  }

  static MailChannel csirt(AlertConfig.Mail m, Severity threshold, AlertMessages messages) {
    return new MailChannel(m, threshold, messages, false);
  }

  static MailChannel communes(AlertConfig.Mail m, Severity threshold, AlertMessages messages) {
    return new MailChannel(m, threshold, messages, true);
  }

  @Override
  public String id() {
    return toCommunes ? "mail:communes" : "mail:csirt";
  }

  @Override
  public String shown() {
    return (toCommunes ? "mail (communes)" : "mail (" + String.join(", ", config.csirt()) + ")")
        + " via " + config.host() + ":" + config.port();
  }

  @Override
  public Severity threshold() {
    return threshold;
  }

  @Override
  public boolean wants(Alert a) {
    return Channel.super.wants(a) && !recipients(a.commune()).isEmpty();
  }

  @Override
  public boolean digestible() {
    return !toCommunes; // a commune reads about itself only
  }

  @Override
  public void send(AlertMessages.Batch batch) throws IOException {
    List<String> to = toCommunes ? recipients(batch.alerts().get(0).commune()) : config.csirt();
    try {
      MimeMessage m = new MimeMessage(session());
      m.setFrom(new InternetAddress(config.from(), true));
      m.setRecipients(Message.RecipientType.TO, addresses(to));
      m.setSubject(messages.subject(batch), "UTF-8");
      m.setSentDate(new Date());
      // Auto-Submitted keeps vacation responders from answering (RFC 3834).
      m.setHeader("Auto-Submitted", "auto-generated");
      m.setHeader("X-Vigie-Scan", Long.toString(batch.scan().id()));
      m.setHeader("Content-Language", messages.language());
      MimeBodyPart text = new MimeBodyPart();
      text.setText(messages.plain(batch), "UTF-8", "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(messages.html(batch), "UTF-8", "html");
      MimeMultipart alternative = new MimeMultipart("alternative", text, html);
      m.setContent(alternative);
      m.saveChanges();
      transport(m);
    } catch (MessagingException e) {
      throw new IOException(describe(e), e);
    }
  }

  @Override
  public void test() throws IOException {
    List<String> to = toCommunes
        ? config.recipients().values().stream().flatMap(List::stream).distinct().toList()
        : config.csirt();
    if (to.isEmpty()) {
      throw new IOException("no fixed address to test (the communes' addresses come from the"
          + " inventory's contact column); add mail.csirt or mail.recipients");
    }
    try {
      MimeMessage m = new MimeMessage(session());
      m.setFrom(new InternetAddress(config.from(), true));
      m.setRecipients(Message.RecipientType.TO, addresses(to));
      m.setSubject(messages.testSubject(), "UTF-8");
      m.setSentDate(new Date());
      m.setHeader("Auto-Submitted", "auto-generated");
      m.setText(messages.testBody(), "UTF-8");
      m.saveChanges();
      transport(m);
    } catch (MessagingException e) {
      throw new IOException(describe(e), e);
    }
  }

  private void transport(MimeMessage m) throws MessagingException {
    if (config.username() != null) {
      Transport.send(m, config.username(), config.password());
    } else {
      Transport.send(m);
    }
  }

  List<String> recipients(Alert.Commune c) {
    if (!toCommunes) {
      return config.csirt();
    }
    Set<String> out = new LinkedHashSet<>(c.contacts());
    if (c.insee() != null) {
      out.addAll(config.recipients().getOrDefault(c.insee(), List.of()));
    }
    out.addAll(config.recipients().getOrDefault(c.key(), List.of()));
    return List.copyOf(out);
  }

  private Session session() {
    Properties p = new Properties();
    p.put("mail.smtp.host", config.host());
    p.put("mail.smtp.port", Integer.toString(config.port()));
    p.put("mail.smtp.connectiontimeout", "15000");
    p.put("mail.smtp.timeout", "30000");
    p.put("mail.smtp.writetimeout", "30000");
    switch (config.security()) {
      case STARTTLS -> {
        p.put("mail.smtp.starttls.enable", "true");
        // Never fall back to clear text when the server does not offer STARTTLS (a stripping
        // attacker would otherwise read the password and the findings).
        p.put("mail.smtp.starttls.required", "true");
      }
      case TLS -> p.put("mail.smtp.ssl.enable", "true");
      case NONE -> {}
    }
    if (config.security() != AlertConfig.Security.NONE) {
      p.put("mail.smtp.ssl.checkserveridentity", "true");
      p.put(
          "mail.smtp.ssl.socketFactory",
          TlsTrust.context(TlsTrust.trustManager(config.trustCa())).getSocketFactory());
    }
    if (config.username() != null) {
      p.put("mail.smtp.auth", "true");
    }
    return Session.getInstance(p);
  }

  private static InternetAddress[] addresses(List<String> to) throws AddressException {
    List<InternetAddress> out = new ArrayList<>();
    for (String a : to) {
      out.add(new InternetAddress(a, true));
    }
    return out.toArray(InternetAddress[]::new);
  }

  /** The SMTP error as one line, with the server's reply when it gave one; never the password. */
  private static String describe(MessagingException e) {
    StringBuilder sb = new StringBuilder();
    Throwable t = e;
    Set<String> seen = new LinkedHashSet<>();
    while (t != null) {
      String m = t.getMessage();
      if (m != null && !m.isBlank() && seen.add(m.strip())) {
        if (!sb.isEmpty()) {
          sb.append(": ");
        }
        sb.append(m.strip().replaceAll("\\s+", " "));
      }
      t = t instanceof MessagingException me && me.getNextException() != null
          ? me.getNextException()
          : t.getCause();
    }
    return sb.isEmpty() ? e.getClass().getSimpleName() : sb.toString();
  }
}

package fr.vigie.observation;

import java.util.List;

/**
 * How vigie looked for an issuer certificate a server did not send.
 *
 * @param issuer the distinguished name of the missing issuer
 * @param source where it looked: {@code aia} (the authority information access URL of the
 *     certificate below), {@code trust-ca} (the intermediates given with {@code --trust-ca}) or
 *     {@code none} (the certificate publishes no caIssuers URL)
 * @param url the caIssuers URL fetched, or null
 * @param outcome {@code found}, {@code not-published}, {@code no-answer} (timeout, connection
 *     failure), {@code failed} (an error answer, not a certificate of that issuer) or {@code
 *     not-asked} (the scan could not fetch)
 * @param detail what went wrong, for the evidence; may be empty
 * @param pem the certificate found (PEM), or null
 */
public record IssuerLookup(
    String issuer, String source, String url, String outcome, String detail, String pem) {

  public static final List<String> INCONCLUSIVE = List.of("no-answer", "not-asked");

  public boolean found() {
    return "found".equals(outcome);
  }
}

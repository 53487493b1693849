package fr.vigie.net;

import fr.vigie.observation.ZoneTransferResult;
import java.net.InetAddress;

/** Zone transfers as discovery asks for them: {@link ZoneTransfer} over TCP, or a test's fake. */
@FunctionalInterface
public interface ZoneTransfers {

  /** Asks {@code server} (its name, for the record) at {@code address} for {@code zone}. */
  ZoneTransferResult transfer(String zone, String server, InetAddress address)
      throws InterruptedException;
}

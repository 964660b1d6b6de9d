package io.sfsbroker.gateway.connection;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One organisation of the network as a client sees it: its MSP id, the peer its clients talk to,
 * the CA that signed that peer's TLS certificate, and the MSP folders of its admin and of an
 * ordinary user.
 *
 * @param org the short organisation name, e.g. {@code broker}
 * @param mspId the MSP id, e.g. {@code BrokerMSP}
 * @param peer the peer's name
 * @param peerAddress host:port of the peer's Gateway service
 * @param tlsCaFile the PEM file of the organisation's TLS CA
 * @param adminMspDir the MSP folder of an admin identity
 * @param userMspDir the MSP folder of an ordinary client identity
 */
public record OrgProfile(
    String org,
    String mspId,
    String peer,
    String peerAddress,
    Path tlsCaFile,
    Path adminMspDir,
    Path userMspDir) {

  /** Checks that every field is present. */
  public OrgProfile {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(peerAddress, "peerAddress");
    Objects.requireNonNull(tlsCaFile, "tlsCaFile");
    Objects.requireNonNull(adminMspDir, "adminMspDir");
    Objects.requireNonNull(userMspDir, "userMspDir");
  }
}

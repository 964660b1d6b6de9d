package io.sfsbroker.chaincode.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * Runs the chaincode as a chaincode server with mutual TLS: the shim's own entry point ({@code
 * ContractRouter}, the jar's main class) reads the server's address, key and certificate from the
 * environment but has no variable for the CAs whose client certificates it should require, so a
 * server started that way accepts any TLS client. This entry point reads the same variables and,
 * when {@value #CLIENT_CA_VARIABLE} names a PEM file of CA certificates, makes the listener require
 * a client certificate issued by one of them. Each peer organisation runs its own server with its
 * own TLS CA there, so only that organisation's peers (and TLS clients) can reach it.
 *
 * <p>Without {@code CHAINCODE_SERVER_ADDRESS} it behaves like {@code ContractRouter}: the chaincode
 * dials the peer as a client.
 */
public final class ChaincodeServerMain {

  /** The environment variable naming the PEM file of CAs whose client certificates are accepted. */
  public static final String CLIENT_CA_VARIABLE = "SFSB_CHAINCODE_CLIENT_CA_FILE";

  private ChaincodeServerMain() {}

  public static void main(final String[] args) throws Exception {
    ContractRouter router = new ContractRouter(args);
    if (!router.isServer()) {
      ContractRouter.main(args);
      return;
    }
    ChaincodeServerProperties properties = router.getChaincodeServerConfig();
    requireClientCertificates(properties, System.getenv(CLIENT_CA_VARIABLE));
    router.startRouterWithChaincodeServer(new NettyChaincodeServer(router, properties));
  }

  /**
   * Makes the server require a client certificate issued by one of the CAs in {@code caFile}; a
   * null or blank {@code caFile} leaves the server as it is (server TLS only).
   *
   * @throws IllegalArgumentException if the server has no TLS or the file cannot be read
   */
  static void requireClientCertificates(
      final ChaincodeServerProperties properties, final String caFile) {
    if (caFile == null || caFile.isBlank()) {
      return;
    }
    if (!properties.isTlsEnabled()) {
      throw new IllegalArgumentException(
          CLIENT_CA_VARIABLE
              + " needs TLS: set CORE_PEER_TLS_ENABLED=true and the server's key and certificate");
    }
    if (!Files.isReadable(Path.of(caFile))) {
      throw new IllegalArgumentException(
          CLIENT_CA_VARIABLE + "=" + caFile + " is not a readable file of PEM CA certificates");
    }
    properties.setTrustCertCollectionFile(caFile);
  }
}

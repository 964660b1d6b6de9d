package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Network;
import org.junit.jupiter.api.Test;

/**
 * Each org endorses with its own code (issue 11 item 1), on the real network: every peer org runs
 * its own chaincode server, its peer holds its own package (read back from the peer) that names
 * that server and trusts only the org's TLS CA, the package ids differ, each server accepts only
 * its own org's TLS clients, and with the tenants' server killed MAJORITY still commits through the
 * other two while an endorsement asked of the tenants fails; once it is back, the tenants endorse
 * again.
 */
class OrgChaincodeServersIT {

  private static final Deadlines SHORT =
      new Deadlines(
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30));

  @Test
  void eachOrgsPeerHoldsItsOwnPackage_namingItsOwnServer_andThePackageIdsDiffer() throws Exception {
    TestNetwork network = TestNetwork.running();
    JsonObject status = network.status();
    JsonObject paths = status.getAsJsonObject("paths");
    List<JsonObject> servers =
        TestNetwork.objects(status.getAsJsonObject("chaincode").getAsJsonArray("servers"));
    assertThat(servers)
        .extracting(s -> s.get("org").getAsString())
        .containsExactlyInAnyOrder("broker", "providers", "tenants");

    Map<String, String> packageIds = new TreeMap<>();
    for (JsonObject server : servers) {
      String org = server.get("org").getAsString();
      String packageId = server.get("packageId").getAsString();
      packageIds.put(org, packageId);
      assertThat(server.get("running").getAsBoolean()).as(org + "'s server runs").isTrue();
      assertThat(server.get("installedOnPeer").getAsBoolean()).isTrue();
      assertThat(server.get("approvedByOrg").getAsBoolean()).isTrue();

      JsonObject orgPaths = orgPaths(paths, org);
      JsonObject connection = installedConnection(paths, orgPaths, packageId);
      assertThat(connection.get("address").getAsString())
          .as(org + "'s installed package names " + org + "'s own server")
          .isEqualTo(server.get("address").getAsString());
      assertThat(connection.get("tls_required").getAsBoolean()).isTrue();
      assertThat(connection.get("client_auth_required").getAsBoolean()).isTrue();
      X509Certificate orgTlsCa = certificate(Files.readString(path(orgPaths, "tlsCaFile")));
      assertThat(certificate(connection.get("root_cert").getAsString()))
          .as(org + "'s package trusts only " + org + "'s TLS CA")
          .isEqualTo(orgTlsCa);
      X509Certificate client = certificate(connection.get("client_cert").getAsString());
      assertThat(client.getIssuerX500Principal()).isEqualTo(orgTlsCa.getSubjectX500Principal());
      client.verify(orgTlsCa.getPublicKey());
    }
    assertThat(new TreeSet<>(packageIds.values())).as("three different package ids").hasSize(3);
    System.out.printf(Locale.ROOT, "[cc] package ids per org: %s%n", packageIds);
  }

  @Test
  void eachServerAcceptsOnlyItsOwnOrgsTlsClients() throws Exception {
    TestNetwork network = TestNetwork.running();
    JsonObject status = network.status();
    JsonObject paths = status.getAsJsonObject("paths");
    for (JsonObject server :
        TestNetwork.objects(status.getAsJsonObject("chaincode").getAsJsonArray("servers"))) {
      String org = server.get("org").getAsString();
      String[] address = server.get("address").getAsString().split(":");
      Path serverCa = path(orgPaths(paths, org), "tlsCaFile");
      for (String clientOrg : List.of("broker", "providers", "tenants")) {
        Path tls = peerTls(orgPaths(paths, clientOrg));
        boolean accepted =
            handshake(
                address[0],
                Integer.parseInt(address[1]),
                serverCa,
                tls.resolve("server.crt"),
                tls.resolve("server.key"));
        assertThat(accepted)
            .as("%s's server and a TLS client of %s", org, clientOrg)
            .isEqualTo(org.equals(clientOrg));
      }
      assertThat(handshake(address[0], Integer.parseInt(address[1]), serverCa, null, null))
          .as("%s's server and a client without a certificate", org)
          .isFalse();
    }
  }

  @Test
  void tenantsServerKilled_majorityStillCommits_andAfterItsRestartTheTenantsEndorseAgain()
      throws Exception {
    TestNetwork network = TestNetwork.running();
    NetworkProfile profile = network.profile();
    try (GatewayConnection connection = GatewayConnection.asUser(profile.org("broker"), SHORT)) {
      Network channel = connection.network(profile.channel());
      ChaincodeClient client = new ChaincodeClient(channel, profile.chaincode());
      String before = "org-cc-before-" + System.nanoTime();
      commitVia(channel, profile.chaincode(), before, "TenantsMSP", "ProvidersMSP");

      network.sfsbroker("network", "stop", "chaincode.tenants", "--kill");
      Instant killed = Instant.now();
      List<String> during = new ArrayList<>();
      try {
        assertThat(serverRunning(network, "chaincode.tenants")).isFalse();
        assertThat(serverRunning(network, "chaincode.broker")).isTrue();
        for (int i = 0; i < 3; i++) {
          String key = "org-cc-down-" + System.nanoTime();
          assertThat(client.submit(TransactionName.PROBE_RECORD, key, "two orgs").result())
              .isEqualTo("two orgs");
          during.add(key);
        }
        System.out.printf(
            Locale.ROOT,
            "[cc] chaincode.tenants down: 3 transactions committed (MAJORITY) in %d ms%n",
            Duration.between(killed, Instant.now()).toMillis());
        String refused = "org-cc-refused-" + System.nanoTime();
        assertThatThrownBy(
                () -> commitVia(channel, profile.chaincode(), refused, "TenantsMSP", "BrokerMSP"))
            .as("an endorsement asked of the tenants while their server is down")
            .isInstanceOf(EndorseException.class);
        assertNotFound(client, refused);
      } finally {
        network.sfsbroker("network", "start", "chaincode.tenants");
      }
      Instant restarted = Instant.now();
      String after = "org-cc-after-" + System.nanoTime();
      commitUntil(channel, profile.chaincode(), after, Duration.ofSeconds(90));
      System.out.printf(
          Locale.ROOT,
          "[cc] chaincode.tenants restarted: the tenants and providers endorsed a transaction %d ms"
              + " after the restart%n",
          Duration.between(restarted, Instant.now()).toMillis());
      try (GatewayConnection tenants =
          GatewayConnection.asUser(profile.org("tenants"), Deadlines.DEFAULT)) {
        ChaincodeClient viaTenants =
            new ChaincodeClient(tenants.network(profile.channel()), profile.chaincode());
        assertThat(viaTenants.evaluate(TransactionName.PROBE_READ, before)).isEqualTo("kept");
        assertThat(viaTenants.evaluate(TransactionName.PROBE_READ, after)).isEqualTo("kept");
        for (String key : during) {
          assertThat(viaTenants.evaluate(TransactionName.PROBE_READ, key)).isEqualTo("two orgs");
        }
      }
    } finally {
      network.sfsbroker("network", "start", "chaincode");
    }
  }

  /** Endorses {@code probe:record} on exactly the named orgs' peers, then submits and commits. */
  private static void commitVia(
      final Network channel, final String chaincode, final String key, final String... orgs)
      throws Exception {
    TransactionName record = TransactionName.PROBE_RECORD;
    var status =
        channel
            .getContract(chaincode, record.contract())
            .newProposal(record.function())
            .addArguments(key, "kept")
            .setEndorsingOrganizations(orgs)
            .build()
            .endorse()
            .submitAsync()
            .getStatus();
    assertThat(status.isSuccessful()).as("commit of " + key).isTrue();
  }

  private static void commitUntil(
      final Network channel, final String chaincode, final String key, final Duration patience) {
    Instant end = Instant.now().plus(patience);
    while (true) {
      try {
        commitVia(channel, chaincode, key, "TenantsMSP", "ProvidersMSP");
        return;
      } catch (Exception e) {
        if (Instant.now().isAfter(end)) {
          throw new AssertionError("the tenants did not endorse " + patience + " after", e);
        }
        sleep(1000);
      }
    }
  }

  private static void assertNotFound(final ChaincodeClient client, final String key) {
    try {
      client.evaluate(TransactionName.PROBE_READ, key);
      throw new AssertionError(key + " committed although its endorsement failed");
    } catch (LedgerException e) {
      assertThat(e.stage()).isEqualTo(Stage.EVALUATE);
      assertThat(e.code()).isEqualTo("NOT_FOUND");
    }
  }

  private static boolean serverRunning(final TestNetwork network, final String name) {
    return TestNetwork.objects(
            network.status().getAsJsonObject("chaincode").getAsJsonArray("servers"))
        .stream()
        .filter(s -> s.get("name").getAsString().equals(name))
        .findFirst()
        .orElseThrow()
        .get("running")
        .getAsBoolean();
  }

  /**
   * The connection.json of the package installed on the org's peer, as the peer hands it out
   * ({@code peer lifecycle chaincode getinstalledpackage} as the org's admin).
   */
  private static JsonObject installedConnection(
      final JsonObject paths, final JsonObject org, final String packageId)
      throws IOException, InterruptedException {
    Path out = Files.createTempDirectory("installed-" + org.get("org").getAsString());
    run(
        Map.of(
            "FABRIC_CFG_PATH", paths.get("fabricCfgPath").getAsString(),
            "CORE_PEER_LOCALMSPID", org.get("mspId").getAsString(),
            "CORE_PEER_MSPCONFIGPATH", org.get("adminMspDir").getAsString(),
            "CORE_PEER_ADDRESS", org.get("peerAddress").getAsString(),
            "CORE_PEER_TLS_ENABLED", "true",
            "CORE_PEER_TLS_ROOTCERT_FILE", org.get("tlsCaFile").getAsString()),
        out,
        Path.of(paths.get("fabricBin").getAsString(), "peer").toString(),
        "lifecycle",
        "chaincode",
        "getinstalledpackage",
        "--package-id",
        packageId,
        "--output-directory",
        out.toString());
    Path tar = out.resolve(packageId + ".tar.gz");
    assertThat(tar).exists();
    run(Map.of(), out, "tar", "-xzf", tar.toString());
    run(Map.of(), out, "tar", "-xzf", "code.tar.gz");
    JsonObject metadata = Json.parseObject(Files.readString(out.resolve("metadata.json")));
    assertThat(metadata.get("type").getAsString()).isEqualTo("ccaas");
    return Json.parseObject(Files.readString(out.resolve("connection.json")));
  }

  private static void run(final Map<String, String> env, final Path dir, final String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + output);
    }
  }

  /**
   * Whether a TLS 1.2 handshake with the server succeeds: the server's certificate must chain to
   * {@code serverCa}; the client presents the given certificate, or none. TLS 1.2 makes a server's
   * refusal of the client certificate part of the handshake. The caller also shows a handshake that
   * succeeds, so a refusal is not a server that is down.
   */
  private static boolean handshake(
      final String host, final int port, final Path serverCa, final Path cert, final Path key)
      throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", certificate(Files.readString(serverCa)));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (cert != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "client",
          privateKey(Files.readString(key)),
          new char[0],
          new java.security.cert.Certificate[] {certificate(Files.readString(cert))});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext context = SSLContext.getInstance("TLSv1.2");
    context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port)) {
      socket.setSoTimeout(5000);
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      var parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"});
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return true;
    } catch (IOException e) {
      // The server refused the client certificate: a handshake alert, or the connection closed.
      return false;
    }
  }

  private static X509Certificate certificate(final String pem) throws Exception {
    try (InputStream in = new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey privateKey(final String pem) throws Exception {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static JsonObject orgPaths(final JsonObject paths, final String org) {
    return TestNetwork.objects(paths.getAsJsonArray("orgs")).stream()
        .filter(o -> o.get("org").getAsString().equals(org))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no org " + org + " in the status paths"));
  }

  /** The TLS folder of the org's peer, beside its admin's MSP folder in cryptogen's layout. */
  private static Path peerTls(final JsonObject org) {
    Path orgDir = path(org, "adminMspDir").getParent().getParent().getParent();
    String domain = orgDir.getFileName().toString();
    String peer = org.get("peer").getAsString().split("\\.")[0];
    return orgDir.resolve("peers").resolve(peer + "." + domain).resolve("tls");
  }

  private static Path path(final JsonObject object, final String member) {
    return Path.of(object.get(member).getAsString());
  }

  private static void sleep(final long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

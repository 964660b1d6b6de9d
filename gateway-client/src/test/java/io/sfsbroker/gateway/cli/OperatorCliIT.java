package io.sfsbroker.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.cli.FakeChaincode.Run;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.EnvelopeSigner;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.keys.Pem;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator CLI against the running network: registers a fog node and an RP, funds the fog node,
 * follows the registration event, and reads back a slice that the fog node bought (its request,
 * offer, award, escrow and bundle tokens), all through the same entry point {@code ./sfsbroker cli}
 * runs.
 */
class OperatorCliIT {

  private static Path networkFile() {
    String property = System.getProperty("sfsbroker.network");
    Path file =
        property != null && !property.isBlank()
            ? Path.of(property)
            : Path.of("..", ".runtime", "network.json").toAbsolutePath().normalize();
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "no running network: "
              + file
              + " is missing. Run the integration tests with ./sfsbroker test, or start the"
              + " network with ./sfsbroker network up first.");
    }
    return file;
  }

  private final Path network = networkFile();
  private final NetworkProfile profile = NetworkProfile.load(network);

  private Run cli(final String... args) {
    List<String> all = new ArrayList<>(List.of("--network", network.toString()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SfsbCli.run(
            GatewayChaincode::open,
            new PrintWriter(out),
            new PrintWriter(err),
            all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private JsonObject json(final String... args) {
    Run run = cli(args);
    assertThat(run.exitCode()).as("%s failed: %s", List.of(args), run.err()).isZero();
    return Json.parseObject(run.out());
  }

  private static Path keyFile(final Path dir, final String name, final KeyPair keys)
      throws Exception {
    Path file = dir.resolve(name + ".pem");
    Files.writeString(file, Pem.encodePublicKey((ECPublicKey) keys.getPublic()));
    return file;
  }

  private static String sign(
      final String signer, final KeyPair keys, final MessageType type, final Object body) {
    return new EnvelopeSigner(signer, (ECPrivateKey) keys.getPrivate(), Clock.systemUTC())
        .sign(type, body);
  }

  @Test
  void operator_registersFundsAndFollows_thenReadsBackASliceItsFogNodeBought(
      @TempDir final Path dir) throws Exception {
    String suffix = Long.toString(System.nanoTime());
    String fog = "fog-cli-" + suffix;
    String rp = "rp-cli-" + suffix;
    KeyPair fogKeys = P256.generateKeyPair();
    KeyPair rpKeys = P256.generateKeyPair();

    // Registration by each organisation's admin, as JSON: transaction, block and participant.
    JsonObject registered =
        json(
            "--org",
            "tenants",
            "participant",
            "register",
            "--id",
            fog,
            "--role",
            "fog-node",
            "--cert",
            keyFile(dir, fog, fogKeys).toString(),
            "--json");
    assertThat(registered.getAsJsonObject("result").get("org").getAsString())
        .isEqualTo(profile.org("tenants").mspId());
    long registrationBlock = registered.get("block").getAsLong();
    json(
        "--org",
        "providers",
        "participant",
        "register",
        "--id",
        rp,
        "--role",
        "RESOURCE_PROVIDER",
        "--cert",
        keyFile(dir, rp, rpKeys).toString(),
        "--json");

    assertThat(json("participant", "show", fog, "--json").get("role").getAsString())
        .isEqualTo("FOG_NODE");
    assertThat(listedParticipants("FOG_NODE")).contains(fog);
    assertThat(cli("participant", "list", "--role", "FOG_NODE").out())
        .startsWith("ID ")
        .contains("ROLE");

    JsonObject event =
        json(
            "events",
            "follow",
            "--from-block",
            Long.toString(registrationBlock),
            "--name",
            "ParticipantRegistered",
            "--count",
            "1",
            "--json");
    assertThat(event.get("event").getAsString()).isEqualTo("ParticipantRegistered");
    assertThat(event.get("block").getAsLong()).isEqualTo(registrationBlock);
    assertThat(event.getAsJsonObject("payload").get("id").getAsString()).isEqualTo(fog);

    // Credits: the broker's org is the treasury (set here on a fresh network through governance:
    // the broker's admin proposes, the providers' admin approves, anyone applies), mints to the
    // fog.
    if (cli("credits", "treasury").exitCode() != 0) {
      String treasury = "{\"treasuryOrgs\":[\"" + profile.org("broker").mspId() + "\"]}";
      String id =
          json("governance", "propose", "treasury", treasury, "--json")
              .getAsJsonObject("result")
              .get("id")
              .getAsString();
      assertThat(cli("governance", "apply", id).exitCode()).isEqualTo(1);
      json("governance", "approve", id, "--org", "providers", "--json");
      JsonObject applied =
          json("governance", "apply", id, "--org", "tenants", "--identity", "user", "--json");
      assertThat(applied.getAsJsonObject("result").get("state").getAsString()).isEqualTo("APPLIED");
      assertThat(cli("governance", "history", "treasury").out()).contains(id);
    }
    JsonObject minted = json("credits", "mint", fog, "100000", "--json");
    assertThat(minted.getAsJsonObject("result").get("balance").getAsLong()).isEqualTo(100_000);
    assertThat(json("credits", "balance", fog, "--json").get("balance").getAsLong())
        .isEqualTo(100_000);
    assertThat(cli("credits", "balance", "device:" + fog).out())
        .isEqualTo("device:" + fog + " holds 100000\n");
    assertThat(json("nft", "list", "--owner", fog, "--json").getAsJsonArray("items")).isEmpty();

    // A slice bought the way the bridge submits it: request, one offer, close after the window.
    String sliceId = buySlice(fog, fogKeys, rp, rpKeys);

    assertThat(json("request", "show", sliceId, "--json").get("tenantId").getAsString())
        .isEqualTo(fog);
    JsonObject offers = json("offer", "list", "--slice", sliceId, "--json");
    assertThat(offers.getAsJsonArray("items")).hasSize(1);
    assertThat(cli("offer", "show", sliceId, rp).out()).contains(rp + "  cpu-millicores  12");

    JsonObject shown = json("slice", "show", sliceId, "--json");
    JsonObject slice = shown.getAsJsonObject("slice");
    assertThat(slice.get("state").getAsString()).isEqualTo("AWARDED");
    assertThat(slice.getAsJsonArray("winners")).hasSize(1);
    assertThat(shown.getAsJsonObject("escrow").get("state").getAsString()).isEqualTo("LOCKED");
    assertThat(shown.getAsJsonArray("history")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(cli("slice", "show", sliceId).out())
        .contains("state           AWARDED")
        .contains("cpu-millicores  " + rp + "  500     12          6000")
        .contains("state   LOCKED");
    assertThat(sliceIds(json("slice", "list", "--state", "awarded", "--json"))).contains(sliceId);

    JsonObject escrow = json("escrow", "show", sliceId, "--json");
    assertThat(escrow.get("amount").getAsLong()).isEqualTo(6000);
    assertThat(json("credits", "balance", fog, "--json").get("balance").getAsLong())
        .isEqualTo(100_000 - 6000);

    JsonObject tokens = json("nft", "list", "--owner", fog, "--json");
    assertThat(tokens.getAsJsonArray("items")).hasSize(1);
    String tokenId = "bundle:" + sliceId + ":cpu-millicores";
    JsonObject token = json("nft", "show", tokenId, "--json");
    assertThat(token.get("owner").getAsString()).isEqualTo("device:" + fog);
    assertThat(token.getAsJsonObject("metadata").get("rpId").getAsString()).isEqualTo(rp);
  }

  @Test
  void refusedCommand_exitsWithOne_andPrintsTheChaincodeCodeWithoutAStackTrace() {
    Run missing = cli("slice", "show", "s-000000000000000000000000");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).startsWith("error: NOT_FOUND: ").doesNotContain("\tat ");

    Run forbidden = cli("--org", "providers", "credits", "mint", "fog-nobody", "5");
    assertThat(forbidden.exitCode()).isEqualTo(1);
    assertThat(forbidden.err()).startsWith("error: FORBIDDEN: ").doesNotContain("\tat ");

    Run usage = cli("credits", "mint", "fog-nobody");
    assertThat(usage.exitCode()).isEqualTo(2);
  }

  private List<String> listedParticipants(final String role) {
    List<String> ids = new ArrayList<>();
    // A first page of one, so that the bookmark makes a round trip through the command line.
    String bookmark = "";
    do {
      JsonObject page =
          bookmark.isEmpty()
              ? json("participant", "list", "--role", role, "--page-size", "1", "--json")
              : json("participant", "list", "--role", role, "--bookmark", bookmark, "--json");
      for (JsonElement item : page.getAsJsonArray("items")) {
        ids.add(item.getAsJsonObject().get("id").getAsString());
      }
      bookmark = page.get("bookmark").getAsString();
    } while (!bookmark.isEmpty());
    return ids;
  }

  private static List<String> sliceIds(final JsonObject page) {
    List<String> ids = new ArrayList<>();
    for (JsonElement item : page.getAsJsonArray("items")) {
      ids.add(item.getAsJsonObject().get("id").getAsString());
    }
    return ids;
  }

  /** Requests 500 cpu-millicores for {@code fog}, offers them from {@code rp}, closes: awarded. */
  private String buySlice(
      final String fog, final KeyPair fogKeys, final String rp, final KeyPair rpKeys)
      throws InterruptedException {
    try (GatewayChaincode bridge = GatewayChaincode.open(network, "broker", ClientIdentity.USER)) {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put(
          "categories",
          List.of(Map.of("category", "cpu-millicores", "amount", 500, "maxUnitPrice", 20)));
      request.put("offerWindowSeconds", 5);
      request.put("strategy", "LOWEST_OFFER");
      JsonObject blueprint =
          Json.parseObject(
              bridge
                  .submit(
                      TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
                      sign(fog, fogKeys, MessageType.SLICE_REQUEST, request))
                  .result());
      String id = blueprint.get("id").getAsString();
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("category", "cpu-millicores");
      line.put("unitPrice", 12);
      line.put("available", 600);
      line.put("reservePrice", 5);
      bridge.submit(
          TransactionName.OFFER_SUBMIT_OFFER,
          sign(
              rp,
              rpKeys,
              MessageType.OFFER,
              Map.of("blueprintId", id, "categories", List.of(line))));
      long wait =
          Instant.parse(blueprint.get("offerDeadline").getAsString()).plusSeconds(2).toEpochMilli()
              - System.currentTimeMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
      bridge.submit(TransactionName.SELECTION_CLOSE_AND_SELECT, id);
      return id;
    }
  }
}

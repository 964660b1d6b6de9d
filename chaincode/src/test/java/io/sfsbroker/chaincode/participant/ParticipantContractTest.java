package io.sfsbroker.chaincode.participant;

import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.keys.Pem;
import io.sfsbroker.protocol.participant.Participant;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.protocol.participant.ParticipantStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantContractTest {

  private static final TestIdentity ORG1_ADMIN = TestIdentity.admin("Org1MSP");
  private static final TestIdentity ORG2_ADMIN = TestIdentity.admin("Org2MSP");
  private static final TestIdentity ORG1_CLIENT = TestIdentity.client("Org1MSP");

  private final InMemoryLedger ledger = new InMemoryLedger();
  private final ParticipantContract contract = new ParticipantContract();
  private final TestDevice fog = TestDevice.create("fog-7", ledger);

  @Test
  void register_byAdminOfItsOrg_storesParticipantAndEmitsEvent() {
    String json = register(ORG1_ADMIN, fog.registration("FOG_NODE"));

    Participant participant = Json.fromJson(json, Participant.class);
    assertThat(participant)
        .isEqualTo(
            new Participant(
                "fog-7",
                ParticipantRole.FOG_NODE,
                "Org1MSP",
                fog.publicKeyPem(),
                ParticipantStatus.ACTIVE,
                InMemoryLedger.START,
                null));
    assertThat(ledger.get(key("participant", "fog-7"))).contains(json);
    assertThat(ledger.get(key("participant-role", "FOG_NODE", "fog-7"))).isPresent();
    assertThat(ledger.events())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.name()).isEqualTo(EventName.PARTICIPANT_REGISTERED.wireName());
              assertThat(event.payload()).isEqualTo(json);
            });
  }

  @Test
  void register_withCertificate_storesItsPublicKey() {
    String certificate = resource("/keys/fog-cert.pem");
    JsonObject registration = new JsonObject();
    registration.addProperty("id", "rp-1");
    registration.addProperty("role", "RESOURCE_PROVIDER");
    registration.addProperty("org", "Org1MSP");
    registration.addProperty("publicKey", certificate);

    Participant participant =
        Json.fromJson(register(ORG1_ADMIN, registration.toString()), Participant.class);

    assertThat(participant.publicKeyPem())
        .isEqualTo(Pem.encodePublicKey(Pem.parsePublicKey(certificate)))
        .startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void register_byClientOfTheOrg_isForbidden() {
    assertRejected(
        ledger, ErrorCode.FORBIDDEN, () -> register(ORG1_CLIENT, fog.registration("FOG_NODE")));
  }

  @Test
  void register_byAdminOfOtherOrg_isForbidden() {
    String registration = withMember(fog.registration("FOG_NODE"), "org", "Org1MSP");

    assertRejected(ledger, ErrorCode.FORBIDDEN, () -> register(ORG2_ADMIN, registration));
  }

  @Test
  void register_duplicateId_isConflict() {
    register(ORG1_ADMIN, fog.registration("FOG_NODE"));
    TestDevice sameId = TestDevice.create("fog-7", ledger);

    assertRejected(
        ledger, ErrorCode.CONFLICT, () -> register(ORG1_ADMIN, sameId.registration("FOG_NODE")));
  }

  @Test
  void register_revokedId_isStillConflict() {
    register(ORG1_ADMIN, fog.registration("FOG_NODE"));
    revoke(ORG1_ADMIN, "fog-7");

    assertRejected(
        ledger, ErrorCode.CONFLICT, () -> register(ORG1_ADMIN, fog.registration("FOG_NODE")));
  }

  @Test
  void register_p384Key_isInvalidArgument() {
    String registration =
        withMember(fog.registration("FOG_NODE"), "publicKey", resource("/keys/p384-cert.pem"));

    assertThat(
            assertRejected(
                    ledger, ErrorCode.INVALID_ARGUMENT, () -> register(ORG1_ADMIN, registration))
                .getMessage())
        .contains("P-256");
  }

  @Test
  void register_invalidFields_areInvalidArgument() {
    List<String> registrations =
        List.of(
            withMember(fog.registration("FOG_NODE"), "publicKey", "not a key"),
            withMember(fog.registration("FOG_NODE"), "id", "fog 7"),
            withMember(fog.registration("FOG_NODE"), "id", ""),
            withMember(fog.registration("FOG_NODE"), "id", "x".repeat(65)),
            withMember(fog.registration("FOG_NODE"), "role", "KING"),
            "{\"id\":\"fog-7\",\"publicKey\":" + Json.toJson(fog.publicKeyPem()) + "}");

    for (String registration : registrations) {
      assertRejected(ledger, ErrorCode.INVALID_ARGUMENT, () -> register(ORG1_ADMIN, registration));
    }
  }

  @Test
  void register_notJson_isMalformed() {
    for (String registration : new String[] {"", "fog-7", "[1]", "{\"id\":\"a\",\"id\":\"b\"}"}) {
      assertRejected(ledger, ErrorCode.MALFORMED, () -> register(ORG1_ADMIN, registration));
    }
  }

  @Test
  void revoke_byAdminOfItsOrg_marksRevokedAndEmitsEvent() {
    register(ORG1_ADMIN, fog.registration("FOG_NODE"));
    ledger.advance(Duration.ofMinutes(5));

    Participant revoked = Json.fromJson(revoke(ORG1_ADMIN, "fog-7"), Participant.class);

    assertThat(revoked.status()).isEqualTo(ParticipantStatus.REVOKED);
    assertThat(revoked.revokedAt()).isEqualTo(InMemoryLedger.START.plus(Duration.ofMinutes(5)));
    assertThat(get("fog-7")).isEqualTo(revoked);
    assertThat(ledger.events())
        .last()
        .satisfies(
            event -> assertThat(event.name()).isEqualTo(EventName.PARTICIPANT_REVOKED.wireName()));
  }

  @Test
  void revoke_byAdminOfOtherOrg_isForbidden() {
    register(ORG1_ADMIN, fog.registration("FOG_NODE"));

    assertRejected(ledger, ErrorCode.FORBIDDEN, () -> revoke(ORG2_ADMIN, "fog-7"));
  }

  @Test
  void revoke_byClient_isForbidden() {
    register(ORG1_ADMIN, fog.registration("FOG_NODE"));

    assertRejected(ledger, ErrorCode.FORBIDDEN, () -> revoke(ORG1_CLIENT, "fog-7"));
  }

  @Test
  void revoke_twice_isInvalidState() {
    register(ORG1_ADMIN, fog.registration("FOG_NODE"));
    revoke(ORG1_ADMIN, "fog-7");

    assertRejected(ledger, ErrorCode.INVALID_STATE, () -> revoke(ORG1_ADMIN, "fog-7"));
  }

  @Test
  void revoke_unknown_isNotFound() {
    assertRejected(ledger, ErrorCode.NOT_FOUND, () -> revoke(ORG1_ADMIN, "fog-8"));
  }

  @Test
  void revoke_invalidId_isInvalidArgument() {
    assertRejected(ledger, ErrorCode.INVALID_ARGUMENT, () -> revoke(ORG1_ADMIN, "fog\u00007"));
  }

  @Test
  void get_unknown_isNotFound() {
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.evaluate(ORG1_CLIENT, ctx -> contract.get(ctx, "fog-8")));
  }

  @Test
  void get_byAnyMember_returnsTheParticipant() {
    register(ORG1_ADMIN, fog.registration("FOG_NODE"));

    assertThat(
            Json.fromJson(
                    ledger.evaluate(
                        TestIdentity.client("Org3MSP"), ctx -> contract.get(ctx, "fog-7")),
                    Participant.class)
                .id())
        .isEqualTo("fog-7");
  }

  @Test
  void list_pagesThroughAllParticipantsInIdOrder() {
    for (String id : List.of("rp-2", "fog-1", "rp-1", "fog-3", "fog-2")) {
      register(
          ORG1_ADMIN,
          TestDevice.create(id, ledger)
              .registration(id.startsWith("rp") ? "RESOURCE_PROVIDER" : "FOG_NODE"));
    }

    List<String> ids = listAll("{\"pageSize\":2", 3);

    assertThat(ids).containsExactly("fog-1", "fog-2", "fog-3", "rp-1", "rp-2");
  }

  @Test
  void list_byRole_returnsOnlyThatRole() {
    for (String id : List.of("rp-2", "fog-1", "rp-1", "fog-3", "fog-2")) {
      register(
          ORG1_ADMIN,
          TestDevice.create(id, ledger)
              .registration(id.startsWith("rp") ? "RESOURCE_PROVIDER" : "FOG_NODE"));
    }

    List<String> ids = listAll("{\"role\":\"RESOURCE_PROVIDER\",\"pageSize\":1", 2);

    assertThat(ids).containsExactly("rp-1", "rp-2");
  }

  @Test
  void list_emptyQuery_returnsFirstPageWithDefaults() {
    register(ORG1_ADMIN, fog.registration("FOG_NODE"));

    String json = ledger.evaluate(ORG1_CLIENT, ctx -> contract.list(ctx, "{}"));

    assertThat(Json.parseObject(json).getAsJsonArray("items")).hasSize(1);
    assertThat(Json.parseObject(json).get("bookmark").getAsString()).isEmpty();
  }

  @Test
  void list_badPageSizeOrBookmark_isInvalidArgument() {
    for (String query :
        new String[] {
          "{\"pageSize\":0}",
          "{\"pageSize\":201}",
          "{\"bookmark\":\"elsewhere\"}",
          "{\"role\":\"KING\"}"
        }) {
      assertRejected(
          ledger,
          ErrorCode.INVALID_ARGUMENT,
          () -> ledger.evaluate(ORG1_CLIENT, ctx -> contract.list(ctx, query)));
    }
  }

  private List<String> listAll(final String queryStart, final int expectedPages) {
    List<String> ids = new ArrayList<>();
    String bookmark = "";
    int pages = 0;
    do {
      String query = queryStart + ",\"bookmark\":" + Json.toJson(bookmark) + "}";
      JsonObject page =
          Json.parseObject(ledger.evaluate(ORG1_CLIENT, ctx -> contract.list(ctx, query)));
      page.getAsJsonArray("items")
          .forEach(item -> ids.add(item.getAsJsonObject().get("id").getAsString()));
      bookmark = page.get("bookmark").getAsString();
      pages++;
    } while (!bookmark.isEmpty());
    assertThat(pages).isEqualTo(expectedPages);
    return ids;
  }

  private String register(final TestIdentity caller, final String registration) {
    return ledger.submit(caller, ctx -> contract.register(ctx, registration));
  }

  private String revoke(final TestIdentity caller, final String id) {
    return ledger.submit(caller, ctx -> contract.revoke(ctx, id));
  }

  private Participant get(final String id) {
    return Json.fromJson(
        ledger.evaluate(ORG1_CLIENT, ctx -> contract.get(ctx, id)), Participant.class);
  }

  private String key(final String type, final String... attributes) {
    return ledger.newTransaction(ORG1_CLIENT).createCompositeKey(type, attributes).toString();
  }

  private static String withMember(final String json, final String name, final String value) {
    JsonObject object = Json.parseObject(json);
    object.addProperty(name, value);
    return Json.toJson(object);
  }

  private static String resource(final String name) {
    try (InputStream in = ParticipantContractTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

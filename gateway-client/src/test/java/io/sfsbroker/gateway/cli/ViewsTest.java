package io.sfsbroker.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import org.junit.jupiter.api.Test;

/** The human output of each entity, from JSON shaped as the chaincode returns it. */
class ViewsTest {

  private static JsonObject object(final String json) {
    return Json.parseObject(json);
  }

  private static JsonArray array(final String json) {
    return Json.parse(json).getAsJsonArray();
  }

  @Test
  void participantTable_listsOneLinePerParticipant_andTellsHowToGetTheNextPage() {
    String text =
        ParticipantCommands.table(
            object(
                """
                {"items":[
                  {"id":"fog-1","role":"FOG_NODE","org":"TenantsMSP","status":"ACTIVE",
                   "registeredAt":"2025-01-01T00:00:00Z"},
                  {"id":"rp-10","role":"RESOURCE_PROVIDER","org":"ProvidersMSP",
                   "status":"REVOKED","registeredAt":"2025-01-02T00:00:00Z",
                   "revokedAt":"2025-01-03T00:00:00Z"}],
                 "bookmark":"g1AAAA"}
                """));

    assertThat(text)
        .isEqualTo(
            """
            ID     ROLE               ORG           STATUS   REGISTERED
            fog-1  FOG_NODE           TenantsMSP    ACTIVE   2025-01-01T00:00:00Z
            rp-10  RESOURCE_PROVIDER  ProvidersMSP  REVOKED  2025-01-02T00:00:00Z
            more: --bookmark g1AAAA
            """);
  }

  @Test
  void emptyLastPage_saysSo_withoutABookmarkLine() {
    assertThat(ParticipantCommands.table(object("{\"items\":[],\"bookmark\":\"\"}")))
        .isEqualTo("no participants\n");
    assertThat(NftCommands.table(object("{\"items\":[],\"bookmark\":\"\"}")))
        .isEqualTo("no tokens\n");
  }

  @Test
  void participantDescribe_showsTheAccountAndTheKey_andTheRevocationWhenRevoked() {
    String text =
        ParticipantCommands.describe(
            object(
                """
                {"id":"rp-10","role":"RESOURCE_PROVIDER","org":"ProvidersMSP",
                 "publicKeyPem":"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\\n",
                 "status":"REVOKED","registeredAt":"2025-01-02T00:00:00Z",
                 "revokedAt":"2025-01-03T00:00:00Z"}
                """));

    assertThat(text)
        .isEqualTo(
            """
            id          rp-10
            role        RESOURCE_PROVIDER
            org         ProvidersMSP
            status      REVOKED
            account     device:rp-10
            registered  2025-01-02T00:00:00Z
            revoked     2025-01-03T00:00:00Z
            -----BEGIN PUBLIC KEY-----
            AAAA
            -----END PUBLIC KEY-----
            """);
  }

  @Test
  void sliceDescribe_showsWinnersEndpointsConfirmationsPaymentsAndHistory() {
    JsonObject slice =
        object(
            """
            {"id":"s-1","tenantId":"fog-1","tenantOrg":"TenantsMSP","state":"IN_SERVICE",
             "createdAt":"2025-01-01T00:00:00Z","offerDeadline":"2025-01-01T00:00:05Z",
             "validitySeconds":3600,
             "winners":[{"category":"cpu-millicores","rpId":"rp-b","unitPrice":12,"amount":500,
                         "price":6000}],
             "totalPrice":6000,"federated":false,"activatedAt":"2025-01-01T00:00:20Z",
             "validUntil":"2025-01-01T01:00:20Z",
             "endpoints":[{"category":"cpu-millicores","rpId":"rp-b","host":"10.0.0.7",
                           "ports":[8080,8443],"instanceId":"sfsb-cpu"}],
             "reason":"service confirmed","updatedAt":"2025-01-01T00:00:30Z"}
            """);
    JsonArray history =
        array(
            """
            [{"sliceId":"s-1","event":"BlueprintPublished","to":"OFFERING",
              "at":"2025-01-01T00:00:00Z","txId":"t1","actor":"fog-1","detail":"opened"},
             {"sliceId":"s-1","event":"SliceInService","from":"ACTIVE","to":"IN_SERVICE",
              "at":"2025-01-01T00:00:30Z","txId":"t4","actor":"fog-1","detail":"confirmed"}]
            """);
    JsonArray parts =
        array(
            """
            [{"sliceId":"s-1","rpId":"rp-b","endpoints":[{"category":"cpu-millicores",
              "rpId":"rp-b","host":"10.0.0.7","ports":[8080],"instanceId":"sfsb-cpu"}],
              "confirmedAt":"2025-01-01T00:00:20Z","txId":"t3","waitingFor":[]}]
            """);
    JsonObject escrow =
        object(
            """
            {"id":"s-1","payer":"device:fog-1","amount":6000,
             "payees":[{"account":"device:rp-b","amount":6000}],"state":"RELEASED",
             "lockedAt":"2025-01-01T00:00:06Z","settledAt":"2025-01-01T00:00:30Z",
             "settledTx":"t4","reason":"service confirmed"}
            """);

    String text = SliceCommands.describe(slice, history, parts, escrow);

    assertThat(text)
        .contains("slice           s-1\nstate           IN_SERVICE\n")
        .contains("tenant          fog-1 (TenantsMSP)\n")
        .contains("confirm by      -\n")
        .contains(
            """
            winners
            CATEGORY        RP    AMOUNT  UNIT PRICE  PRICE
            cpu-millicores  rp-b  500     12          6000
            """)
        .contains(
            """
            endpoints
            CATEGORY        RP    HOST      PORTS       INSTANCE
            cpu-millicores  rp-b  10.0.0.7  8080, 8443  sfsb-cpu
            """)
        .contains(
            """
            instantiation confirmations
            RP    CATEGORIES      CONFIRMED             TRANSACTION
            rp-b  cpu-millicores  2025-01-01T00:00:20Z  t3
            """)
        .contains(
            """
            payments
            escrow      s-1
            state       RELEASED
            payer       device:fog-1
            amount      6000
            """)
        .contains("PAYEE        AMOUNT\ndevice:rp-b  6000\n")
        .contains(
            """
            history
            AT                    EVENT               FROM    TO          ACTOR  DETAIL
            2025-01-01T00:00:00Z  BlueprintPublished  -       OFFERING    fog-1  opened
            2025-01-01T00:00:30Z  SliceInService      ACTIVE  IN_SERVICE  fog-1  confirmed
            """);
  }

  @Test
  void sliceDescribe_beforeTheAward_saysWhatIsNotThereYet() {
    String text =
        SliceCommands.describe(
            object("{\"id\":\"s-1\",\"state\":\"OFFERING\",\"winners\":[],\"endpoints\":[]}"),
            new JsonArray(),
            new JsonArray(),
            null);

    assertThat(text)
        .contains("winners\nnone yet\n")
        .contains("endpoints\nnone yet\n")
        .contains("instantiation confirmations\nnone\n")
        .contains("payments\nno escrow\n")
        .endsWith("history\nnone\n");
  }

  @Test
  void escrowDescribe_whileLocked_leavesTheSettlementOut() {
    String text =
        EscrowCommands.describe(
            object(
                """
                {"id":"s-1","payer":"device:fog-1","amount":7024,
                 "payees":[{"account":"device:rp-a","amount":1024},
                           {"account":"device:rp-b","amount":6000}],
                 "state":"LOCKED","lockedAt":"2025-01-01T00:00:06Z"}
                """));

    assertThat(text)
        .isEqualTo(
            """
            escrow  s-1
            state   LOCKED
            payer   device:fog-1
            amount  7024
            locked  2025-01-01T00:00:06Z
            PAYEE        AMOUNT
            device:rp-a  1024
            device:rp-b  6000
            """);
  }

  @Test
  void nftDescribe_listsTheMetadataAfterTheFields() {
    String text =
        NftCommands.describe(
            object(
                """
                {"id":"bundle:s-1:cpu-millicores","kind":"BUNDLE","owner":"device:fog-1",
                 "metadata":{"amount":"500","category":"cpu-millicores","rpId":"rp-b"},
                 "mintedAt":"2025-01-01T00:00:06Z","mintedTx":"t2"}
                """));

    assertThat(text)
        .isEqualTo(
            """
            token      bundle:s-1:cpu-millicores
            kind       BUNDLE
            owner      device:fog-1
            approved   -
            minted     2025-01-01T00:00:06Z
            minted by  t2
            amount     500
            category   cpu-millicores
            rpId       rp-b
            """);
  }

  @Test
  void offerTable_listsOneLinePerRpAndCategory() {
    String text =
        OfferCommands.table(
            object(
                """
                {"items":[{"blueprintId":"s-1","rpId":"rp-a","categories":[
                  {"category":"cpu-millicores","unitPrice":18,"available":800,"reservePrice":8},
                  {"category":"memory-mib","unitPrice":4,"available":1024,"reservePrice":1}],
                  "submittedAt":"2025-01-01T00:00:02Z","nonce":"n","txId":"t"}],"bookmark":""}
                """));

    assertThat(text)
        .isEqualTo(
            """
            RP    CATEGORY        UNIT PRICE  AVAILABLE  RESERVE  SUBMITTED
            rp-a  cpu-millicores  18          800        8        2025-01-01T00:00:02Z
            rp-a  memory-mib      4           1024       1        2025-01-01T00:00:02Z
            """);
  }

  @Test
  void requestDescribe_showsTheQoeNeedsAndOneLinePerCategory() {
    String text =
        RequestCommands.describe(
            object(
                """
                {"id":"s-1","tenantId":"fog-1","serviceClass":"ar-vr",
                 "categories":[{"category":"bandwidth-mbps","amount":1000,"maxUnitPrice":500,
                                "budget":500000}],
                 "qoe":{"maxLatencyMicros":1500},"strategy":"STACKELBERG",
                 "openedAt":"2025-01-01T00:00:00Z","offerDeadline":"2025-01-01T00:00:30Z",
                 "validitySeconds":3600}
                """));

    assertThat(text)
        .contains("service class         ar-vr\n")
        .contains("budget                -\n")
        .contains("validity              3600 s\n")
        .contains("qoe maxLatencyMicros  1500\n")
        .endsWith(
            """
            CATEGORY        AMOUNT  MAX UNIT PRICE
            bandwidth-mbps  1000    500
            """);
  }

  @Test
  void auctionDescribe_namesPlanetsAndGroups_andTheAllocationOnceSettled() {
    JsonObject view =
        object(
            """
            {"auction":{"id":"a-1","period":"2025-W01","type":"TYPE_1","roundSeconds":60,
              "instance":{"planets":[{"id":"planet-1"},{"id":"planet-2"}],
                          "groups":[{"id":"group-1"}]},
              "parameters":{"gamma":0.9,"epsilon":1.0,"maxRounds":5000,"maxPlanetChanges":5},
              "openedAt":"2025-01-01T00:00:00Z","openedBy":"BrokerMSP","txId":"t"},
             "progress":{"auctionId":"a-1","status":"SETTLED","round":3,
                         "updatedAt":"2025-01-01T00:03:00Z"},
             "allocation":{"auctionId":"a-1","rounds":3,"converged":true,"distance":0.5,
                           "maxCapacityRatio":0.75,"payments":[{"groupId":"group-1"}],
                           "unfunded":[],"settledAt":"2025-01-01T00:03:00Z",
                           "txId":"t9"}}
            """);

    assertThat(AuctionCommands.describe(view))
        .contains("status        SETTLED\n")
        .contains("planets       planet-1, planet-2\n")
        .contains("groups        group-1\n")
        .contains("parameters    gamma 0.9, epsilon 1.0, at most 5000 rounds\n")
        .contains("allocation\nrounds              3\nconverged           true\n")
        .contains("payments            1 in escrow\nunfunded groups     -\n");
  }

  @Test
  void eventLine_showsANonJsonPayloadAsAString() {
    ChainEvent event = new ChainEvent(5, "t1", "ProbeRecorded", "network up");

    assertThat(EventCommands.line(event))
        .isEqualTo("block 5  ProbeRecorded  tx t1  \"network up\"\n");
    assertThat(EventCommands.toJson(event).get("payload").getAsString()).isEqualTo("network up");
  }
}

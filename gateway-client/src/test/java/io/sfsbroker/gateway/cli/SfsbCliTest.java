package io.sfsbroker.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.gateway.cli.FakeChaincode.Call;
import io.sfsbroker.gateway.cli.FakeChaincode.Run;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on a fake chaincode: which transaction each command calls, and exit codes. */
class SfsbCliTest {

  private final FakeChaincode chaincode = new FakeChaincode();

  @Test
  void participantList_withRoleAndPageSize_queriesThatPage_andPrintsTheAnswerAsJson() {
    String page = "{\"items\":[{\"id\":\"fog-1\",\"role\":\"FOG_NODE\"}],\"bookmark\":\"\"}";
    chaincode.answer("participant:list", page);

    Run run =
        chaincode.run("participant", "list", "--role", "fog-node", "--page-size", "20", "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(page + "\n");
    assertThat(chaincode.calls)
        .containsExactly(
            new Call(
                "evaluate",
                "participant",
                "list",
                List.of("{\"pageSize\":20,\"role\":\"FOG_NODE\"}")));
    assertThat(chaincode.closed).isTrue();
  }

  @Test
  void globalOptions_beforeOrAfterTheCommand_chooseNetworkOrgIdentityAndJson() {
    chaincode.answer("credit:balanceOf", "{\"account\":\"device:fog-1\",\"balance\":7}");

    Run before =
        chaincode.run(
            "--json",
            "--network",
            "/tmp/n.json",
            "--org",
            "tenants",
            "credits",
            "balance",
            "fog-1");
    assertThat(before.out()).isEqualTo("{\"account\":\"device:fog-1\",\"balance\":7}\n");
    assertThat(chaincode.openedNetwork).isEqualTo(Path.of("/tmp/n.json"));
    assertThat(chaincode.openedOrg).isEqualTo("tenants");
    assertThat(chaincode.openedIdentity).isEqualTo(ClientIdentity.ADMIN);

    Run after = chaincode.run("credits", "balance", "fog-1", "--identity", "USER");
    assertThat(after.out()).isEqualTo("device:fog-1 holds 7\n");
    assertThat(chaincode.openedOrg).isEqualTo("broker");
    assertThat(chaincode.openedIdentity).isEqualTo(ClientIdentity.USER);
  }

  @Test
  void creditsMint_ofABareParticipantId_mintsToItsDeviceAccount_andPrintsTheCommit() {
    chaincode.answer("credit:mint", "{\"account\":\"device:fog-1\",\"balance\":500}");

    Run run = chaincode.run("credits", "mint", "fog-1", "500");

    assertThat(run.exitCode()).isZero();
    assertThat(chaincode.calls)
        .containsExactly(
            new Call(
                "submit", "credit", "mint", List.of("{\"to\":\"device:fog-1\",\"amount\":500}")));
    assertThat(run.out())
        .isEqualTo("device:fog-1 holds 500\ncommitted in block 42, transaction tx-submitted\n");
  }

  @Test
  void submittedTransaction_withJson_printsTransactionBlockAndResult() {
    chaincode.answer("credit:mint", "{\"account\":\"device:fog-1\",\"balance\":500}");

    Run run = chaincode.run("--json", "credits", "mint", "device:fog-1", "500");

    assertThat(Json.parseObject(run.out()))
        .isEqualTo(
            Json.parseObject(
                "{\"txId\":\"tx-submitted\",\"block\":42,"
                    + "\"result\":{\"account\":\"device:fog-1\",\"balance\":500}}"));
  }

  @Test
  void governancePropose_submitsTheSettingAndValue_asTheOrgsAdmin() {
    chaincode.answer(
        "governance:propose",
        "{\"id\":\"gov-1\",\"state\":\"OPEN\",\"subject\":\"treasury\","
            + "\"approvals\":[\"TenantsMSP\"]}");

    Run run =
        chaincode.run(
            "--org", "tenants", "governance", "propose", "treasury", "{\"treasuryOrgs\":[\"X\"]}");

    assertThat(run.exitCode()).isZero();
    assertThat(chaincode.openedOrg).isEqualTo("tenants");
    assertThat(chaincode.openedIdentity).isEqualTo(ClientIdentity.ADMIN);
    assertThat(chaincode.calls)
        .containsExactly(
            new Call(
                "submit",
                "governance",
                "propose",
                List.of("treasury", "{\"treasuryOrgs\":[\"X\"]}")));
    assertThat(run.out()).contains("proposal", "gov-1", "OPEN", "TenantsMSP");
  }

  @Test
  void governancePropose_ofAnUnknownSetting_isAnErrorAndCallsNothing() {
    Run run = chaincode.run("governance", "propose", "strategy", "{}");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("unknown setting 'strategy'", "broker, service-class");
    assertThat(chaincode.calls).isEmpty();
  }

  @Test
  void governanceApproveApplyAndHistory_callTheirTransactions() {
    chaincode.answer("governance:approve", "{\"id\":\"gov-1\",\"state\":\"OPEN\"}");
    chaincode.answer("governance:apply", "{\"id\":\"gov-1\",\"state\":\"APPLIED\"}");
    chaincode.answer(
        "governance:getHistory",
        "[{\"id\":\"gov-1\",\"revision\":1,\"approvals\":[\"A\",\"B\"],"
            + "\"value\":{\"maxClockSkewSeconds\":60}}]");

    assertThat(chaincode.run("governance", "approve", "gov-1", "--org", "providers").exitCode())
        .isZero();
    assertThat(chaincode.run("governance", "apply", "gov-1").exitCode()).isZero();
    Run history = chaincode.run("governance", "history", "envelope");

    assertThat(chaincode.calls)
        .containsExactly(
            new Call("submit", "governance", "approve", List.of("gov-1")),
            new Call("submit", "governance", "apply", List.of("gov-1")),
            new Call("evaluate", "governance", "getHistory", List.of("envelope")));
    assertThat(history.out())
        .startsWith("REVISION")
        .contains("gov-1", "A, B", "{\"maxClockSkewSeconds\":60}");
  }

  @Test
  void creditsMint_ofZero_isAUsageError_andCallsNothing() {
    Run run = chaincode.run("credits", "mint", "fog-1", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'0' is not a whole number of at least 1");
    assertThat(chaincode.calls).isEmpty();
  }

  @Test
  void missingCommand_isAUsageError_namingTheChoices() {
    Run run = chaincode.run("slice");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("missing command; choose one of list, show");
    assertThat(chaincode.calls).isEmpty();
  }

  @Test
  void ledgerRejection_exitsWithOne_andPrintsTheCodeOnceWithoutAStackTrace() {
    chaincode.reject("slice:getSlice", "NOT_FOUND", "slice s-1 does not exist");

    Run run = chaincode.run("slice", "show", "s-1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: NOT_FOUND: slice s-1 does not exist\n");
  }

  @Test
  void describe_ofAFailureWhoseMessageLacksTheCode_putsTheCodeFirst() {
    LedgerException e =
        new LedgerException(Stage.COMMIT, "MVCC_READ_CONFLICT", "t1", "t1 was invalid", null);

    assertThat(SfsbCli.describe(e)).isEqualTo("error: MVCC_READ_CONFLICT: t1 was invalid");
  }

  @Test
  void missingNetworkProfile_exitsWithOne_andTellsHowToCreateIt(@TempDir final Path dir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        SfsbCli.run(
            GatewayChaincode::open,
            new PrintWriter(out),
            new PrintWriter(err),
            "--network",
            dir.resolve("network.json").toString(),
            "participant",
            "list");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: cannot read the network profile")
        .contains("./sfsbroker network up")
        .doesNotContain("\tat ");
  }

  @Test
  void participantRegister_sendsIdRoleAndTheKeyFileAsGiven(@TempDir final Path dir)
      throws Exception {
    Path pem = dir.resolve("fog.pem");
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    chaincode.answer(
        "participant:register",
        "{\"id\":\"fog-9\",\"role\":\"FOG_NODE\",\"org\":\"TenantsMSP\",\"status\":\"ACTIVE\"}");

    Run run =
        chaincode.run(
            "participant",
            "register",
            "--id",
            "fog-9",
            "--role",
            "fog_node",
            "--cert",
            pem.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(Json.parseObject(chaincode.calls.get(0).args().get(0)))
        .isEqualTo(
            Json.parseObject(
                "{\"id\":\"fog-9\",\"role\":\"FOG_NODE\",\"publicKey\":"
                    + "\"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\\n\"}"));
    assertThat(run.out()).contains("account     device:fog-9").contains("committed in block 42");
  }

  @Test
  void participantRegister_withAnUnreadableKeyFile_exitsWithOne_beforeCallingTheLedger(
      @TempDir final Path dir) {
    Run run =
        chaincode.run(
            "participant",
            "register",
            "--id",
            "fog-9",
            "--role",
            "FOG_NODE",
            "--cert",
            dir.resolve("missing.pem").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot read " + dir.resolve("missing.pem"));
    assertThat(chaincode.calls).isEmpty();
  }

  @Test
  void eventsFollow_fromTheNextBlock_printsOnlyMatchingEvents_andStopsAfterCount() {
    chaincode
        .event(9, "ParticipantRegistered", "{\"id\":\"fog-1\"}")
        .event(10, "SliceAwarded", "{\"sliceId\":\"s-1\"}")
        .event(11, "SliceAwarded", "{\"sliceId\":\"s-2\"}")
        .event(12, "SliceAwarded", "{\"sliceId\":\"s-3\"}");

    Run run = chaincode.run("events", "follow", "--name", "SliceAwarded", "--count", "2", "--json");

    assertThat(chaincode.eventsFrom).isEqualTo(9);
    assertThat(run.out().lines().map(Json::parseObject).toList())
        .containsExactly(
            Json.parseObject(
                "{\"block\":10,\"txId\":\"tx-1\",\"event\":\"SliceAwarded\","
                    + "\"payload\":{\"sliceId\":\"s-1\"}}"),
            Json.parseObject(
                "{\"block\":11,\"txId\":\"tx-2\",\"event\":\"SliceAwarded\","
                    + "\"payload\":{\"sliceId\":\"s-2\"}}"));
  }

  @Test
  void eventsFollow_fromAGivenBlock_startsThere() {
    chaincode.event(3, "ProbeRecorded", "network up");

    Run run = chaincode.run("events", "follow", "--from-block", "3", "--count", "1");

    assertThat(chaincode.eventsFrom).isEqualTo(3);
    assertThat(run.out()).isEqualTo("block 3  ProbeRecorded  tx tx-0  \"network up\"\n");
    assertThat(run.err()).isEqualTo("following events from block 3; Ctrl-C stops\n");
  }

  @Test
  void sliceShow_withoutEscrow_readsSliceHistoryAndParts_andSaysNoEscrow() {
    chaincode
        .answer("slice:getSlice", "{\"id\":\"s-1\",\"state\":\"OFFERING\",\"tenantId\":\"fog-1\"}")
        .answer("slice:getSliceHistory", "[]")
        .answer("slice:getSliceParts", "[]")
        .reject("credit:getEscrow", "NOT_FOUND", "there is no escrow s-1");

    Run run = chaincode.run("slice", "show", "s-1");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("state           OFFERING").contains("payments\nno escrow\n");
    assertThat(chaincode.calls)
        .extracting(Call::transaction)
        .containsExactly("getSlice", "getSliceHistory", "getSliceParts", "getEscrow");
  }

  @Test
  void offerList_queriesTheOffersOfTheSlice() {
    chaincode.answer("offer:listOffers", "{\"items\":[],\"bookmark\":\"\"}");

    Run run = chaincode.run("offer", "list", "--slice", "s-1", "--page-size", "5");

    assertThat(run.out()).isEqualTo("no offers\n");
    assertThat(chaincode.calls.get(0).args())
        .containsExactly("{\"pageSize\":5,\"blueprintId\":\"s-1\"}");
  }

  @Test
  void listBookmark_withNulSeparators_isPrintedEncoded_andReadBackAsTheLedgerWroteIt() {
    String ledgerBookmark = "\u0000participant\u0000fog-2\u0000";
    chaincode.answer(
        "participant:list", Json.toJson(Map.of("items", List.of(), "bookmark", ledgerBookmark)));

    Run first = chaincode.run("participant", "list", "--json");
    String printed = Json.parseObject(first.out()).get("bookmark").getAsString();
    Run human = chaincode.run("participant", "list");
    Run next = chaincode.run("participant", "list", "--bookmark", printed);

    assertThat(printed).matches("[A-Za-z0-9_-]+");
    assertThat(human.out()).isEqualTo("no participants\nmore: --bookmark " + printed + "\n");
    assertThat(next.exitCode()).isZero();
    assertThat(Json.parseObject(chaincode.calls.get(2).args().get(0)).get("bookmark").getAsString())
        .isEqualTo(ledgerBookmark);
  }

  @Test
  void listBookmark_thatTheCliDidNotPrint_isAUsageError() {
    Run run = chaincode.run("participant", "list", "--bookmark", "not a bookmark!");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("is not a bookmark");
    assertThat(chaincode.calls).isEmpty();
  }
}

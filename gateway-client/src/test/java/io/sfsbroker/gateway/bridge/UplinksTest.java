package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.envelope.EnvelopeSigner;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UplinksTest {

  private static final String TOPIC = Topics.uplink("fog-1", Uplink.REQUEST);

  /** A ledger in process: commits every transaction, or refuses with {@code refusal}. */
  private static final class FakeLedger implements UplinkLedger {
    private final AtomicInteger submissions = new AtomicInteger();
    private final CountDownLatch open = new CountDownLatch(1);
    private volatile String refusal;
    private volatile boolean held;
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile Committed earlier;
    private volatile boolean lookupFails;

    @Override
    public Committed submit(
        final TransactionName transaction,
        final String argument,
        final Consumer<Endorsement> onEndorsed)
        throws InterruptedException {
      int n = submissions.incrementAndGet();
      onEndorsed.accept(new Endorsement("tx-" + n, new byte[] {1}));
      if (held) {
        open.await(10, TimeUnit.SECONDS);
      }
      if (refusal != null) {
        throw new LedgerException(Stage.ENDORSE, refusal, "tx-" + n, refusal + ": no", null);
      }
      return new Committed("tx-" + n, 40 + n, "{\"ok\":true}");
    }

    @Override
    public Committed resume(
        final byte[] signedTransaction,
        final TransactionName transaction,
        final String argument,
        final Consumer<Endorsement> onEndorsed)
        throws InterruptedException {
      return submit(transaction, argument, onEndorsed);
    }

    @Override
    public Optional<Committed> committedBefore(
        final String signerId, final String nonce, final TransactionName transaction) {
      lookups.incrementAndGet();
      if (lookupFails) {
        throw new LedgerException(Stage.EVALUATE, "UNAVAILABLE", null, "no peer", null);
      }
      return Optional.ofNullable(earlier);
    }
  }

  @TempDir Path dir;
  private final FakeLedger ledger = new FakeLedger();
  private final RecordingDownlinks downlinks = new RecordingDownlinks();
  private final AtomicInteger acknowledged = new AtomicInteger();
  private ExecutorService workers;
  private ExecutorService submitting;
  private Uplinks uplinks;

  @BeforeEach
  void start() {
    workers = Executors.newFixedThreadPool(2);
    submitting = Executors.newFixedThreadPool(4);
    uplinks =
        new Uplinks(
            ledger,
            new DedupeStore(dir),
            downlinks,
            UplinkGuard.standard(),
            workers,
            submitting,
            Duration.ofSeconds(5),
            Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    uplinks.close();
    workers.shutdownNow();
    submitting.shutdownNow();
  }

  private static byte[] signedRequest() {
    return new EnvelopeSigner(
            "fog-1", (ECPrivateKey) P256.generateKeyPair().getPrivate(), Clock.systemUTC())
        .sign(MessageType.SLICE_REQUEST, Map.of("serviceClass", "ar-vr"))
        .getBytes(StandardCharsets.UTF_8);
  }

  private boolean process(final byte[] payload, final boolean redelivered) throws Exception {
    return uplinks.process(TOPIC, payload, redelivered, acknowledged::incrementAndGet);
  }

  @Test
  void anUplink_isSubmittedOnce_answeredCommitted_andAcknowledgedAfterTheAnswer() throws Exception {
    assertThat(process(signedRequest(), false)).isFalse();
    downlinks.awaitCount(1);

    Receipt receipt = downlinks.receipts().get(0);
    assertThat(receipt.isCommitted()).isTrue();
    assertThat(receipt.transactionId()).isEqualTo("tx-1");
    assertThat(downlinks.topics()).containsExactly("sfsb/v1/out/fog-1/receipt");
    assertThat(ledger.submissions).hasValue(1);
    Thread.sleep(100);
    assertThat(acknowledged).hasValue(1);
  }

  @Test
  void aBrokerRedelivery_getsTheSameReceipt_andTheSameEnvelopeSentAgainGetsReplay()
      throws Exception {
    byte[] request = signedRequest();
    process(request, false);
    downlinks.awaitCount(1);

    assertThat(process(request, true)).isTrue();
    assertThat(process(request, false)).isTrue();

    assertThat(ledger.submissions).hasValue(1);
    Receipt redelivered = downlinks.receipts().get(1);
    Receipt replay = downlinks.receipts().get(2);
    assertThat(redelivered).isEqualTo(downlinks.receipts().get(0));
    assertThat(replay.code()).isEqualTo(Receipt.REPLAY);
    assertThat(replay.earlierCommit()).isPresent();
  }

  @Test
  void copiesArrivingWhileTheFirstIsOnItsWay_shareOneTransaction() throws Exception {
    ledger.held = true;
    byte[] request = signedRequest();
    process(request, false);
    process(request, true);
    assertThat(uplinks.inFlight("fog-1", nonceOf(request), TOPIC)).isTrue();
    ledger.open.countDown();
    downlinks.awaitCount(2);

    assertThat(ledger.submissions).hasValue(1);
    assertThat(downlinks.receipts()).allMatch(Receipt::isCommitted).hasSize(2);
  }

  @Test
  void aCopyAnotherBridgeHadApplied_isAnsweredWithThatCommit_notAnError() throws Exception {
    ledger.refusal = Receipt.REPLAY;
    ledger.earlier = new Committed("tx-elsewhere", 17, "{\"id\":\"s-1\"}");
    byte[] request = signedRequest();
    process(request, false);
    downlinks.awaitCount(1);

    Receipt receipt = downlinks.receipts().get(0);
    assertThat(receipt.code()).isEqualTo(Receipt.REPLAY);
    Receipt original = receipt.earlierCommit().orElseThrow();
    assertThat(original.transactionId()).isEqualTo("tx-elsewhere");
    assertThat(original.blockNumber()).isEqualTo(17L);
    assertThat(original.result().getAsJsonObject().get("id").getAsString()).isEqualTo("s-1");

    // Recorded as that commit: a broker redelivery gets it without asking the ledger again.
    assertThat(process(request, true)).isTrue();
    assertThat(downlinks.receipts().get(1).isCommitted()).isTrue();
    assertThat(downlinks.receipts().get(1).transactionId()).isEqualTo("tx-elsewhere");
    assertThat(ledger.submissions).hasValue(1);
    assertThat(ledger.lookups).hasValue(1);
  }

  @Test
  void aReplayWhoseOriginalCannotBeRead_isNoVerdict_soTheDeviceSendsAgain() throws Exception {
    ledger.refusal = Receipt.REPLAY;
    ledger.lookupFails = true;
    uplinks =
        new Uplinks(
            ledger,
            new DedupeStore(dir),
            downlinks,
            UplinkGuard.standard(),
            workers,
            submitting,
            Duration.ofSeconds(5),
            Duration.ZERO);
    process(signedRequest(), false);
    downlinks.awaitCount(1);

    assertThat(downlinks.receipts().get(0).isUnavailable()).isTrue();
  }

  @Test
  void aReplayWithNoCommitOnTheLedger_staysAPlainReplay() throws Exception {
    ledger.refusal = Receipt.REPLAY;
    process(signedRequest(), false);
    downlinks.awaitCount(1);

    Receipt receipt = downlinks.receipts().get(0);
    assertThat(receipt.code()).isEqualTo(Receipt.REPLAY);
    assertThat(receipt.earlierCommit()).isEmpty();
  }

  @Test
  void aChaincodeRefusal_isAnsweredWithItsCode() throws Exception {
    ledger.refusal = "BAD_SIGNATURE";
    process(signedRequest(), false);
    downlinks.awaitCount(1);

    assertThat(downlinks.receipts().get(0).code()).isEqualTo("BAD_SIGNATURE");
  }

  @Test
  void aNetworkThatDoesNotAnswer_isNoVerdict_soTheDeviceIsToldUnavailable() throws Exception {
    ledger.refusal = "UNAVAILABLE";
    uplinks =
        new Uplinks(
            ledger,
            new DedupeStore(dir),
            downlinks,
            UplinkGuard.standard(),
            workers,
            submitting,
            Duration.ofSeconds(5),
            Duration.ZERO);
    process(signedRequest(), false);
    downlinks.awaitCount(1);

    assertThat(downlinks.receipts().get(0).isUnavailable()).isTrue();
  }

  @Test
  void garbage_isAnsweredMalformed_withoutTouchingTheLedger() throws Exception {
    assertThat(process("{\"hello\":1}".getBytes(StandardCharsets.UTF_8), false)).isTrue();

    assertThat(downlinks.receipts().get(0).code()).isEqualTo("MALFORMED");
    assertThat(ledger.submissions).hasValue(0);
  }

  @Test
  void overTheRateLimit_isAnsweredRateLimited() throws Exception {
    assertThat(uplinks.refuseOverLimit(TOPIC, signedRequest())).isTrue();

    assertThat(downlinks.receipts().get(0).code()).isEqualTo("RATE_LIMITED");
    assertThat(ledger.submissions).hasValue(0);
  }

  private static String nonceOf(final byte[] envelope) throws Exception {
    return io.sfsbroker.protocol.envelope.UnverifiedEnvelope.parse(
            new String(envelope, StandardCharsets.UTF_8))
        .nonce();
  }
}

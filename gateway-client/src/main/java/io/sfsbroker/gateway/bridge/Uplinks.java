package io.sfsbroker.gateway.bridge;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.UnverifiedEnvelope;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.mqtt.InboundTopic;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Submits devices' uplinks and answers each with one {@link Receipt} (docs/protocol.md): the
 * envelope is checked ({@link InboundMessage}), a message the {@link DedupeStore} has a verdict for
 * is answered from it ({@link Verdicts}), every other goes to the ledger once ({@link
 * UplinkLedger}) as one {@link Flight} shared by every copy that arrives meanwhile. A device waits
 * at most {@code answerWithin} for its receipt ({@code UNAVAILABLE} after that, the verdict follows
 * later); a message without a verdict is tried for {@code keepTrying}. Thread-safe.
 */
final class Uplinks implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Uplinks.class.getName());

  private final UplinkLedger ledger;
  private final DedupeStore store;
  private final Downlinks downlinks;
  private final UplinkGuard guard;
  private final ExecutorService workers;
  private final ExecutorService submitting;
  private final Duration answerWithin;
  private final Duration keepTrying;
  private final Map<String, Flight> flights = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Uplinks submitted through {@code ledger}, answered on {@code downlinks}; answers are sent on
   * {@code workers}, transactions run on {@code submitting} (their own pool: a submission outlives
   * a worker's wait, and the workers stay free to answer other messages meanwhile).
   */
  Uplinks(
      final UplinkLedger ledger,
      final DedupeStore store,
      final Downlinks downlinks,
      final UplinkGuard guard,
      final ExecutorService workers,
      final ExecutorService submitting,
      final Duration answerWithin,
      final Duration keepTrying) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.store = Objects.requireNonNull(store, "store");
    this.downlinks = Objects.requireNonNull(downlinks, "downlinks");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.submitting = Objects.requireNonNull(submitting, "submitting");
    this.answerWithin = Objects.requireNonNull(answerWithin, "answerWithin");
    this.keepTrying = Objects.requireNonNull(keepTrying, "keepTrying");
  }

  /**
   * Handles the message {@code payload} on uplink topic {@code topic}; true when it may be
   * acknowledged to the broker now. A message on its way to the ledger is answered later, without
   * holding the caller, and {@code acknowledgeLater} runs once it is answered.
   *
   * @param redelivered the broker's flag: this is a copy of a message it delivered before
   */
  boolean process(
      final String topic,
      final byte[] payload,
      final boolean redelivered,
      final Runnable acknowledgeLater)
      throws InterruptedException {
    Optional<InboundTopic> parsed = Topics.parseUplink(topic);
    if (parsed.isEmpty()) {
      LOG.log(Level.WARNING, "ignored a message on {0}: not an uplink topic", topic);
      return true;
    }
    InboundTopic inbound = parsed.get();
    InboundMessage message = InboundMessage.check(inbound, payload);
    if (!message.accepted()) {
      LOG.log(Level.INFO, "rejected a message on {0}: {1}", topic, message.rejection().code());
      return publishReceipt(inbound.deviceId(), message.rejection());
    }
    UnverifiedEnvelope envelope = message.envelope();
    String digest = DedupeStore.digest(message.text());
    Optional<DedupeStore.Entry> found =
        store.find(envelope.signerId(), envelope.nonce(), inbound.topic());
    if (found.isPresent()) {
      Optional<Receipt> answer = Verdicts.answerKnown(found.get(), digest, redelivered);
      if (answer.isPresent()) {
        return publishReceipt(inbound.deviceId(), answer.get());
      }
    }
    // Resubmit an endorsed transaction; a rejected message signed again is new.
    Optional<DedupeStore.Entry> known = found.filter(e -> e.state() == DedupeStore.State.ENDORSED);
    // One flight per message: a copy that arrives while the first is still on its way waits for
    // the same transaction instead of starting another.
    String key = key(envelope.signerId(), envelope.nonce(), inbound.topic());
    Flight flight = flights.computeIfAbsent(key, k -> launch(k, inbound, message, known));
    flight
        .result()
        .copy()
        .orTimeout(answerWithin.toMillis(), TimeUnit.MILLISECONDS)
        .handleAsync((receipt, error) -> answer(inbound, envelope, flight, receipt, error), workers)
        .whenComplete(
            (answered, error) -> {
              if (Boolean.TRUE.equals(answered)) {
                acknowledgeLater.run();
              } else if (error != null && !closed) {
                LOG.log(Level.ERROR, "failed to answer a message on " + topic, error);
                acknowledgeLater.run();
              }
            });
    return false;
  }

  /**
   * Answers a message over its device's rate limit ({@link UplinkGuard}) with {@code RATE_LIMITED}
   * without processing it; true when it may be acknowledged.
   */
  boolean refuseOverLimit(final String topic, final byte[] payload) throws InterruptedException {
    Optional<InboundTopic> uplink = Topics.parseUplink(topic);
    String deviceId =
        Topics.parseQuery(topic).or(() -> uplink.map(InboundTopic::deviceId)).orElseThrow();
    UnverifiedEnvelope envelope =
        uplink
            .map(u -> InboundMessage.check(u, payload))
            .map(InboundMessage::envelope)
            .orElse(null);
    LOG.log(Level.INFO, "rate-limited a message of {0} on {1}", deviceId, topic);
    return publishReceipt(
        deviceId,
        Receipt.rejected(
            topic,
            envelope == null ? null : envelope.signerId(),
            envelope == null ? null : envelope.nonce(),
            envelope == null ? null : envelope.type().wireName(),
            null,
            "RATE_LIMITED",
            guard.reason(deviceId)));
  }

  /**
   * Whether the message (signer, nonce) on {@code topic} is still on its way to the ledger here:
   * its device was told {@code UNAVAILABLE} and the bridge goes on trying.
   */
  boolean inFlight(final String signerId, final String nonce, final String topic) {
    return flights.containsKey(key(signerId, nonce, topic));
  }

  /** Stops answering: what is not answered yet is not acknowledged, so it comes again. */
  @Override
  public void close() {
    closed = true;
  }

  private static String key(final String signerId, final String nonce, final String topic) {
    return signerId + "\0" + nonce + "\0" + topic;
  }

  /**
   * Publishes the answer to a message whose flight ended ({@code receipt}) or outlasted the bound
   * ({@code error}: then {@code UNAVAILABLE}, and the flight goes on and sends the verdict later).
   * True when the message may be acknowledged.
   */
  private boolean answer(
      final InboundTopic inbound,
      final UnverifiedEnvelope envelope,
      final Flight flight,
      final Receipt receipt,
      final Throwable error) {
    try {
      Receipt answer = receipt;
      if (error != null) {
        if (flight.owe()) {
          return publishReceipt(inbound.deviceId(), unavailable(inbound, envelope, flight));
        }
        answer = flight.result().join();
      }
      return answer != null && publishReceipt(inbound.deviceId(), answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts the ledger work of one message on the submitting pool. */
  private Flight launch(
      final String key,
      final InboundTopic inbound,
      final InboundMessage message,
      final Optional<DedupeStore.Entry> known) {
    Flight flight = new Flight();
    try {
      submitting.execute(() -> fly(key, flight, inbound, message, known));
    } catch (RejectedExecutionException e) {
      // Stopping: no answer, so the message is not acknowledged and comes back next time.
      flights.remove(key, flight);
      flight.finish(null);
    }
    return flight;
  }

  private void fly(
      final String key,
      final Flight flight,
      final InboundTopic inbound,
      final InboundMessage message,
      final Optional<DedupeStore.Entry> known) {
    UnverifiedEnvelope envelope = message.envelope();
    Instant until = Instant.now().plus(keepTrying);
    Receipt receipt = null;
    try {
      receipt = submit(inbound, message, known, flight);
      for (int round = 1;
          receipt != null
              && !Verdicts.isFinal(receipt)
              && !closed
              && Instant.now().plus(RetryPolicy.DEFAULT.maxBackoff()).isBefore(until);
          round++) {
        // No verdict yet: the same signed transaction again (a new endorsement only when none
        // was made), until there is one or keepTrying is over.
        Thread.sleep(RetryPolicy.DEFAULT.backoff(round + 3).toMillis());
        Optional<DedupeStore.Entry> endorsed =
            store
                .find(envelope.signerId(), envelope.nonce(), inbound.topic())
                .filter(e -> e.state() == DedupeStore.State.ENDORSED);
        receipt = submit(inbound, message, endorsed, flight);
      }
      if (receipt != null && Verdicts.isFinal(receipt)) {
        // A REPLAY naming the first copy's commit is recorded as that commit: a copy that comes
        // again is answered with it.
        store.done(
            envelope.signerId(),
            envelope.nonce(),
            inbound.topic(),
            DedupeStore.digest(message.text()),
            receipt.earlierCommit().orElse(receipt));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "failed to submit a message on " + inbound.topic(), e);
    } finally {
      flights.remove(key, flight);
      boolean owed = flight.finish(receipt);
      if (owed && receipt != null && Verdicts.isFinal(receipt) && !closed) {
        // Every device that asked was told UNAVAILABLE: the late verdict goes out now.
        LOG.log(
            Level.INFO,
            "late verdict for {0} nonce {1}: {2}",
            envelope.signerId(),
            envelope.nonce(),
            receipt.isCommitted() ? "COMMITTED" : receipt.code());
        try {
          publishReceipt(inbound.deviceId(), receipt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private Receipt unavailable(
      final InboundTopic inbound, final UnverifiedEnvelope envelope, final Flight flight) {
    return Receipt.rejected(
        inbound.topic(),
        envelope.signerId(),
        envelope.nonce(),
        envelope.type().wireName(),
        flight.transactionId(),
        Verdicts.UNAVAILABLE,
        "the ledger did not take the transaction within "
            + answerWithin.toSeconds()
            + " s; the bridge keeps trying and sends the verdict when it has one. Send the same"
            + " envelope again later: it is resubmitted as the same transaction, never applied"
            + " twice");
  }

  /** The receipt of the message's transaction, or null when the bridge is stopping. */
  private Receipt submit(
      final InboundTopic inbound,
      final InboundMessage message,
      final Optional<DedupeStore.Entry> known,
      final Flight flight)
      throws InterruptedException {
    UnverifiedEnvelope envelope = message.envelope();
    TransactionName route = Routes.of(inbound.uplink());
    String signer = envelope.signerId();
    String nonce = envelope.nonce();
    String topic = inbound.topic();
    String type = envelope.type().wireName();
    Consumer<Endorsement> onEndorsed =
        endorsed -> {
          store.endorsed(signer, nonce, topic, endorsed.signedBytes());
          flight.endorsed(endorsed.transactionId());
        };
    try {
      Committed committed =
          known.isPresent()
              ? ledger.resume(known.get().transactionBytes(), route, message.text(), onEndorsed)
              : ledger.submit(route, message.text(), onEndorsed);
      return Receipt.committed(
          topic,
          signer,
          nonce,
          type,
          committed.transactionId(),
          committed.blockNumber(),
          resultJson(committed.result()));
    } catch (LedgerException e) {
      if (closed) {
        return null;
      }
      if (Receipt.REPLAY.equals(e.code())) {
        // Sent again after the first copy was applied elsewhere (another bridge, or this one
        // before its record was lost): the answer is that first copy's commit.
        try {
          Optional<Committed> earlier = ledger.committedBefore(signer, nonce, route);
          if (earlier.isPresent()) {
            Committed original = earlier.get();
            LOG.log(
                Level.INFO,
                "{0} nonce {1} was applied before, in transaction {2}",
                signer,
                nonce,
                original.transactionId());
            return Receipt.replayOf(
                Receipt.committed(
                    topic,
                    signer,
                    nonce,
                    type,
                    original.transactionId(),
                    original.blockNumber(),
                    resultJson(original.result())),
                topic,
                signer,
                nonce,
                type);
          }
        } catch (LedgerException lookup) {
          if (closed) {
            return null;
          }
          // Not knowing whether the first copy committed is no verdict: the device sends again.
          return Receipt.rejected(
              topic,
              signer,
              nonce,
              type,
              e.transactionId().orElse(null),
              Verdicts.UNAVAILABLE,
              "the ledger refused the message as REPLAY and the bridge could not read which"
                  + " transaction applied it ("
                  + lookup.code()
                  + "); send the same envelope again later");
        }
      }
      if (Verdicts.isTransient(e.code())) {
        // No verdict: the message stays ENDORSED (or unknown) and may be sent again.
        return Receipt.rejected(
            topic,
            signer,
            nonce,
            type,
            e.transactionId().orElse(null),
            Verdicts.UNAVAILABLE,
            "the ledger did not take the transaction ("
                + e.code()
                + "); send the same envelope again later: "
                + e.getMessage());
      }
      return Receipt.rejected(
          topic, signer, nonce, type, e.transactionId().orElse(null), e.code(), e.getMessage());
    }
  }

  private static JsonElement resultJson(final String result) {
    if (result.isBlank()) {
      return JsonNull.INSTANCE;
    }
    try {
      return Json.parse(result);
    } catch (RuntimeException e) {
      return Json.toJsonTree(result);
    }
  }

  /**
   * Publishes a receipt; a block number the ledger did not say (a resubmitted copy) is left out.
   */
  private boolean publishReceipt(final String deviceId, final Receipt receipt)
      throws InterruptedException {
    Receipt sent = receipt;
    if (receipt.blockNumber() != null && receipt.blockNumber() < 0) {
      sent =
          new Receipt(
              receipt.ver(),
              receipt.status(),
              receipt.topic(),
              receipt.signerId(),
              receipt.nonce(),
              receipt.messageType(),
              receipt.transactionId(),
              null,
              receipt.code(),
              receipt.reason(),
              receipt.result());
    }
    return downlinks.publish(Topics.downlink(deviceId, Downlink.RECEIPT), Json.toJson(sent));
  }
}

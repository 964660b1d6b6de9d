package io.sfsbroker.gateway.bridge;

import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.keeper.Keeper;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.FileCheckpointer;

/**
 * The MQTT ↔ ledger bridge, a composition of parts with one job each: {@link Uplinks} submits every
 * device message on {@code sfsb/v1/in/+/+} (its share of them, when several bridges share the
 * traffic: {@link BridgeConfig#shareGroup}) and answers it with a receipt, {@link SliceQueries}
 * answers devices' queries, {@link EventRelay} relays chaincode events as the notices {@link
 * NoticeRoutes} makes of them, and a {@link Keeper} fires every deadline on the ledger (offer and
 * bid windows, timeouts, validity, escrow deadlines). The bridge builds the Fabric Gateway
 * connection and the MQTT session ({@link BrokerSession}) and hands them to the parts. {@link
 * #start} starts it; {@link #close} stops it at any point, as a crash would: what was not finished
 * is redone by the next start, at most once on the ledger.
 */
public final class Bridge implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Bridge.class.getName());
  private static final Duration KEEPER_INTERVAL = Duration.ofSeconds(1);

  private final BridgeConfig config;
  private final GatewayConnection connection;
  private final ChaincodeClient ledger;
  private final FileCheckpointer checkpointer;
  private final ExecutorService workers;
  private final ExecutorService submitting;
  private final UplinkGuard guard = UplinkGuard.standard();
  private final BrokerSession session;
  private final Uplinks uplinks;
  private final SliceQueries queries;
  private final EventRelay relay;
  private volatile Keeper keeper;

  private Bridge(
      final BridgeConfig config,
      final GatewayConnection connection,
      final String channel,
      final String chaincode)
      throws IOException {
    this.config = config;
    this.connection = connection;
    this.ledger = new ChaincodeClient(connection.network(channel), chaincode);
    this.checkpointer = new FileCheckpointer(config.stateDir().resolve("events.checkpoint"));
    this.workers =
        Executors.newFixedThreadPool(config.workers(), daemonThreads("sfsb-bridge-worker"));
    this.submitting =
        Executors.newFixedThreadPool(4 * config.workers(), daemonThreads("sfsb-bridge-submit"));
    this.session = BrokerSession.create(config, config.uplinkFilter(), this::dispatch);
    this.uplinks =
        new Uplinks(
            new LedgerSubmitter(ledger, connection.gateway(), RetryPolicy.DEFAULT),
            new DedupeStore(config.stateDir().resolve("messages")),
            session,
            guard,
            workers,
            submitting,
            config.answerWithin(),
            config.keepTrying());
    this.queries =
        new SliceQueries(
            sliceId -> ledger.evaluate(TransactionName.SLICE_GET_SLICE, sliceId),
            (sliceId, account) ->
                ledger.evaluate(TransactionName.SLICE_GET_SLICE_ENDPOINTS, sliceId, account),
            session);
    this.relay =
        new EventRelay(
            checkpoint -> ledger.events(checkpoint, 0), checkpointer, session, this::observe);
  }

  /**
   * Connects to the network and the broker and starts working.
   *
   * @throws IllegalStateException when the network or the broker cannot be reached
   */
  public static Bridge start(final BridgeConfig config) {
    Objects.requireNonNull(config, "config");
    Bridge bridge;
    GatewayConnection connection = null;
    try {
      NetworkProfile profile = NetworkProfile.load(config.network());
      Files.createDirectories(config.stateDir());
      connection = GatewayConnection.asUser(profile.org(config.org()), Deadlines.DEFAULT);
      bridge = new Bridge(config, connection, profile.channel(), profile.chaincode());
    } catch (IOException | RuntimeException e) {
      if (connection != null) {
        connection.close();
      }
      throw new IllegalStateException("cannot start the bridge: " + e.getMessage(), e);
    }
    try {
      bridge.begin();
    } catch (RuntimeException e) {
      bridge.close();
      throw e;
    }
    return bridge;
  }

  private void begin() {
    if (checkpointer.getBlockNumber().isEmpty()) {
      // First start: relay what happens from now on; open windows are found by the keeper.
      long height = ledger.blockHeight();
      try {
        checkpointer.checkpointBlock(height - 1);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the event checkpoint", e);
      }
    }
    session.connect();
    relay.start();
    if (config.fireDeadlines()) {
      keeper = Keeper.start(ledger, Clock.systemUTC(), KEEPER_INTERVAL, config.closeGrace());
    }
    LOG.log(
        Level.INFO,
        "bridge {0} started on {1}, subscribed to {2}",
        config.clientId(),
        config.brokerUrl(),
        config.uplinkFilter());
  }

  /**
   * Shows the keeper each blueprint as its publication commits, so it closes the window on time
   * rather than at its next listing.
   */
  private void observe(final ChaincodeEvent event) {
    Keeper current = keeper;
    if (current != null && EventName.BLUEPRINT_PUBLISHED.wireName().equals(event.getEventName())) {
      current.published(
          Json.fromJson(new String(event.getPayload(), StandardCharsets.UTF_8), Blueprint.class));
    }
  }

  /** Takes one message from the broker's thread to a worker; never blocks, never throws. */
  private void dispatch(final BrokerSession.Arrival arrival) {
    if (arrival.retained()) {
      // A retained uplink (the broker's retain_available false refuses them) would be
      // delivered again at every subscribe: never processed, only acknowledged.
      LOG.log(Level.WARNING, "ignored a retained message on {0}", arrival.topic());
      execute(() -> session.acknowledge(arrival));
      return;
    }
    // Counted on arrival, so a flood is limited however fast the workers drain it.
    boolean admitted = guard.admit(arrival.topic());
    execute(() -> handle(arrival, admitted));
  }

  private void execute(final Runnable task) {
    try {
      workers.execute(task);
    } catch (RejectedExecutionException e) {
      // Stopping: not acknowledged, so the broker delivers it again to the next run.
    }
  }

  private void handle(final BrokerSession.Arrival arrival, final boolean admitted) {
    String topic = arrival.topic();
    try {
      Optional<String> asking = Topics.parseQuery(topic);
      boolean answered;
      if (!admitted) {
        answered = uplinks.refuseOverLimit(topic, arrival.payload());
      } else if (asking.isPresent()) {
        answered = queries.answer(asking.get(), arrival.payload());
      } else {
        answered =
            uplinks.process(
                topic, arrival.payload(), arrival.duplicate(), () -> session.acknowledge(arrival));
      }
      if (answered) {
        session.acknowledge(arrival);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Never let one message stop a worker; an unacknowledged message comes back after a
      // reconnect, an acknowledged one is answered.
      LOG.log(Level.ERROR, "failed to handle a message on " + topic, e);
      session.acknowledge(arrival);
    }
  }

  /**
   * Whether the message (signer, nonce) on {@code topic} is still on its way to the ledger here:
   * its device was told {@code UNAVAILABLE} and the bridge goes on trying. For tests and status.
   */
  boolean inFlight(final String signerId, final String nonce, final String topic) {
    return uplinks.inFlight(signerId, nonce, topic);
  }

  /** Stops at once, like a crash: unfinished messages are redone by the next start. */
  @Override
  public void close() {
    uplinks.close();
    session.close();
    relay.close();
    if (keeper != null) {
      keeper.close();
    }
    workers.shutdownNow();
    submitting.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
      submitting.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      checkpointer.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing the event checkpoint: {0}", e.getMessage());
    }
    connection.close();
  }

  private static ThreadFactory daemonThreads(final String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}

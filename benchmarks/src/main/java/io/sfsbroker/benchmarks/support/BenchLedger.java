package io.sfsbroker.benchmarks.support;

import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.governance.Setting;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hyperledger.fabric.client.Network;

/**
 * The running network as a benchmark uses it, through the Fabric Gateway like every client of the
 * project: the bridge's identity (an ordinary user of the broker org) submits devices' signed
 * envelopes; the org admins register devices and mint credits.
 */
public final class BenchLedger implements AutoCloseable {

  /** Long deadlines: a benchmark under load must see slow commits, not time-outs. */
  public static final Deadlines DEADLINES =
      new Deadlines(
          Duration.ofSeconds(60),
          Duration.ofSeconds(120),
          Duration.ofSeconds(60),
          Duration.ofMinutes(5));

  private final NetworkProfile profile;
  private final GatewayConnection bridgeConnection;
  private final GatewayConnection brokerAdmin;
  private final GatewayConnection providersAdmin;
  private final GatewayConnection tenantsAdmin;

  private BenchLedger(final NetworkProfile profile) {
    this.profile = profile;
    bridgeConnection = GatewayConnection.asUser(profile.org("broker"), DEADLINES);
    brokerAdmin = GatewayConnection.asAdmin(profile.org("broker"), DEADLINES);
    providersAdmin = GatewayConnection.asAdmin(profile.org("providers"), DEADLINES);
    tenantsAdmin = GatewayConnection.asAdmin(profile.org("tenants"), DEADLINES);
  }

  /**
   * Connects to the network that {@code networkJson} describes.
   *
   * @throws IllegalArgumentException when the file is missing or not a network profile
   */
  public static BenchLedger connect(final Path networkJson) {
    return new BenchLedger(NetworkProfile.load(networkJson));
  }

  /** The network's profile. */
  public NetworkProfile profile() {
    return profile;
  }

  /** The channel as the bridge sees it. */
  public Network bridgeNetwork() {
    return bridgeConnection.network(profile.channel());
  }

  /** The chaincode as the bridge calls it. */
  public ChaincodeClient bridge() {
    return client(bridgeConnection);
  }

  /**
   * A benchmark's own fog nodes and RPs, registered and the fog nodes funded.
   *
   * @param fogs the fog nodes, {@code <prefix>-fog-NN}
   * @param rps the RPs, {@code <prefix>-rp-NN}
   */
  public record Enrolled(List<Device> fogs, List<Device> rps) {

    /** Copies the lists. */
    public Enrolled {
      fogs = List.copyOf(fogs);
      rps = List.copyOf(rps);
    }
  }

  /**
   * Creates {@code count} fog nodes and {@code count} RPs named after {@code prefix}, registers
   * them ({@link #register}) and funds every fog node with {@code funds} credits ({@link #fund}):
   * the first grant alone, since it may have to make the broker the treasury, the others at once.
   */
  public Enrolled enrol(
      final String prefix,
      final int count,
      final long funds,
      final int parallel,
      final Progress progress) {
    List<Device> fogs = new ArrayList<>();
    List<Device> rps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      fogs.add(Device.create(String.format(Locale.ROOT, "%s-fog-%02d", prefix, i), "FOG_NODE"));
      rps.add(
          Device.create(String.format(Locale.ROOT, "%s-rp-%02d", prefix, i), "RESOURCE_PROVIDER"));
    }
    List<Device> all = new ArrayList<>(fogs);
    all.addAll(rps);
    register(all, Math.min(parallel, 16), progress);
    fund(fogs.get(0), funds);
    runAll(
        fogs.subList(1, fogs.size()).stream().<Runnable>map(fog -> () -> fund(fog, funds)).toList(),
        16,
        "funding fog nodes",
        progress);
    return new Enrolled(fogs, rps);
  }

  /**
   * Registers {@code devices} (fog nodes by the tenants' admin, RPs by the providers' admin),
   * {@code parallel} at a time.
   */
  public void register(final List<Device> devices, final int parallel, final Progress progress) {
    ChaincodeClient tenants = client(tenantsAdmin);
    ChaincodeClient providers = client(providersAdmin);
    List<Runnable> tasks = new ArrayList<>();
    for (Device device : devices) {
      ChaincodeClient admin = device.role().equals("FOG_NODE") ? tenants : providers;
      tasks.add(() -> admin.submit(TransactionName.PARTICIPANT_REGISTER, device.registration()));
    }
    runAll(tasks, parallel, "registering devices", progress);
  }

  /**
   * Mints {@code amount} credits to {@code device}, first making the broker org the treasury
   * through the consortium (broker proposes, providers approve) when no treasury is set.
   */
  public void fund(final Device device, final long amount) {
    ChaincodeClient broker = client(brokerAdmin);
    try {
      broker.evaluate(TransactionName.CREDIT_GET_TREASURY);
    } catch (LedgerException e) {
      if (!"NOT_FOUND".equals(e.code())) {
        throw e;
      }
      String value = Json.toJson(Map.of("treasuryOrgs", List.of(profile.org("broker").mspId())));
      String id =
          Json.parseObject(
                  broker
                      .submit(
                          TransactionName.GOVERNANCE_PROPOSE, Setting.TREASURY.wireName(), value)
                      .result())
              .get("id")
              .getAsString();
      client(providersAdmin).submit(TransactionName.GOVERNANCE_APPROVE, id);
      broker.submit(TransactionName.GOVERNANCE_APPLY, id);
    }
    broker.submit(
        TransactionName.CREDIT_MINT, Json.toJson(Map.of("to", device.account(), "amount", amount)));
  }

  /**
   * Runs {@code tasks} on {@code parallel} threads and waits for all; the first failure is thrown
   * after all have finished.
   */
  public static void runAll(
      final List<Runnable> tasks, final int parallel, final String what, final Progress progress) {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable task : tasks) {
        futures.add(pool.submit(task));
      }
      RuntimeException first = null;
      for (int i = 0; i < futures.size(); i++) {
        try {
          futures.get(i).get();
        } catch (ExecutionException e) {
          if (first == null) {
            first =
                e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while " + what, e);
        }
        progress.show(what, i + 1, futures.size());
      }
      progress.done();
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private ChaincodeClient client(final GatewayConnection connection) {
    return new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
  }

  @Override
  public void close() {
    bridgeConnection.close();
    brokerAdmin.close();
    providersAdmin.close();
    tenantsAdmin.close();
  }
}

package io.sfsbroker.view;

import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.view.auction.AuctionsPage;
import io.sfsbroker.view.blocks.BlockLog;
import io.sfsbroker.view.blocks.BlocksPage;
import io.sfsbroker.view.feed.EventLog;
import io.sfsbroker.view.feed.LedgerFeed;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.health.HealthPage;
import io.sfsbroker.view.health.HealthProbe;
import io.sfsbroker.view.health.Tls;
import io.sfsbroker.view.market.SlicePage;
import io.sfsbroker.view.market.SlicesPage;
import io.sfsbroker.view.money.EscrowPage;
import io.sfsbroker.view.money.TokensPage;
import io.sfsbroker.view.multiflow.ApplicationsPage;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.ViewServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * A running operator view: its connection to the org's peer, the two event subscriptions, the
 * health probe and the web server. {@link ViewMain} runs one as a process; the view benchmark runs
 * one in its own JVM to count the queries each page makes.
 */
public final class OperatorView implements AutoCloseable {

  static final int EVENTS_KEPT = 50_000;
  static final int BLOCKS_KEPT = 5_000;

  private final GatewayConnection connection;
  private final LedgerFeed feed;
  private final BlockLog blocks;
  private final Queries queries;
  private final ViewServer server;
  private final String mspId;

  private OperatorView(
      final GatewayConnection connection,
      final LedgerFeed feed,
      final BlockLog blocks,
      final Queries queries,
      final ViewServer server,
      final String mspId) {
    this.connection = connection;
    this.feed = feed;
    this.blocks = blocks;
    this.queries = queries;
    this.server = server;
    this.mspId = mspId;
  }

  /**
   * Connects as {@code config}'s org user, subscribes to the chaincode's and the channel's events
   * and serves the pages on {@code config}'s address.
   *
   * @throws IOException when the address cannot be listened on
   */
  public static OperatorView start(final ViewConfig config) throws IOException {
    Objects.requireNonNull(config, "config");
    NetworkProfile profile = NetworkProfile.load(Path.of(config.network()));
    GatewayConnection connection =
        GatewayConnection.asUser(profile.org(config.org()), Deadlines.DEFAULT);
    try {
      ChaincodeClient client =
          new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
      EventLog events = new EventLog(EVENTS_KEPT);
      BlockLog blocks = new BlockLog(BLOCKS_KEPT);
      LedgerFeed feed =
          LedgerFeed.start(
              connection.network(profile.channel()),
              profile.chaincode(),
              events,
              blocks,
              client.blockHeight(),
              BLOCKS_KEPT);
      Queries queries = Queries.of(client, () -> committedHeight(blocks, events));
      HealthProbe probe = new HealthProbe(config, profile.channel(), Clock.systemUTC());
      probe.start();
      List<Page> pages =
          List.of(
              new HealthPage(probe, blocks, events, profile.channel()),
              new BlocksPage(blocks),
              new SlicesPage(queries),
              new SlicePage(queries),
              new EscrowPage(queries),
              new TokensPage(queries),
              new AuctionsPage(queries),
              new ApplicationsPage(queries));
      SSLContext tls = null;
      if (config.serverTls() != null) {
        tls =
            Tls.context(
                Path.of(config.serverTls().caFile()),
                Path.of(config.serverTls().certFile()),
                Path.of(config.serverTls().keyFile()));
      }
      ViewServer server =
          ViewServer.start(new InetSocketAddress(config.bind(), config.port()), tls, pages, events);
      return new OperatorView(
          connection, feed, blocks, queries, server, profile.org(config.org()).mspId());
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * The height the view knows to be committed: one past the newest block it read, or past the block
   * of the newest chaincode event, whichever is higher. The two arrive on separate streams, and an
   * event may come before its block; the state it reports is committed either way, so a page
   * refreshed for it must not get an answer cached before that block.
   */
  static long committedHeight(final BlockLog blocks, final EventLog events) {
    return Math.max(blocks.nextBlock(), events.latest().map(id -> id.block() + 1).orElse(0L));
  }

  /** The port it listens on. */
  public int port() {
    return server.port();
  }

  /** The MSP of the user it reads as. */
  public String mspId() {
    return mspId;
  }

  /** The number the next block the view reads will have (its height). */
  public long height() {
    return blocks.nextBlock();
  }

  /** How many queries have reached the peer since it started ({@link Queries#evaluated}). */
  public long queriesEvaluated() {
    return queries.evaluated();
  }

  @Override
  public void close() {
    server.close();
    feed.close();
    connection.close();
  }
}

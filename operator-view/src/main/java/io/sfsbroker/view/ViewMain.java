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
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;

/**
 * The operator view as a process: {@code java io.sfsbroker.view.ViewMain view.json}. Connects to
 * the peer of the configured org as its ordinary user, subscribes to chaincode and block events,
 * serves the pages until SIGTERM. {@code ./sfsbroker view up} starts it.
 */
public final class ViewMain {

  static final int EVENTS_KEPT = 50_000;
  static final int BLOCKS_KEPT = 5_000;

  private ViewMain() {}

  /** Runs the view of the config file {@code args[0]}. */
  public static void main(final String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: ViewMain VIEW_JSON (./sfsbroker view up writes one)");
      System.exit(2);
    }
    ViewConfig config = ViewConfig.load(Path.of(args[0]));
    NetworkProfile profile = NetworkProfile.load(Path.of(config.network()));
    GatewayConnection connection =
        GatewayConnection.asUser(profile.org(config.org()), Deadlines.DEFAULT);
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
    Queries queries = Queries.of(client, blocks::nextBlock);
    HealthProbe probe = new HealthProbe(config, profile.channel(), Clock.systemUTC());
    List<Page> pages =
        List.of(
            new HealthPage(probe, blocks, events, profile.channel()),
            new BlocksPage(blocks),
            new SlicesPage(queries),
            new SlicePage(queries),
            new EscrowPage(queries),
            new TokensPage(queries),
            new AuctionsPage(events, queries),
            new ApplicationsPage(events, queries));
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
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  feed.close();
                  connection.close();
                  stopped.countDown();
                },
                "sfsb-view-stop"));
    System.out.println(
        "operator view running on "
            + (tls == null ? "http" : "https")
            + "://"
            + config.bind()
            + ":"
            + server.port()
            + "/ as "
            + profile.org(config.org()).mspId()
            + " user");
    stopped.await();
  }
}

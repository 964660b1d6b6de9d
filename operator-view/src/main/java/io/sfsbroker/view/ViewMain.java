package io.sfsbroker.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The operator view as a process: {@code java io.sfsbroker.view.ViewMain view.json}. Connects to
 * the peer of the configured org as its ordinary user, subscribes to chaincode and block events,
 * serves the pages until SIGTERM. {@code ./sfsbroker view up} starts it.
 */
public final class ViewMain {

  private ViewMain() {}

  /** Runs the view of the config file {@code args[0]}. */
  public static void main(final String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: ViewMain VIEW_JSON (./sfsbroker view up writes one)");
      System.exit(2);
    }
    ViewConfig config = ViewConfig.load(Path.of(args[0]));
    OperatorView view = OperatorView.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  view.close();
                  stopped.countDown();
                },
                "sfsb-view-stop"));
    System.out.println(
        "operator view running on "
            + (config.plainHttp() ? "http" : "https")
            + "://"
            + config.bind()
            + ":"
            + view.port()
            + "/ as "
            + view.mspId()
            + " user");
    stopped.await();
  }
}

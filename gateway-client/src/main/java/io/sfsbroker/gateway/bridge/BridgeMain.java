package io.sfsbroker.gateway.bridge;

import io.sfsbroker.device.ConsoleLog;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the bridge until it is stopped (SIGTERM, Ctrl-C): {@code java
 * io.sfsbroker.gateway.bridge.BridgeMain bridge.json} (see {@link BridgeConfig} for the file).
 */
public final class BridgeMain {

  private BridgeMain() {}

  /**
   * Starts the bridge with the configuration file named by the only argument.
   *
   * @param args the configuration file
   */
  public static void main(final String[] args) throws InterruptedException {
    if (args.length != 1 || args[0].startsWith("-")) {
      System.err.println("usage: BridgeMain BRIDGE_CONFIG.json");
      System.exit(2);
    }
    // One line per record from INFO on: the scripts wait for the bridge's "running on" line.
    ConsoleLog.configure(System.Logger.Level.INFO);
    BridgeConfig config;
    try {
      config = BridgeConfig.load(Path.of(args[0]));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Bridge bridge = Bridge.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  bridge.close();
                  stopped.countDown();
                },
                "sfsb-bridge-shutdown"));
    System.out.println(
        "bridge "
            + config.clientId()
            + " running on "
            + config.brokerUrl()
            + "; stop with SIGTERM");
    stopped.await();
  }
}

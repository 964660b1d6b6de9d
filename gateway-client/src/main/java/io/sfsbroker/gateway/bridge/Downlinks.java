package io.sfsbroker.gateway.bridge;

/**
 * Where the bridge's parts publish what goes to devices: receipts, notices and query answers. The
 * broker session is the one implementation; unit tests record what would be published.
 */
interface Downlinks {

  /**
   * Publishes {@code payload} on {@code topic} at QoS 1 and waits until the broker has it; false
   * when the bridge is stopping first.
   */
  boolean publish(String topic, String payload) throws InterruptedException;
}

package io.sfsbroker.fog;

import io.sfsbroker.device.DeviceConfig;
import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Uplink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What the agent needs of its link to the bridge: the part of {@link DeviceLink} it uses. The seam
 * lets tests play the bridge in-process; {@link #open} gives the real link.
 */
interface BrokerLink extends AutoCloseable {

  /** Opens a link to the bridge; it connects in the background. */
  interface Opener {
    /** Opens the link of {@code device}; every notice for it goes to {@code notices}. */
    BrokerLink open(DeviceConfig device, Clock clock, Consumer<Notice> notices);
  }

  /** The real link: a {@link DeviceLink} with its persistent session and durable outbox. */
  Opener MQTT =
      (device, clock, notices) -> {
        requireReadable("device.caFile", device.caFile());
        requireReadable("device.certFile", device.certFile());
        requireReadable("device.keyFile", device.keyFile());
        return new Mqtt(DeviceLink.start(device, clock, notices));
      };

  private static void requireReadable(final String field, final Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          field
              + ": cannot read "
              + file.normalize()
              + " (copy the file there; on the broker's host ./sfsbroker mqtt issue ID fog-node"
              + " makes a device key and certificate)");
    }
  }

  /** The device id, which is the signer of everything sent. */
  String id();

  /** Signs and sends {@code body}; it is durable in the outbox when this returns. */
  DeviceLink.Sent send(Uplink uplink, Object body);

  /** The receipt of the message with {@code nonce}; {@link TimeoutException} if none in time. */
  Receipt awaitReceipt(String nonce, Duration timeout)
      throws TimeoutException, InterruptedException;

  /** Whether the broker is connected now. */
  boolean isConnected();

  /** Waits until the link has connected once; false if not within {@code timeout}. */
  boolean awaitFirstConnection(Duration timeout) throws InterruptedException;

  /** How many messages wait in the outbox. */
  int pending();

  /** The ledger state of each of the device's slices (see {@link DeviceLink#sliceStates}). */
  Map<String, String> sliceStates(List<String> sliceIds, Duration timeout)
      throws TimeoutException, InterruptedException;

  @Override
  void close();

  /** {@link BrokerLink} over a {@link DeviceLink}. */
  final class Mqtt implements BrokerLink {
    private final DeviceLink link;

    Mqtt(final DeviceLink link) {
      this.link = link;
    }

    @Override
    public String id() {
      return link.id();
    }

    @Override
    public DeviceLink.Sent send(final Uplink uplink, final Object body) {
      return link.send(uplink, body);
    }

    @Override
    public Receipt awaitReceipt(final String nonce, final Duration timeout)
        throws TimeoutException, InterruptedException {
      return link.awaitReceipt(nonce, timeout);
    }

    @Override
    public boolean isConnected() {
      return link.isConnected();
    }

    @Override
    public boolean awaitFirstConnection(final Duration timeout) throws InterruptedException {
      return link.awaitFirstConnection(timeout);
    }

    @Override
    public int pending() {
      return link.pending();
    }

    @Override
    public Map<String, String> sliceStates(final List<String> sliceIds, final Duration timeout)
        throws TimeoutException, InterruptedException {
      return link.sliceStates(sliceIds, timeout);
    }

    @Override
    public void close() {
      link.close();
    }
  }
}

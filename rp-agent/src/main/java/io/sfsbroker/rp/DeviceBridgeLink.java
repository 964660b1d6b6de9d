package io.sfsbroker.rp;

import io.sfsbroker.device.DeviceConfig;
import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Uplink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** The agent's {@link BridgeLink} over MQTT: a {@link DeviceLink}. */
final class DeviceBridgeLink implements BridgeLink {

  private final DeviceLink link;

  private DeviceBridgeLink(final DeviceLink link) {
    this.link = link;
  }

  /** Opens the link of {@code device}; it connects in the background. */
  static DeviceBridgeLink start(
      final DeviceConfig device, final Clock clock, final Consumer<Notice> notices) {
    return new DeviceBridgeLink(DeviceLink.start(device, clock, notices));
  }

  @Override
  public String send(final Uplink uplink, final Object body) {
    return link.send(uplink, body).nonce();
  }

  @Override
  public Receipt awaitReceipt(final String nonce, final Duration timeout)
      throws TimeoutException, InterruptedException {
    return link.awaitReceipt(nonce, timeout);
  }

  @Override
  public Map<String, String> sliceStates(final List<String> sliceIds, final Duration timeout)
      throws TimeoutException, InterruptedException {
    return link.sliceStates(sliceIds, timeout);
  }

  @Override
  public boolean awaitConnection(final Duration timeout) throws InterruptedException {
    return link.awaitFirstConnection(timeout);
  }

  @Override
  public void close() {
    link.close();
  }
}

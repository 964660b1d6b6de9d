package io.sfsbroker.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.system.SystemStack.Fog;
import io.sfsbroker.gateway.system.SystemStack.Rp;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A slice's validity ends by itself on the real stack: nobody but the bridge's keeper acts after
 * the handover, yet the slice is decommissioned once its validity ends, the RP agent removes its
 * container, and the RP was paid once.
 */
class SliceExpiryIT {

  private static final long VALIDITY_SECONDS = 20;
  private static SystemStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = new SystemStack("expiry");
    stack.startBridge();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void sliceInService_pastItsValidity_isDecommissionedAndItsContainerRemoved() throws Exception {
    Rp rp = stack.rp("rp-exp", SystemStack.terms(2000, 2048));
    Fog fog = stack.fog("fog-exp");
    long fogBefore = stack.balance(fog.id());

    SystemStack.Pending pending =
        SystemStack.request(
            fog, SystemStack.request(5).withValidity(VALIDITY_SECONDS), /* confirmService */ true);
    pending.report().get();
    String id = pending.sliceId();
    SystemStack.await(
        "slice " + id + " in service",
        Duration.ofSeconds(60),
        () -> Optional.of(stack.sliceState(id)).filter("IN_SERVICE"::equals));
    assertThat(stack.containersOf(id)).isNotEmpty();
    JsonObject serving = stack.read(TransactionName.SLICE_GET_SLICE, id);
    Instant validUntil = Instant.parse(serving.get("validUntil").getAsString());
    long price = fogBefore - stack.balance(fog.id());
    assertThat(price).isPositive();
    assertThat(stack.balance(rp.id())).isEqualTo(price);

    SystemStack.await(
        "slice " + id + " decommissioned by the keeper",
        Duration.ofSeconds(VALIDITY_SECONDS + 60),
        () -> Optional.of(stack.sliceState(id)).filter("DECOMMISSIONED"::equals));
    Instant decommissioned =
        Instant.parse(
            stack.read(TransactionName.SLICE_GET_SLICE, id).get("updatedAt").getAsString());
    SystemStack.await(
        "the containers of " + id + " removed",
        Duration.ofSeconds(60),
        () -> stack.containersOf(id).isEmpty() ? Optional.of(true) : Optional.empty());
    System.out.printf(
        Locale.ROOT,
        "[keeper] validity ended at %s; decommissioned %d ms later, containers gone %d ms after"
            + " that%n",
        validUntil,
        Duration.between(validUntil, decommissioned).toMillis(),
        Duration.between(decommissioned, Instant.now()).toMillis());
    assertThat(stack.balance(rp.id())).isEqualTo(price);
    assertThat(stack.balance(fog.id())).isEqualTo(fogBefore - price);
  }
}

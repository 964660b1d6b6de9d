package io.sfsbroker.fog;

import io.sfsbroker.protocol.slice.Endpoint;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The agent's link and, when asked, the ledger state of some of its slices.
 *
 * @param fogNodeId the fog node
 * @param brokerUrl the broker it connects to
 * @param connected whether it reached the broker
 * @param pending how many signed messages wait in the outbox for the broker
 * @param unanswered how many signed messages have no verdict yet (those waiting for the broker, and
 *     those the broker took that got no receipt or only {@code UNAVAILABLE}: they are sent again
 *     until they have one)
 * @param slices slice id → ledger state ({@code ACTIVE}, …, {@code NOT_FOUND}); empty when none was
 *     asked or the bridge did not answer
 * @param endpoints slice id → where its parts are reached, for the asked slices this fog node holds
 *     (its bundle tokens: requested by it or received by transfer) once they are active
 * @param note why the slices could not be asked, or {@code null}
 */
public record AgentStatus(
    String fogNodeId,
    String brokerUrl,
    boolean connected,
    int pending,
    int unanswered,
    SortedMap<String, String> slices,
    SortedMap<String, List<Endpoint>> endpoints,
    String note) {

  /** Copies the states and endpoints. */
  public AgentStatus {
    slices = Collections.unmodifiableSortedMap(new TreeMap<>(slices == null ? Map.of() : slices));
    SortedMap<String, List<Endpoint>> copied = new TreeMap<>();
    if (endpoints != null) {
      endpoints.forEach((id, list) -> copied.put(id, List.copyOf(list)));
    }
    endpoints = Collections.unmodifiableSortedMap(copied);
  }
}

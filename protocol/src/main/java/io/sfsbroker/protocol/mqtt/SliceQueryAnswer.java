package io.sfsbroker.protocol.mqtt;

import io.sfsbroker.protocol.slice.Endpoint;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The bridge's answer to a device's query on its {@link Downlink#QUERY} topic (docs/protocol.md,
 * "Queries"): the state of each slice asked about and, for the slices the device holds, their
 * endpoints; or a refusal.
 *
 * @param ver the protocol version, 1
 * @param nonce the query's nonce, by which the device matches the answer
 * @param slices slice id → state name ({@code ACTIVE}, …, {@code NOT_FOUND} for a slice the device
 *     is neither tenant, winner nor holder of); {@code null} when refused
 * @param endpoints slice id → where its parts are reached, only for slices whose bundle tokens the
 *     device holds ({@code slice:getSliceEndpoints}); empty when it holds none
 * @param code {@code MALFORMED} when the query was refused, else {@code null}
 * @param reason why it was refused, else {@code null}
 */
public record SliceQueryAnswer(
    int ver,
    String nonce,
    SortedMap<String, String> slices,
    SortedMap<String, List<Endpoint>> endpoints,
    String code,
    String reason) {

  /** Copies the maps; missing endpoints are none. */
  public SliceQueryAnswer {
    slices = slices == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(slices));
    SortedMap<String, List<Endpoint>> copied = new TreeMap<>();
    if (endpoints != null) {
      endpoints.forEach((id, list) -> copied.put(id, List.copyOf(list)));
    }
    endpoints = Collections.unmodifiableSortedMap(copied);
  }

  /** An answer with the states {@code slices} and the endpoints of the held ones. */
  public static SliceQueryAnswer of(
      final String nonce,
      final Map<String, String> slices,
      final Map<String, List<Endpoint>> endpoints) {
    return new SliceQueryAnswer(
        1, nonce, new TreeMap<>(slices), new TreeMap<>(endpoints), null, null);
  }

  /** Whether the bridge answered the question (rather than refusing it). */
  public boolean answered() {
    return slices != null;
  }
}
